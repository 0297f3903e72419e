package ca.gagephysio.site.cache;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.shared.PublicContentChanged;
import ca.gagephysio.site.http.WebSecurityConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every public page through the real application and the one {@link PageCache}: rendered once, then served as
 * stored bytes in either encoding, with a weak ETag that answers 304; what is not kept (a 404, a query parameter the
 * page does not read); and what drops it. Whether a page is rendered is read from the cache's render counter, not
 * from timing. Changes made by the features (an article edited, a clinician changed, a scheduled time passing) are
 * proved in their own tests ({@code ArticleCacheTests}, {@code ArticleEditorTests}, {@code TeamPageCacheTests}).
 */
@ClinicIntegrationTest
class PublicPageCacheTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	PageCache cache;

	@Autowired
	ApplicationEventPublisher events;

	@ParameterizedTest
	@ValueSource(strings = { "/", "/articles", "/articles/massage-for-back-pain", "/team",
			"/team/valerie-van-woudenberg", "/privacy", "/feed.xml", "/sitemap.xml", "/robots.txt" })
	void aPublicPageIsRenderedOnceAndThenServedFromTheCacheInEitherEncodingWithA304(String path) throws IOException {
		MvcTestResult first = mvc.get().uri(path).exchange();
		assertThat(first).hasStatusOk();
		long rendered = cache.renders();

		MvcTestResult identity = mvc.get().uri(path).header("Accept-Encoding", "identity").exchange();
		MvcTestResult gzip = mvc.get().uri(path).header("Accept-Encoding", "gzip, deflate, br").exchange();

		assertThat(cache.renders()).as("renders of %s after the first request", path).isEqualTo(rendered);
		String etag = first.getResponse().getHeader("ETag");
		assertThat(etag).startsWith("W/\"");
		for (MvcTestResult result : new MvcTestResult[] { identity, gzip }) {
			assertThat(result).hasStatusOk();
			assertThat(result).headers()
				.hasValue("ETag", etag)
				.hasValue("Cache-Control", "no-cache, public")
				.hasValue("Vary", "Accept-Encoding");
			assertThat(result.getResponse().getContentType()).isEqualTo(first.getResponse().getContentType())
				.endsWith("charset=UTF-8");
		}
		boolean html = first.getResponse().getContentType().startsWith("text/html");
		for (MvcTestResult result : new MvcTestResult[] { first, identity, gzip }) {
			assertThat(result.getResponse().getHeaders("Content-Language")).as("Content-Language of %s", path)
				.isEqualTo(html ? List.of("en-CA") : List.of());
		}
		assertThat(identity.getResponse().getHeader("Content-Encoding")).isNull();
		assertThat(gzip).headers().hasValue("Content-Encoding", "gzip");
		assertThat(gunzip(gzip.getResponse().getContentAsByteArray()))
			.isEqualTo(identity.getResponse().getContentAsByteArray())
			.isEqualTo(first.getResponse().getContentAsByteArray());

		MvcTestResult notModified = mvc.get().uri(path).header("If-None-Match", etag).exchange();
		assertThat(notModified).hasStatus(304);
		assertThat(notModified.getResponse().getContentAsByteArray()).isEmpty();
		assertThat(cache.renders()).isEqualTo(rendered);
	}

	@Test
	void theInquiryFormIsRenderedOnceAndNotKeptByBrowsers() {
		assertThat(mvc.get().uri("/inquiry").exchange()).hasStatusOk();
		long rendered = cache.renders();

		MvcTestResult again = mvc.get().uri("/inquiry?from=home&utm_source=newsletter").exchange();

		assertThat(again).hasStatusOk();
		assertThat(cache.renders()).isEqualTo(rendered);
		assertThat(again.getResponse().getHeader("ETag")).isNull();
		assertThat(again.getResponse().getHeader("Cache-Control")).contains("no-store");
		assertThat(again).headers().hasValue("Vary", "Accept-Encoding");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/team/no-such-clinician", "/articles/no-such-article", "/articles?page=999" })
	void aPageThatDoesNotExistIsNotKept(String path) {
		mvc.get().uri("/").exchange();
		int size = cache.size();

		assertThat(mvc.get().uri(path).exchange()).hasStatus(404);
		assertThat(mvc.get().uri(path).exchange()).hasStatus(404);

		assertThat(cache.size()).isEqualTo(size);
	}

	@Test
	void queryParametersThePageDoesNotReadServeTheSamePageRatherThanACopy() {
		String etag = mvc.get().uri("/").exchange().getResponse().getHeader("ETag");
		long rendered = cache.renders();
		int size = cache.size();

		MvcTestResult tagged = mvc.get().uri("/?utm_source=newsletter&fbclid=abc").exchange();

		assertThat(tagged).headers().hasValue("ETag", etag);
		assertThat(cache.renders()).isEqualTo(rendered);
		assertThat(cache.size()).isEqualTo(size);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/articles/massage-for-back-pain", "/team/valerie-van-woudenberg", "/inquiry" })
	void aChangeOnEveryPageMakesTheNextRequestRenderThePageAgain(String path) {
		mvc.get().uri(path).exchange();
		long rendered = cache.renders();

		events.publishEvent(PublicContentChanged.everyPage("clinic facts"));

		assertThat(mvc.get().uri(path).exchange()).hasStatusOk();
		assertThat(cache.renders()).isEqualTo(rendered + 1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/articles", "/articles/massage-for-back-pain", "/team",
			"/team/valerie-van-woudenberg", "/privacy", "/feed.xml", "/sitemap.xml", "/robots.txt" })
	void onceSentAPageIsAnsweredBeforeSpringWithExactlyTheHeadersAndBytesSpringSent(String path) {
		cache.dropAll();
		MvcTestResult throughSpring = mvc.get().uri(path).header("Accept-Encoding", "gzip").exchange();
		long answered = cache.storedAnswers();

		MvcTestResult gzip = mvc.get().uri(path).header("Accept-Encoding", "gzip").exchange();
		MvcTestResult identity = mvc.get().uri(path).exchange();

		assertThat(cache.storedAnswers()).as("answered by the front door").isEqualTo(answered + 2);
		assertThat(headers(gzip)).isEqualTo(headers(throughSpring))
			.containsKeys("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy",
					"Permissions-Policy", "Cross-Origin-Opener-Policy", "Cache-Control", "ETag", "Vary");
		assertThat(gzip.getResponse().getContentAsByteArray())
			.isEqualTo(throughSpring.getResponse().getContentAsByteArray());
		assertThat(identity.getResponse().getHeader("Content-Encoding")).isNull();
		assertThat(identity.getResponse().getContentType()).isEqualTo(throughSpring.getResponse().getContentType());
	}

	@Test
	void aResponseKeptOverHttpsCarriesHstsAndOneKeptOverHttpDoesNot() {
		cache.dropAll();
		mvc.get().uri("/privacy").exchange();
		mvc.get().uri("https://localhost/privacy").exchange();
		long answered = cache.storedAnswers();

		MvcTestResult http = mvc.get().uri("/privacy").exchange();
		MvcTestResult https = mvc.get().uri("https://localhost/privacy").exchange();

		assertThat(cache.storedAnswers()).isEqualTo(answered + 2);
		assertThat(http.getResponse().getHeader("Strict-Transport-Security")).isNull();
		assertThat(https.getResponse().getHeader("Strict-Transport-Security"))
			.startsWith("max-age=" + WebSecurityConfig.HSTS_MAX_AGE_SECONDS)
			.contains("includeSubDomains");
	}

	@Test
	void aReturningBrowserRevalidatesAndTheFrontDoorAnswers304UntilThePageChanges() {
		cache.dropAll();
		MvcTestResult first = mvc.get().uri("/articles").exchange();
		String etag = first.getResponse().getHeader("ETag");
		assertThat(first).headers().hasValue("Cache-Control", "no-cache, public");
		long answered = cache.storedAnswers();
		long rendered = cache.renders();

		MvcTestResult notModified = mvc.get().uri("/articles").header("If-None-Match", etag).exchange();
		MvcTestResult otherTag = mvc.get().uri("/articles").header("If-None-Match", "W/\"0old\"").exchange();

		assertThat(notModified).hasStatus(304);
		assertThat(notModified.getResponse().getContentAsByteArray()).isEmpty();
		assertThat(notModified).headers()
			.hasValue("ETag", etag)
			.hasValue("Cache-Control", "no-cache, public")
			.hasValue("Vary", "Accept-Encoding");
		assertThat(otherTag).hasStatusOk();
		assertThat(otherTag).headers().hasValue("ETag", etag);
		assertThat(cache.storedAnswers()).as("both answered by the front door").isEqualTo(answered + 2);
		assertThat(cache.renders()).isEqualTo(rendered);

		// after a drop the front door knows nothing; Spring renders the page again and compares (ArticleCacheTests
		// shows a changed page then gets a new ETag and a 200)
		events.publishEvent(PublicContentChanged.everyPage("an article published"));
		assertThat(mvc.get().uri("/articles").header("If-None-Match", etag).exchange()).hasStatus(304);
		assertThat(cache.storedAnswers()).isEqualTo(answered + 2);
		assertThat(cache.renders()).isEqualTo(rendered + 1);
	}

	@Test
	void aQueryStringAHeadAndAPostGoThroughSpring() {
		cache.dropAll();
		mvc.get().uri("/team").exchange();
		long answered = cache.storedAnswers();

		assertThat(mvc.get().uri("/team?utm_source=newsletter").exchange()).hasStatusOk();
		assertThat(mvc.get().uri("/team?utm_source=newsletter").exchange()).hasStatusOk();
		assertThat(mvc.head().uri("/team").exchange()).hasStatusOk();
		assertThat(mvc.post().uri("/team").exchange()).hasStatus(405);
		assertThat(cache.storedAnswers()).isEqualTo(answered);

		assertThat(mvc.get().uri("/team").exchange()).hasStatusOk();
		assertThat(cache.storedAnswers()).isEqualTo(answered + 1);
	}

	@Test
	void aDropStopsTheFrontDoorAnsweringUntilThePageIsSentAgain() {
		mvc.get().uri("/").exchange();
		mvc.get().uri("/").exchange();
		long answered = cache.storedAnswers();
		long rendered = cache.renders();

		events.publishEvent(PublicContentChanged.everyPage("clinic facts"));
		mvc.get().uri("/").exchange();
		mvc.get().uri("/").exchange();

		assertThat(cache.renders()).isEqualTo(rendered + 1);
		assertThat(cache.storedAnswers()).isEqualTo(answered + 1);
	}

	@Test
	void onceSentTheInquiryFormIsAnsweredBeforeSpringWithItsHeadersAndEachRequestsOwnTokenAndSource()
			throws IOException {
		cache.dropAll();
		MvcTestResult throughSpring = mvc.get().uri("/inquiry").header("Accept-Encoding", "gzip").exchange();
		long answered = cache.storedAnswers();
		long rendered = cache.renders();

		MvcTestResult gzip = mvc.get().uri("/inquiry").header("Accept-Encoding", "gzip").exchange();
		MvcTestResult fromAnArticle = mvc.get().uri("/inquiry?from=knee&utm_campaign=spring").exchange();

		assertThat(cache.storedAnswers()).as("answered by the front door").isEqualTo(answered + 2);
		assertThat(cache.renders()).isEqualTo(rendered);
		assertThat(headers(gzip)).isEqualTo(headers(throughSpring))
			.containsKeys("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy",
					"Permissions-Policy", "Cross-Origin-Opener-Policy", "Vary", "Content-Language")
			.doesNotContainKey("ETag");
		assertThat(gzip.getResponse().getHeader("Cache-Control")).contains("no-store");
		String first = gunzip(throughSpring);
		String again = gunzip(gzip);
		String sourced = new String(fromAnArticle.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
		assertThat(token(again)).isNotEqualTo(token(first)).isNotEqualTo(token(sourced));
		assertThat(withoutToken(again)).isEqualTo(withoutToken(first));
		assertThat(sourced).contains("<input type=\"hidden\" name=\"from\" value=\"knee\">",
				"<input type=\"hidden\" name=\"utm_campaign\" value=\"spring\">");
		assertThat(again).doesNotContain("name=\"from\"");
	}

	@Test
	void aFormRequestSpringSecuritysFirewallRefusesIsRefusedAsBeforeAndNotAnsweredByTheFrontDoor() {
		// a control character in the Referer the form reads, a semicolon and an encoded slash in the path
		List<Supplier<MvcTestResult>> refused = List.of(
				() -> mvc.get().uri("/inquiry").header("Referer", "https://example.com/\u0001").exchange(),
				() -> mvc.get().uri("/inquiry;jsessionid=1").exchange(),
				() -> mvc.get().uri("/inquiry%2F").exchange());
		for (Supplier<MvcTestResult> request : refused) {
			cache.dropAll();
			assertThat(request.get()).as("through Spring").hasStatus(400);
			mvc.get().uri("/inquiry").exchange();
			long answered = cache.storedAnswers();

			assertThat(request.get()).as("once the front door has the form").hasStatus(400);
			assertThat(cache.storedAnswers()).isEqualTo(answered);
		}
		long answered = cache.storedAnswers();
		assertThat(mvc.get().uri("/inquiry?utm_source=newsletter").exchange()).hasStatusOk();
		assertThat(cache.storedAnswers()).isEqualTo(answered + 1);
	}

	private static String gunzip(MvcTestResult result) throws IOException {
		assertThat(result.getResponse().getHeader("Content-Encoding")).isEqualTo("gzip");
		return new String(new GZIPInputStream(new ByteArrayInputStream(result.getResponse()
			.getContentAsByteArray())).readAllBytes(), StandardCharsets.UTF_8);
	}

	private static final Pattern TOKEN = Pattern.compile("<input type=\"hidden\" name=\"token\" value=\"([^\"]+)\">");

	private static String token(String page) {
		Matcher token = TOKEN.matcher(page);
		assertThat(token.find()).as("the token field").isTrue();
		return token.group(1);
	}

	private static String withoutToken(String page) {
		return TOKEN.matcher(page).replaceAll("");
	}

	private static Map<String, List<String>> headers(MvcTestResult result) {
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (String name : result.getResponse().getHeaderNames()) {
			headers.put(name, result.getResponse().getHeaders(name));
		}
		return headers;
	}

	private static byte[] gunzip(byte[] gzip) throws IOException {
		return new GZIPInputStream(new ByteArrayInputStream(gzip)).readAllBytes();
	}

}

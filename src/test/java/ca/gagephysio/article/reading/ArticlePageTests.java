package ca.gagephysio.article.reading;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.LiveServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

@ClinicIntegrationTest
class ArticlePageTests {

	private static final String PATH = "/articles/massage-for-back-pain";

	@Autowired
	MockMvcTester mvc;

	@LocalServerPort
	int port;

	LiveServer server;

	@BeforeEach
	void connect() {
		server = new LiveServer(port);
	}

	@Test
	void articlePageShowsTheArticleWithItsHeadingsListsAndCallsToAction() {
		MvcTestResult page = mvc.get().uri(PATH).exchange();

		assertThat(page).hasStatusOk();
		assertThat(page).bodyText()
			.contains("<title>How Massage Therapy Can Relieve Your Back Pain | Gage Physiotherapy &amp; Foot Clinic</title>")
			.contains("<h1>How Massage Therapy Can Relieve Your Back Pain</h1>")
			.contains("<h2 id=\"freedom-from-back-pain-how-massage-works-to-relieve-pain\">")
			.contains(">What is Massage Therapy?</h2>")
			.contains(">How Do Massage Treatments Relieve Back Pain?</h2>")
			.contains(">What Types of Massage Are Recommended For Pain In The Back?</h2>")
			.contains(">What Are The Benefits of a Great Massage For Back Pain?</h2>")
			.contains(">How Frequently Should You Receive a Massage For Back Pain?</h2>")
			.contains(">How to Pick a Terrific Massage Therapist</h2>")
			.contains("<li><strong>Sports massage</strong>")
			.contains("<li><strong>Improved mood and outlook</strong>")
			.contains("Want Help Deciding if Physiotherapy is Right For You?")
			.contains("please fill out this 35-second form and tell us exactly how you want us to help you.")
			.contains("Call Gage Physiotherapy &amp; Foot Clinic soon and we can start relieving your back pain. Now booking new clients!")
			.doesNotContain("knee discomfort")
			.contains("href=\"/inquiry?from=massage-for-back-pain\"")
			.contains(">Inquire About Cost &amp; Availability</a>")
			.contains("Reviewed by Valerie van Woudenberg on November 25, 2026")
			.contains("<time datetime=\"2026-11-25\">November 25, 2026</time>")
			.contains("<a rel=\"author\" href=\"/team/valerie-van-woudenberg\">Valerie van Woudenberg</a>")
			.contains("minute read")
			.contains("alt=\"massage for back pain hamilton\" width=\"720\" height=\"405\"")
			.contains("https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Flocalhost%3A8080%2Farticles%2Fmassage-for-back-pain")
			.contains("https://x.com/intent/post?url=")
			.contains("https://www.linkedin.com/sharing/share-offsite/?url=")
			.contains("mailto:?subject=How%20Massage%20Therapy")
			.contains("About the author")
			.contains("<meta property=\"og:type\" content=\"article\">");
	}

	@Test
	void everyTableOfContentsEntryLeadsToAHeadingOfTheBody() throws Exception {
		String html = mvc.get().uri(PATH).exchange().getResponse().getContentAsString();

		java.util.regex.Matcher links = java.util.regex.Pattern.compile("<li><a href=\"#([a-z0-9-]+)\">").matcher(html);
		int count = 0;
		while (links.find()) {
			assertThat(html).contains("<h2 id=\"" + links.group(1) + "\">");
			count++;
		}
		assertThat(count).isEqualTo(7);
	}

	@Test
	void structuredDataIsAReviewedMedicalWebPageAboutBackPainWhoseMainEntityIsTheArticle() throws Exception {
		String html = mvc.get().uri(PATH).exchange().getResponse().getContentAsString();
		JsonNode graph = JsonMapper.shared().readTree(jsonLd(html)).get("@graph");

		JsonNode website = node(graph, "WebSite");
		JsonNode clinic = node(graph, "MedicalClinic");
		JsonNode page = node(graph, "MedicalWebPage");
		JsonNode article = node(graph, "Article");
		JsonNode author = node(graph, "Person");
		node(graph, "BreadcrumbList");

		assertThat(clinic.get("@type").toString()).isEqualTo("[\"MedicalClinic\",\"Physiotherapy\"]");
		assertThat(clinic.get("name").asString()).isEqualTo("Gage Physiotherapy & Foot Clinic");
		assertThat(clinic.get("medicalSpecialty").toString()).isEqualTo("[\"Physiotherapy\",\"Podiatric\"]");
		assertThat(clinic.get("address").get("addressLocality").asString()).isEqualTo("Hamilton");
		assertThat(clinic.get("geo").get("latitude").asDouble()).isEqualTo(43.24);
		assertThat(clinic.get("openingHoursSpecification")).as("Monday to Thursday, Friday, and the weekend closed")
			.hasSize(3);
		assertThat(clinic.get("openingHoursSpecification").get(2).get("opens").asString()).isEqualTo("00:00");
		assertThat(clinic.get("contactPoint").get("@type").asString()).isEqualTo("ContactPoint");
		assertThat(website.get("publisher").get("@id").asString()).isEqualTo(clinic.get("@id").asString());

		assertThat(page.get("about").get("name").asString()).isEqualTo("Back pain");
		assertThat(page.get("lastReviewed").asString()).isEqualTo("2026-11-25");
		assertThat(page.get("reviewedBy").get("@id").asString()).isEqualTo(author.get("@id").asString());
		assertThat(page.get("mainEntity").get("@id").asString()).isEqualTo(article.get("@id").asString());

		assertThat(article.get("headline").asString()).isEqualTo("How Massage Therapy Can Relieve Your Back Pain");
		assertThat(article.get("author").get("@id").asString()).isEqualTo(author.get("@id").asString());
		assertThat(article.get("publisher").get("@id").asString()).isEqualTo(clinic.get("@id").asString());
		assertThat(article.get("datePublished").asString()).isEqualTo("2026-11-25");
		assertThat(article.get("image").asString()).endsWith(".png");
		assertThat(author.get("name").asString()).isEqualTo("Valerie van Woudenberg");
		assertThat(author.get("jobTitle").asString()).isEqualTo("Physiotherapist");
		assertThat(author.get("worksFor").get("@id").asString()).isEqualTo(clinic.get("@id").asString());
	}

	@Test
	void articlePageIsPubliclyCacheableWithAWeakETagAndAnswersAMatchingIfNoneMatchWith304() {
		MvcTestResult first = mvc.get().uri(PATH).exchange();
		String etag = first.getResponse().getHeader("ETag");

		assertThat(etag).startsWith("W/\"");
		assertThat(first).headers().hasValue("Cache-Control", "no-cache, public").hasValue("Vary", "Accept-Encoding");

		MvcTestResult again = mvc.get().uri(PATH).header("If-None-Match", etag).exchange();
		assertThat(again).hasStatus(304);
		assertThat(again.getResponse().getContentAsByteArray()).isEmpty();

		MvcTestResult other = mvc.get().uri(PATH).header("If-None-Match", "W/\"something-else\"").exchange();
		assertThat(other).hasStatusOk();
	}

	@Test
	void aReaderAcceptingGzipGetsThePreCompressedPageAndOthersThePlainOne() throws Exception {
		HttpResponse<byte[]> gzipped = bytes(PATH, "gzip, deflate, br");
		HttpResponse<byte[]> plain = bytes(PATH, "identity");

		assertThat(gzipped.statusCode()).isEqualTo(200);
		assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(gzipped.headers().allValues("Vary").toString()).containsIgnoringCase("accept-encoding");
		String unzipped = new String(new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes(),
				StandardCharsets.UTF_8);
		assertThat(unzipped).contains("<h1>How Massage Therapy Can Relieve Your Back Pain</h1>").contains("</footer>\n</body>\n</html>");

		assertThat(plain.statusCode()).isEqualTo(200);
		assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
		assertThat(new String(plain.body(), StandardCharsets.UTF_8)).isEqualTo(unzipped);
		assertThat(gzipped.body().length).isLessThan(plain.body().length / 2);
	}

	@Test
	void aMatchingIfNoneMatchGets304OverRealHttpInBothEncodings() throws Exception {
		String etag = bytes(PATH, "gzip").headers().firstValue("ETag").orElseThrow();

		HttpResponse<byte[]> notModified = send(HttpRequest.newBuilder(server.uri(PATH))
			.header("Accept-Encoding", "gzip")
			.header("If-None-Match", etag)
			.build());

		assertThat(notModified.statusCode()).isEqualTo(304);
		assertThat(notModified.headers().firstValue("ETag")).hasValue(etag);
		assertThat(notModified.body()).isEmpty();
	}

	@Test
	void unknownArticleGetsTheSitesNotFoundPage() {
		HttpResponse<String> response = server.get("/articles/no-such-article", "Accept", "text/html");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("We couldn&#39;t find that page")
			.contains("noindex")
			.doesNotContain("Exception");
		assertThat(response.headers().firstValue("Cache-Control").orElse("")).doesNotContain("public");
	}

	@Test
	void articleListShowsTheArticleNewestFirstAndUnknownPagesAreNotFound() {
		MvcTestResult list = mvc.get().uri("/articles").exchange();

		assertThat(list).hasStatusOk();
		assertThat(list).bodyText()
			.contains("<h1>Health Tips</h1>")
			.contains("href=\"/articles/massage-for-back-pain\"");
		assertThat(mvc.get().uri("/articles?page=999").exchange()).hasStatus(404);
		assertThat(mvc.get().uri("/articles?page=0").exchange()).hasStatus(404);
		assertThat(mvc.get().uri("/articles?page=two").exchange()).hasStatus(400);
	}

	private HttpResponse<byte[]> bytes(String path, String acceptEncoding) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(server.uri(path)).header("Accept-Encoding", acceptEncoding).build());
	}

	private static HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
	}

	static String jsonLd(String html) {
		java.util.regex.Matcher script = java.util.regex.Pattern
			.compile("<script type=\"application/ld\\+json\">(.*?)</script>", java.util.regex.Pattern.DOTALL)
			.matcher(html);
		assertThat(script.find()).as("a JSON-LD block").isTrue();
		return script.group(1);
	}

	static JsonNode node(JsonNode graph, String type) {
		JsonNode match = null;
		for (JsonNode node : graph) {
			JsonNode types = node.get("@type");
			boolean matches = types.isArray() ? types.valueStream().anyMatch(t -> t.asString().equals(type))
					: types.asString().equals(type);
			if (matches) {
				assertThat(match).as("only one %s node", type).isNull();
				match = node;
			}
		}
		assertThat(match).as("a %s node", type).isNotNull();
		return match;
	}

}

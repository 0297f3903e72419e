package ca.gagephysio.article.staff;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.SettableClock;
import ca.gagephysio.article.ArticleRepository;
import ca.gagephysio.article.TestArticles;
import ca.gagephysio.staff.signin.StaffSessions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over real HTTP, since only Tomcat enforces its form limit: a long article is saved though every other form is
 * refused above {@code server.tomcat.max-http-form-post-size} (256 KB), and a post over the editor's own limit gets
 * the site's 413 page; a phone's 40 MB photo reaches the form and comes back on it with what was typed, and only a
 * request over the container's 100 MB gets the back office's 413 page.
 */
@ClinicIntegrationTest
class ArticleFormSizeTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Value("${clinic.admin.email}")
	String adminEmail;

	@Value("${clinic.admin.password}")
	String adminPassword;

	@Autowired
	SettableClock clock;

	@Autowired
	ArticleRepository articles;

	private final HttpClient browser = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/** Each sign-in's second step moves the shared clock on to a fresh code step: set it back for the next class. */
	@org.junit.jupiter.api.AfterEach
	void realTime() {
		clock.reset();
	}

	@Test
	void aLongArticleIsSavedThoughTomcatRefusesOtherFormsOverItsLimit() throws Exception {
		signIn();
		// 90,000 characters, within the editor's 100,000, but over 300 KB once percent-encoded (é is %C3%A9, « %C2%AB)
		String body = "« été » ".repeat(11250).strip() + "\n";
		assertThat(URLEncoder.encode(body, StandardCharsets.UTF_8).length()).isGreaterThan(300 * 1024);
		String title = "Long notes " + UUID.randomUUID();

		HttpResponse<String> saved = post("/staff/articles", articleForm(title, body, csrf("/staff/articles/new")));

		assertThat(saved.statusCode()).isEqualTo(302);
		String location = saved.headers().firstValue("Location").orElseThrow();
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		assertThat(articles.findById(id).orElseThrow().bodyMarkdown()).isEqualTo(body);
		assertThat(post("/inquiry", "name=Big&message=" + "a".repeat(300 * 1024)).statusCode()).isEqualTo(413);
	}

	@Test
	void anArticleFormOverTheEditorsLimitGetsTheBackOffices413Page() throws Exception {
		signIn();
		String token = csrf("/staff/articles/new");

		HttpResponse<String> refused = post("/staff/articles",
				articleForm("Too long", "x".repeat(600 * 1024), token));

		assertThat(refused.statusCode()).isEqualTo(413);
		assertThat(refused.body()).contains("That was more than the back office can take")
			.contains("your browser still has what you typed")
			.contains("href=\"/staff/inquiries\"");
	}

	@Test
	void aPhonesFortyMegabytePhotoComesBackOnTheFormWithTheAltTextKeptAndTheImageRuleSaid() throws Exception {
		signIn();
		long seed = articles.findBySlug("massage-for-back-pain").orElseThrow().id();
		String token = csrf("/staff/articles/" + seed);

		HttpResponse<String> refused = upload("/staff/articles/" + seed + "/hero", token,
				Map.of("alt", "A physiotherapist's hands on a lower back"), "image", 40 * 1024 * 1024);

		// the container let it through; the image module refused it by its own rule, on the editor itself
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("The photo is larger than 10 MB")
			.contains("value=\"A physiotherapist&#39;s hands on a lower back\"")
			.doesNotContain("That was more than the back office can take");
		assertThat(articles.findById(seed).orElseThrow().heroImageId()).isNull();
	}

	@Test
	void aClinicianFormWithAFortyMegabytePhotoComesBackWithEveryFieldKept() throws Exception {
		signIn();
		String token = csrf("/staff/team/new");
		Map<String, String> typed = new LinkedHashMap<>();
		typed.put("name", "Priya Large-Photo");
		typed.put("jobTitle", "Registered Physiotherapist");
		typed.put("profession", "Physiotherapist");
		typed.put("credentials", "MScPT");
		typed.put("bio", "Priya treats running injuries and writes her bios slowly.");
		typed.put("photoAlt", "Priya smiling in the clinic");

		HttpResponse<String> refused = upload("/staff/team", token, typed, "photo", 40 * 1024 * 1024);

		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("The photo is larger than 10 MB", "Priya Large-Photo", "MScPT",
				"Priya treats running injuries and writes her bios slowly.", "Priya smiling in the clinic");
	}

	@Autowired
	org.springframework.test.web.servlet.MockMvc mvc;

	/** The message and the kept alt text through MockMvc, as the editor renders them (the size itself is Tomcat's). */
	@Test
	void anImageOverTenMegabytesIsRefusedOnTheEditorWithItsMessageAndTheAltTextKept() throws Exception {
		long seed = articles.findBySlug("massage-for-back-pain").orElseThrow().id();
		String page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.multipart("/staff/articles/{id}/hero", seed)
			.file(new org.springframework.mock.web.MockMultipartFile("image", "phone.jpg", "image/jpeg",
					ca.gagephysio.image.TestImages.overTenMegabytes()))
			.param("alt", "Hands on a back")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
			.with(ca.gagephysio.staff.account.StaffTestAccounts.signedIn(adminEmail, "ADMIN", "STAFF")))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(page).contains("The photo is larger than 10 MB. Choose a smaller one", "value=\"Hands on a back\"",
				"aria-invalid=\"true\" aria-describedby=\"image-hint image-error\"");
		assertThat(articles.findById(seed).orElseThrow().heroImageId()).isNull();
	}

	@Test
	void anUploadOverTheRequestLimitGetsTheBackOffices413PageNotTheBrowsersOwn() throws Exception {
		signIn();
		long seed = articles.findBySlug("massage-for-back-pain").orElseThrow().id();
		String token = csrf("/staff/articles/" + seed);

		HttpResponse<String> refused = upload("/staff/articles/" + seed + "/hero", token, Map.of("alt", "Too big"),
				"image", 101 * 1024 * 1024);

		assertThat(refused.statusCode()).isEqualTo(413);
		assertThat(refused.body()).contains("That was more than the back office can take")
			.contains("An image can be up to 10 MB");
		assertThat(articles.findById(seed).orElseThrow().heroImageId()).isNull();
	}

	/** A multipart post as a browser sends it: the fields, then a JPEG-named file of {@code size} zero bytes. */
	private HttpResponse<String> upload(String path, String token, Map<String, String> fields, String fileField,
			int size) throws Exception {
		String boundary = "----clinic" + UUID.randomUUID();
		StringBuilder head = new StringBuilder("--" + boundary
				+ "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token + "\r\n");
		fields.forEach((name, value) -> head.append("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
				+ name + "\"\r\n\r\n" + value + "\r\n"));
		head.append("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
				+ "\"; filename=\"phone.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n");
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofByteArrays(
					List.of(head.toString().getBytes(StandardCharsets.UTF_8), new byte[size], tail))));
	}

	private Map<String, String> articleForm(String title, String body, String token) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("_csrf", token);
		form.put("version", "");
		form.put("title", title);
		form.put("slug", "");
		form.put("summary", "A short summary.");
		form.put("category", "Health Tips");
		form.put("authorSlug", TestArticles.AUTHOR);
		form.put("reviewedBySlug", TestArticles.AUTHOR);
		form.put("lastReviewedOn", LocalDate.now().minusDays(1).toString());
		form.put("bodyMarkdown", body);
		return form;
	}

	private void signIn() throws Exception {
		HttpResponse<String> signedIn = post("/login",
				Map.of("email", adminEmail, "password", adminPassword, "_csrf", csrf("/login")));
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/staff/inquiries");
		StaffSessions.secondStep(new StaffSessions.HttpBrowser() {
			@Override
			public HttpResponse<String> get(String path) {
				try {
					return send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET());
				}
				catch (IOException | InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
			}

			@Override
			public HttpResponse<String> post(String path, Map<String, String> form) {
				try {
					return ArticleFormSizeTests.this.post(path, form);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}
		}, clock, adminEmail, signedIn);
	}

	private String csrf(String path) throws Exception {
		HttpResponse<String> page = send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET());
		Matcher token = CSRF.matcher(page.body());
		assertThat(token.find()).as("a CSRF token on %s", path).isTrue();
		return token.group(1);
	}

	private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
		return post(path, form.entrySet()
			.stream()
			.map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&")));
	}

	private HttpResponse<String> post(String path, String encoded) throws Exception {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(encoded)));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return browser.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

}

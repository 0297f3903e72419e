package ca.gagephysio.inquiry.form;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.LiveServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The form over real HTTP, for what only the real container shows: no cookie on any response, and a post that is
 * too big or cannot be read gets the site's own error page with the phone number, never a 500 or a stack trace
 * (MockMvc has no request-size limit and no error dispatch).
 */
@ClinicIntegrationTest
class InquiryFormHttpTests {

	@LocalServerPort
	int port;

	LiveServer server;

	@BeforeEach
	void connect() {
		server = new LiveServer(port);
	}

	@Autowired
	FormTokens tokens;

	@Test
	void showsTheFormAndTakesAnInquiryWithoutEverSettingACookie() {
		HttpResponse<String> form = server.get("/inquiry?from=massage-for-back-pain", "Accept", "text/html");
		assertThat(form.statusCode()).isEqualTo(200);
		assertThat(form.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(form.headers().firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("no-store"));

		String token = URLEncoder.encode(tokens.issue(Instant.now().minusSeconds(10)), StandardCharsets.UTF_8);
		HttpResponse<String> sent = post("token=" + token + "&name=" + URLEncoder.encode("王小明", StandardCharsets.UTF_8)
				+ "&phone=905-555-0177&service=BACK_PAIN&askingAbout=BOTH&consent=true&from=massage-for-back-pain");
		assertThat(sent.statusCode()).isEqualTo(303);
		assertThat(sent.headers().firstValue("Set-Cookie")).isEmpty();
		String location = sent.headers().firstValue("Location").orElseThrow();
		assertThat(location).matches(".*/inquiry/sent/[2-9A-Z]{4}-[2-9A-Z]{4}");

		HttpResponse<String> confirmation = server.get(URI.create(location).getPath(), "Accept", "text/html");
		assertThat(confirmation.statusCode()).isEqualTo(200);
		assertThat(confirmation.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(confirmation.body()).contains(location.substring(location.lastIndexOf('/') + 1));
	}

	@Test
	void aMessageFarOverItsLimitComesBackAsTheFormWithAnErrorAndTheTextKept() {
		String message = "Long story. " + "a".repeat(20_000);
		String token = URLEncoder.encode(tokens.issue(Instant.now().minusSeconds(10)), StandardCharsets.UTF_8);

		HttpResponse<String> response = post("token=" + token + "&name=Long+Story&phone=905-555-0178&service=BACK_PAIN"
				+ "&askingAbout=BOTH&consent=true&message=" + URLEncoder.encode(message, StandardCharsets.UTF_8));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("Your message must be 500 characters or fewer.")
			.contains(">" + message + "</textarea>")
			.contains("value=\"Long Story\"");
	}

	@Test
	void aNonAsciiMessageFarOverItsLimitStillComesBackAsTheForm() {
		// each of these characters takes nine bytes once percent-encoded: 20,000 of them are about 180 KB
		String message = "—".repeat(20_000);

		HttpResponse<String> response = post("name=Dash&phone=905-555-0179&service=BACK_PAIN&askingAbout=BOTH"
				+ "&consent=true&message=" + URLEncoder.encode(message, StandardCharsets.UTF_8));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("Your message must be 500 characters or fewer.")
			.contains(">" + message + "</textarea>");
	}

	@Test
	void aPostOfSeveralMegabytesGetsTheSitesErrorPage() {
		HttpResponse<String> response = post("name=Big&message=" + "a".repeat(3 * 1024 * 1024));

		assertThat(response.statusCode()).isEqualTo(413);
		assertSitesErrorPage(response);
	}

	@Test
	void aPostJustOverTheSizeLimitGetsTheSitesErrorPage() {
		HttpResponse<String> response = post("name=Big&message=" + "a".repeat(300 * 1024));

		assertThat(response.statusCode()).isEqualTo(413);
		assertSitesErrorPage(response);
	}

	@Test
	void aMalformedPostGetsTheSitesBadRequestPage() {
		HttpResponse<String> response = post("name=%zz&token=%&consent=true");

		assertThat(response.statusCode()).isEqualTo(400);
		assertSitesErrorPage(response);
	}

	private HttpResponse<String> post(String body) {
		return server.send(HttpRequest.newBuilder(server.uri("/inquiry"))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	private static void assertSitesErrorPage(HttpResponse<String> response) {
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(response.body()).contains("class=\"error-page\"")
			.contains("tel:+19055550100")
			.doesNotContain("Exception")
			.doesNotContain("Tomcat")
			.doesNotContain("at org.");
	}

}

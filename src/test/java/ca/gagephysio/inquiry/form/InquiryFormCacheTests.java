package ca.gagephysio.inquiry.form;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import ca.gagephysio.ClinicIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The form page is rendered once and each request gets its own token and lead source spliced in (see
 * {@link InquiryFormController#show}): every request still carries a fresh, valid token, the rest of the page is the
 * same for everyone, and what the visitor's address or referrer says is escaped like any other value.
 */
@ClinicIntegrationTest
class InquiryFormCacheTests {

	private static final Pattern TOKEN = Pattern.compile("<input type=\"hidden\" name=\"token\" value=\"([^\"]*)\">");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	FormTokens tokens;

	@Test
	void twoRequestsCarryDifferentValidTokensOnAnOtherwiseIdenticalPage() {
		String first = page(mvc.get().uri("/inquiry").exchange());
		String second = page(mvc.get().uri("/inquiry").exchange());

		String firstToken = token(first);
		String secondToken = token(second);
		assertThat(firstToken).isNotEqualTo(secondToken);
		assertThat(tokens.check(firstToken).signatureValid()).isTrue();
		assertThat(tokens.check(secondToken).signatureValid()).isTrue();
		assertThat(first.replace(firstToken, "")).isEqualTo(second.replace(secondToken, ""));
		assertThat(first).doesNotContain("token-slot-").contains("<h1>");
	}

	@Test
	void theGzippedFormIsTheSamePageAsThePlainOne() throws IOException {
		MvcTestResult gzip = mvc.get().uri("/inquiry?from=home").header("Accept-Encoding", "gzip").exchange();
		String plain = page(mvc.get().uri("/inquiry?from=home").exchange());

		assertThat(gzip).headers().hasValue("Content-Encoding", "gzip");
		String unzipped = new String(new GZIPInputStream(new ByteArrayInputStream(gzip.getResponse()
			.getContentAsByteArray())).readAllBytes(), StandardCharsets.UTF_8);
		assertThat(tokens.check(token(unzipped)).signatureValid()).isTrue();
		assertThat(unzipped.replace(token(unzipped), "")).isEqualTo(plain.replace(token(plain), ""));
	}

	@Test
	void theLeadSourceOfEachRequestIsInItsOwnPageAndNoOther() {
		String fromHome = page(mvc.get().uri("/inquiry").param("from", "home").param("utm_source", "news\"letter<b>")
			.exchange());
		String plain = page(mvc.get().uri("/inquiry").exchange());

		assertThat(fromHome).contains("<input type=\"hidden\" name=\"from\" value=\"home\">")
			.contains("<input type=\"hidden\" name=\"utm_source\" value=\"news&quot;letter&lt;b&gt;\">")
			.doesNotContain("letter<b>");
		assertThat(plain).doesNotContain("name=\"from\"").doesNotContain("name=\"utm_source\"");
	}

	private static String page(MvcTestResult result) {
		assertThat(result).hasStatusOk();
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	private static String token(String page) {
		Matcher token = TOKEN.matcher(page);
		assertThat(token.find()).as("the token field").isTrue();
		return token.group(1);
	}

}

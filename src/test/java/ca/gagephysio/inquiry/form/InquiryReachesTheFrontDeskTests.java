package ca.gagephysio.inquiry.form;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.inquiry.internal.InquiryStatus;
import ca.gagephysio.notification.SmtpServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static ca.gagephysio.notification.SmtpServer.htmlOf;
import static ca.gagephysio.notification.SmtpServer.textOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The whole way from the public form to the front desk's mailbox, through a real SMTP server: a person's post is
 * stored, confirmed, and then (not before) emailed about, without the message they wrote; a post caught as spam is
 * stored and emails no one.
 */
@ClinicIntegrationTest
class InquiryReachesTheFrontDeskTests {

	/** The test administrator: as shipped, every active staff account is alerted about new inquiries. */
	private static final String FRONT_DESK = "admin@test.gagephysio.ca";

	@Autowired
	MockMvc mvc;

	@Autowired
	FormTokens tokens;

	@Autowired
	InquiryRepository inquiries;

	@Value("${spring.mail.port}")
	int smtpPort;

	SmtpServer smtp;

	@BeforeEach
	void startSmtpServer() {
		smtp = SmtpServer.startOn(smtpPort);
	}

	@AfterEach
	void stopSmtpServer() {
		smtp.stop();
	}

	@Test
	void aPostedInquiryIsConfirmedAndEmailedToTheFrontDeskAndThePersonOnce() throws Exception {
		String email = "e2e-" + UUID.randomUUID() + "@example.org";
		String message = "Lower back stiffness every morning " + UUID.randomUUID();

		Inquiry inquiry = inquiryAt(mvc.perform(form(tokens.issue(Instant.now().minusSeconds(20)), email, message))
			.andReturn());

		assertThat(inquiry.getStatus()).isEqualTo(InquiryStatus.NEW);
		// every staff account the suite created before is alerted too, and their emails wait for this server as well:
		// on a slower database the sender needs more than the default ten seconds to work through them
		await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(smtp.messagesTo(FRONT_DESK, inquiry.getReference())).hasSize(1);
			assertThat(smtp.messagesTo(email, inquiry.getReference())).hasSize(1);
		});
		MimeMessage alert = smtp.messagesTo(FRONT_DESK, inquiry.getReference()).get(0);
		MimeMessage acknowledgement = smtp.messagesTo(email, inquiry.getReference()).get(0);
		assertThat(textOf(alert)).contains("/staff/inquiries/" + inquiry.getId());
		for (String part : List.of(textOf(alert), htmlOf(alert), textOf(acknowledgement), htmlOf(acknowledgement))) {
			assertThat(part).doesNotContain(message);
		}
	}

	@Test
	void aPostCaughtAsSpamIsKeptButEmailsNoOne() throws Exception {
		String email = "spam-" + UUID.randomUUID() + "@example.org";

		Inquiry inquiry = inquiryAt(mvc.perform(form(tokens.issue(Instant.now().minusSeconds(20)), email, "buy now")
			.param(InquiryForm.TRAP_PARAMETER, "https://cheap-pills.example")).andReturn());

		assertThat(inquiry.getStatus()).isEqualTo(InquiryStatus.SPAM);
		await().during(java.time.Duration.ofSeconds(2))
			.atMost(java.time.Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(smtp.messagesTo(email, "")).isEmpty());
		assertThat(smtp.messagesTo(FRONT_DESK, inquiry.getReference())).isEmpty();
	}

	private Inquiry inquiryAt(MvcResult result) {
		assertThat(result.getResponse().getStatus()).isEqualTo(303);
		String location = result.getResponse().getRedirectedUrl();
		assertThat(location).startsWith("/inquiry/sent/");
		return inquiries.findByReference(location.substring("/inquiry/sent/".length())).orElseThrow();
	}

	private static MockHttpServletRequestBuilder form(String token, String email, String message) {
		return post("/inquiry").with(request -> {
			request.setRemoteAddr("10.77.0." + (1 + (int) (Math.random() * 200)));
			return request;
		})
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.param("token", token)
			.param("name", "Front Desk Journey")
			.param("email", email)
			.param("service", "BACK_PAIN")
			.param("askingAbout", "BOTH")
			.param("message", message)
			.param("consent", "true");
	}

}

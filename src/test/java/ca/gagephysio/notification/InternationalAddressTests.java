package ca.gagephysio.notification;

import java.time.Duration;
import java.util.List;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.notification.PublicInquiryForm.Visitor;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static ca.gagephysio.notification.PublicInquiryForm.referenceOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * People whose email domain is not written in ASCII get their acknowledgement: the form accepts the address as
 * typed, and the email goes to the domain's ASCII form (IDNA), which every mail server accepts. An address with
 * letters beyond ASCII before the {@code @} is accepted too; sent with SMTPUTF8 where the server offers it
 * ({@link SmtpUtf8AddressTests}), and recorded as not deliverable where it does not (here: GreenMail offers none).
 */
@ClinicIntegrationTest
class InternationalAddressTests {

	/**
	 * How long an email may take to be sent: the outbox sends the longest-waiting first, so it works through the
	 * emails earlier tests left pending first, which on a loaded machine takes longer than Awaitility's 10 s.
	 */
	private static final Duration OUTBOX_TURN = Duration.ofSeconds(60);

	private final PublicInquiryForm form;

	private final MockMvc mvc;

	private final InquiryRepository inquiries;

	private final NotificationRepository notifications;

	@RegisterExtension
	final SmtpServerPerTest mailServer = new SmtpServerPerTest();

	@Autowired
	InternationalAddressTests(MockMvc mvc, InquiryRepository inquiries, NotificationRepository notifications) {
		this.form = new PublicInquiryForm(mvc);
		this.mvc = mvc;
		this.inquiries = inquiries;
		this.notifications = notifications;
	}

	@Test
	void anInternationalizedDomainGetsItsAcknowledgementAtItsAsciiForm() throws Exception {
		List<MvcResult> posts = form.send(visitor("joerg@bücher.example"), visitor("info@παράδειγμα.example"),
				visitor("Maria@BÜCHER.example"));

		assertAcknowledgedOnceAt(referenceOf(posts.get(0)), "joerg@xn--bcher-kva.example");
		assertAcknowledgedOnceAt(referenceOf(posts.get(1)), "info@xn--hxajbheg2az3al.example");
		assertAcknowledgedOnceAt(referenceOf(posts.get(2)), "Maria@xn--bcher-kva.example");
	}

	@Test
	void lettersBeyondAsciiBeforeTheAtAreAcceptedAndTheOutboxSaysWhenTheServerCannotTakeThem() throws Exception {
		// GreenMail announces no SMTPUTF8 (RFC 6531): such an address cannot be given to it
		MvcResult post = form.send(visitor("jörg@bücher.example")).get(0);

		assertThat(post.getResponse().getStatus()).isEqualTo(303);
		String reference = referenceOf(post);
		long inquiryId = inquiries.findByReference(reference).orElseThrow().getId();
		assertThat(inquiries.findById(inquiryId).orElseThrow().getEmail()).isEqualTo("jörg@bücher.example");
		await().atMost(OUTBOX_TURN)
			.untilAsserted(() -> assertThat(notifications.findByInquiryIdOrderByCreatedAtAscIdAsc(inquiryId))
				.filteredOn(row -> !row.isStaffAlert())
				.singleElement()
				.satisfies(row -> {
					assertThat(row.getState()).isEqualTo(Notification.State.FAILED);
					assertThat(row.getAttempts()).isEqualTo(1);
					assertThat(row.getLastError()).contains("does not offer SMTPUTF8");
				}));
		assertThat(smtp().messagesTo("jörg@xn--bcher-kva.example", reference)).isEmpty();
	}

	@Test
	void aDomainThatIdnaVersionsWouldSendToDifferentPlacesIsRefusedAtTheForm() throws Exception {
		// IDNA2003 (the JDK's) maps faß to fass; IDNA2008 keeps ß: which one the person meant is not ours to guess.
		MvcResult post = form.send(visitor("post@faß.example")).get(0);

		assertThat(post.getResponse().getStatus()).isNotEqualTo(303);
		assertThat(post.getResponse().getContentAsString()).contains("Enter an email address like name@example.com.")
			.contains("value=\"post@faß.example\"");
	}

	private void assertAcknowledgedOnceAt(String reference, String asciiAddress) throws Exception {
		long inquiryId = inquiries.findByReference(reference).orElseThrow().getId();
		await().atMost(OUTBOX_TURN)
			.untilAsserted(() -> assertThat(smtp().messagesTo(asciiAddress, reference)).hasSize(1));
		MimeMessage acknowledgement = smtp().messagesTo(asciiAddress, reference).get(0);
		assertThat(acknowledgement.getRecipients(RecipientType.TO)).extracting(Object::toString)
			.containsExactly(asciiAddress);
		// The server has it before the sender records it as sent.
		await().atMost(OUTBOX_TURN)
			.untilAsserted(() -> assertThat(notifications.findByInquiryIdOrderByCreatedAtAscIdAsc(inquiryId))
				.filteredOn(row -> !row.isStaffAlert())
				.singleElement()
				.satisfies(row -> {
					assertThat(row.getState()).isEqualTo(Notification.State.SENT);
					assertThat(row.getAttempts()).isEqualTo(1);
				}));
	}

	private static Visitor visitor(String email) {
		return new Visitor("International Tester", email, null, "Hello");
	}

	private SmtpServer smtp() {
		return mailServer.server();
	}

}

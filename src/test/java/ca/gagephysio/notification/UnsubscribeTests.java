package ca.gagephysio.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.clinic.ClinicDates;
import ca.gagephysio.Race;
import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.inquiry.InquiryReplyWritten;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.site.ReplyToAddress;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static ca.gagephysio.notification.InquiryEmailTests.uniqueAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Canada's anti-spam law and RFC 8058 on the emails to a person: each identifies the clinic; one that is not a direct
 * answer to their inquiry carries a one-click unsubscribe, which works at once without sign-in, and the outbox sends
 * nothing more of the kind to that address. And while inbound mail is on, answers go to the clinic's mailbox.
 */
@ClinicIntegrationTest
class UnsubscribeTests {

	private static final Pattern UNSUBSCRIBE = Pattern.compile("<https?://[^/]+(/unsubscribe/[^>]+)>");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	PatientUpdates updates;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	NotificationRepository notifications;

	@Autowired
	MailSuppression suppression;

	@Autowired
	UnsubscribeTokens tokens;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	MessageSource messages;

	@Autowired
	ClinicFacts clinic;

	@Autowired
	NotificationSettings settings;

	@Autowired
	ReplyToAddress replyTo;

	@Autowired
	InboundMailProperties inbound;

	@Autowired
	JdbcClient jdbc;

	@Value("${spring.mail.port}")
	int smtpPort;

	SmtpServer smtp;

	@AfterEach
	void stopSmtp() {
		if (smtp != null) {
			smtp.stop();
		}
	}

	@Test
	void anEmailThatIsNotADirectAnswerCarriesAOneClickUnsubscribeThatWorksAtOnce() throws Exception {
		smtp = SmtpServer.startOn(smtpPort);
		String patient = uniqueAddress("waitlist");
		Inquiry inquiry = new SubmittedInquiries(inquiries, events, transactionManager).storeWithoutEvent(
				"Wanda Waitlist", patient, "Any opening");
		queue(inquiry, "An opening came up " + inquiry.getReference(), "first");

		MimeMessage sent = await().atMost(Duration.ofSeconds(30))
			.until(() -> smtp.messagesTo(patient, "An opening came up"), found -> found.size() == 1)
			.get(0);
		assertThat(sent.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
		Matcher link = UNSUBSCRIBE.matcher(sent.getHeader("List-Unsubscribe")[0]);
		assertThat(link.matches()).isTrue();
		assertThat(SmtpServer.textOf(sent)).contains("Sent by:", clinic.name(), clinic.address().oneLine(),
				clinic.phone(), clinic.url("/"), "unsubscribe");

		// what a mailbox provider sends (RFC 8058 section 3.2): no sign-in, no form token
		assertThat(mvc.post().uri(link.group(1)).param("List-Unsubscribe", "One-Click")).hasStatusOk()
			.bodyText().contains("You are unsubscribed");
		assertThat(suppression.suppressed(patient)).isTrue();

		queue(inquiry, "Another opening " + inquiry.getReference(), "second");
		Notification second = await().atMost(Duration.ofSeconds(30))
			.until(() -> updatesTo(inquiry).stream().filter(n -> "second".equals(n.getRequestKey())).findFirst()
				.filter(n -> n.getState() == Notification.State.FAILED), java.util.Optional::isPresent)
			.orElseThrow();
		assertThat(second.getLastError()).isEqualTo(Notification.SUPPRESSED);
		assertThat(smtp.messagesTo(patient, "Another opening")).isEmpty();
	}

	@Test
	void theLinkItselfOnlyShowsAButtonAndAForgedTokenIsRefused() {
		String address = uniqueAddress("scanner");
		String path = UnsubscribeController.PATH + "/" + tokens.tokenFor(address);
		assertThat(mvc.get().uri(path)).hasStatusOk().bodyText().contains("Unsubscribe", "<form");
		assertThat(suppression.suppressed(address)).as("a mail scanner following the link unsubscribes nobody")
			.isFalse();

		assertThat(mvc.post().uri(path).param("List-Unsubscribe", "One-Click").param("page", "1")).hasStatus(303)
			.hasRedirectedUrl(path + "?done");
		assertThat(suppression.suppressed(address)).isTrue();

		String forged = MailSuppression.hashOf(uniqueAddress("victim")) + "." + "A".repeat(43);
		assertThat(mvc.post().uri(UnsubscribeController.PATH + "/" + forged)).hasStatus(400).bodyText()
			.contains("not valid");
	}

	/**
	 * A mail provider's one-click request and the same request again (or the person's own click) at the same instant:
	 * one row on the suppression list, and both are answered with the confirmation, neither with an error.
	 */
	@Test
	void theSameUnsubscribePostedTwiceAtOnceListsTheAddressOnceAndConfirmsBoth() throws Exception {
		String address = uniqueAddress("twice");
		String path = UnsubscribeController.PATH + "/" + tokens.tokenFor(address);

		List<MvcTestResult> results = Race.run(
				() -> mvc.post().uri(path).param("List-Unsubscribe", "One-Click").exchange(),
				() -> mvc.post().uri(path).param("List-Unsubscribe", "One-Click").exchange());

		assertThat(results).allSatisfy(result -> assertThat(result).hasStatusOk()
			.bodyText()
			.contains("You are unsubscribed"));
		assertThat(jdbc.sql("select count(*) from mail_suppression where address_hash = ?")
			.param(MailSuppression.hashOf(address))
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(suppression.suppressed(address)).isTrue();
	}

	@Test
	void withPlusAddressingTheReplyToCarriesTheInquirysOwnSignedToken() throws Exception {
		InboundMailProperties plus = inbound.at("imap.clinic.example", 993, "answers@clinic.example", "x", true)
			.withPlusAddressing(true);
		NotificationEmails emails = new NotificationEmails(messages, clinic, settings, replyTo, Locale.CANADA, plus,
				tokens, new ClinicDates(clinic));
		ReplyAddressTokens replyTokens = new ReplyAddressTokens(tokens);

		String first = replyToOf(emails, 41);
		String second = replyToOf(emails, 42);

		assertThat(first).matches("answers\\+41-[0-9a-f]{20}@clinic\\.example")
			.isEqualTo("answers+" + replyTokens.tokenFor(41) + "@clinic.example");
		assertThat(second).startsWith("answers+42-").isNotEqualTo(first.replace("+41-", "+42-"));
		assertThat(replyTokens.inquiryIn(java.util.List.of("Clinic <" + first.toUpperCase(Locale.ROOT) + ">")))
			.as("a mail system may change the case of the local part").contains(41L);
		assertThat(replyTokens.inquiryIn(java.util.List.of(first.replace("+41-", "+42-"))))
			.as("another inquiry's number with this one's signature").isEmpty();
		assertThat(replyToOf(new NotificationEmails(messages, clinic, settings, replyTo, Locale.CANADA,
				plus.withPlusAddressing(false), tokens, new ClinicDates(clinic)), 41)).as("off: the mailbox itself")
			.isEqualTo("answers@clinic.example");
	}

	private String replyToOf(NotificationEmails emails, long inquiryId) throws Exception {
		Notification reply = Notification.reply(new InquiryReplyWritten(inquiryId, "ABCD-2345", "back-pain",
				Instant.now(), "pat@example.com", "Your inquiry", "Hello Pat", "Robin",
				java.util.UUID.randomUUID().toString()), Instant.now());
		MimeMessage message = new MimeMessage(Session.getInstance(new java.util.Properties()));
		emails.compose(reply, Instant.now()).prepare(message);
		assertThat(message.getReplyTo()).hasSize(1);
		return message.getReplyTo()[0].toString();
	}

	@Test
	void whileInboundMailIsOnRepliesGoToTheClinicsMailboxWithTheirOwnMessageIdAndTheClinicIdentified()
			throws Exception {
		InboundMailProperties on = inbound.at("imap.clinic.example", 993, "answers@clinic.example", "x", true);
		NotificationEmails emails = new NotificationEmails(messages, clinic, settings, replyTo, Locale.CANADA, on,
				tokens, new ClinicDates(clinic));
		Notification reply = Notification.reply(new InquiryReplyWritten(1, "ABCD-2345", "back-pain", Instant.now(),
				"pat@example.com", "Your inquiry", "Hello Pat", "Robin", "00000000-0000-0000-0000-000000000000"),
				Instant.now());
		MimeMessage message = new MimeMessage(Session.getInstance(new java.util.Properties()));
		emails.compose(reply, Instant.now()).prepare(message);

		assertThat(message.getReplyTo()).extracting(Object::toString).containsExactly("answers@clinic.example");
		assertThat(message.getHeader("Message-ID")[0]).startsWith("<" + reply.getMessageId() + "@");
		assertThat(message.getHeader("List-Unsubscribe")).as("a direct answer").isNull();
		assertThat((String) message.getContent()).startsWith("Hello Pat").contains(clinic.name(),
				clinic.address().oneLine(), clinic.url("/"));
	}

	private void queue(Inquiry inquiry, String subject, String key) {
		new TransactionTemplate(transactionManager).executeWithoutResult(status -> updates.queue(
				new PatientUpdates.Update(inquiry.getId(), inquiry.getReference(), inquiry.getService().key(),
						inquiry.getCreatedAt(), inquiry.getEmail(), subject, "An opening on Tuesday at 10.", key)));
	}

	private List<Notification> updatesTo(Inquiry inquiry) {
		return notifications.findByInquiryIdOrderByCreatedAtAscIdAsc(inquiry.getId())
			.stream()
			.filter(n -> n.getKind() == Notification.Kind.PATIENT_UPDATE)
			.toList();
	}

}

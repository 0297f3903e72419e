package ca.gagephysio.notification;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.Race;
import ca.gagephysio.inquiry.InquiryFigures;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.staff.StaffDirectory;
import ca.gagephysio.staff.StaffMember;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.PlatformTransactionManager;

import static ca.gagephysio.notification.InquiryEmailTests.uniqueAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Issue 23, "answers come back into the inquiry", round trip through real mail servers: a reply written in the inbox
 * goes out through the outbox to GreenMail's SMTP server; the patient's answer (quoted history, a signature, an
 * attachment, an accented name) arrives in the clinic's mailbox (GreenMail's IMAP server here, Dovecot in
 * {@link InboundAnswerOnDovecotTests}); two readers released together take it once; it is on the
 * timeline once, with the history folded away and the attachment left in the mailbox; the inquiry is unread and
 * waiting for the clinic; the assignee is emailed. What does not answer one of the clinic's emails stays in the
 * mailbox untouched.
 */
@ClinicIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class InboundAnswerTests {

	private static final Pattern REQUEST_KEY = Pattern.compile("name=\"requestKey\" value=\"([0-9a-f-]{36})\"");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	StaffDirectory staffDirectory;

	@Autowired
	InboundMailbox inbound;

	@Autowired
	InboundMailProperties configured;

	@Autowired
	ReplyAddressTokens replyTokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	InquiryFigures figures;

	@Autowired
	ca.gagephysio.clinic.ClinicFacts clinic;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Value("${spring.mail.port}")
	int smtpPort;

	ClinicMailbox mailbox;

	String staffEmail;

	RequestPostProcessor staff;

	@BeforeEach
	void start() {
		staffEmail = StaffTestAccounts.create(accounts, "Robin Front-Desk", StaffRole.STAFF);
		staff = StaffTestAccounts.signedIn(staffEmail, "STAFF");
		mailbox = openMailbox(smtpPort, configured);
	}

	/** The clinic's mailbox for one test: GreenMail's ({@link InboundAnswerOnDovecotTests} takes a real one). */
	ClinicMailbox openMailbox(int smtpPort, InboundMailProperties configured) {
		return ClinicMailbox.start(smtpPort, configured);
	}

	@AfterEach
	void stop() {
		if (mailbox != null) {
			mailbox.close();
		}
	}

	@Test
	void aPatientsAnswerComesBackIntoItsInquiryOnceAndItsAssigneeIsTold() throws Exception {
		String patient = uniqueAddress("zoe");
		Inquiry inquiry = new SubmittedInquiries(inquiries, events, transactionManager).storeWithoutEvent(
				"Zoë Tremblay", patient, "Heel pain in the morning");
		assign(inquiry, staffEmail);
		String reply = sendReply(inquiry, "Your inquiry " + inquiry.getReference(),
				"Hello Zoë,\n\nWe can see you on Tuesday at 10 or Thursday at 2.\n\nGage Physiotherapy");

		MimeMessage sent = awaitOne(patient, inquiry.getReference());
		assertThat(sent.getMessageID()).as("the clinic's own Message-ID").isNotBlank();
		assertThat(SmtpServer.textOf(sent)).as("the clinic identifies itself (CASL)").contains(reply.split("\n")[0])
			.contains("Sent by:");
		assertThat(sent.getHeader("List-Unsubscribe")).as("a direct answer has no unsubscribe").isNull();

		MimeMessage answer = answerTo(sent, patient, "Zoë Tremblay",
				"Tuesday at 10 works for me.\n\nThanks,\nZoë\n\n-- \nZoë Tremblay\nSent with care\n\nOn Tue, Dec 1, 2026 at 9:15 AM Gage Physiotherapy wrote:\n> Hello Zoë,\n>\n> We can see you on Tuesday at 10 or Thursday at 2.\n",
				true);
		mailbox.deliver(answer);
		MimeMessage unrelated = message("Someone Else", uniqueAddress("other"), "Newsletter", "Buy now", null, false);
		mailbox.deliver(unrelated);

		// two instances, released together, each with its own place in the mailbox: the answer is taken once
		List<Integer> taken = Race.run(() -> inbound.checkOnce(mailbox.properties(), new InboundMailbox.Cursor()),
				() -> inbound.checkOnce(mailbox.properties(), new InboundMailbox.Cursor()));
		assertThat(taken.get(0) + taken.get(1)).isEqualTo(1);
		// a restarted instance reads the whole folder again and takes nothing more
		assertThat(inbound.checkOnce(mailbox.properties(), new InboundMailbox.Cursor())).isZero();
		assertThat(jdbc.sql("select count(*) from inquiry_answer where inquiry_id = ?").param(inquiry.getId())
			.query(Long.class).single()).isEqualTo(1);

		Inquiry answered = inquiries.findById(inquiry.getId()).orElseThrow();
		assertThat(answered.isUnread()).isTrue();
		assertThat(answered.isWaitingForUs()).isTrue();
		assertThat(body(mvc.get().uri("/staff/inquiries").with(staff))).contains("Unread answer", "Waiting for us");

		String page = body(mvc.get().uri("/staff/inquiries/{id}", inquiry.getId()).with(staff));
		// the timeline's list only: the page's own same-origin presence script comes after it
		String timeline = page.substring(page.indexOf("class=\"timeline\""));
		timeline = timeline.substring(0, timeline.indexOf("</ol>"));
		assertThat(timeline).contains("Zoë Tremblay &lt;" + patient + "&gt;")
			.contains("Tuesday at 10 works for me.")
			.contains("One attachment was left in the clinic&#39;s mailbox")
			.contains("<details")
			.contains("Earlier messages and signature")
			.contains("&gt; Hello Zoë,")
			.doesNotContain("<script");
		assertThat(countOf(timeline, "Tuesday at 10 works for me.")).as("once, then again in the whole message")
			.isEqualTo(2);
		String newText = timeline.substring(timeline.indexOf("Tuesday at 10 works for me."));
		assertThat(newText.substring(0, newText.indexOf("</div>"))).doesNotContain("Sent with care", "wrote:");
		assertThat(inquiries.findById(inquiry.getId()).orElseThrow().isUnread()).as("read once opened").isFalse();

		MimeMessage alert = awaitOne(staffEmail, "The person answered: inquiry " + inquiry.getReference());
		assertThat(SmtpServer.textOf(alert)).contains("/staff/inquiries/" + inquiry.getId())
			.doesNotContain("Tuesday at 10");

		// nothing in the mailbox was moved, flagged or marked read, answer or not
		List<ClinicMailbox.Seen> left = mailbox.contents();
		assertThat(left).extracting(ClinicMailbox.Seen::messageId)
			.contains(answer.getMessageID(), unrelated.getMessageID());
		assertThat(left).noneMatch(ClinicMailbox.Seen::seen).noneMatch(ClinicMailbox.Seen::deleted);

		// the clinic's next reply ends the wait, and says how long it took
		sendReply(inquiry, "Re: Your inquiry " + inquiry.getReference(), "See you Tuesday at 10.");
		assertThat(inquiries.findById(inquiry.getId()).orElseThrow().isWaitingForUs()).isFalse();
		assertThat(jdbc.sql("select count(*) from inquiry_answer where inquiry_id = ? and replied_at is not null")
			.param(inquiry.getId()).query(Long.class).single()).isEqualTo(1);
		// and the owner's insights show the median wait beside the other figures
		InquiryFigures.AnswerReplyTimes wait = figures.answerToReply(clinic.today().minusDays(1),
				clinic.today().plusDays(1));
		assertThat(wait.replied()).isPositive();
		assertThat(wait.medianSeconds()).isNotNull().isNotNegative();
		String admin = StaffTestAccounts.create(accounts, "Avery Owner", StaffRole.ADMIN);
		assertThat(body(mvc.get().uri("/staff/insights").with(StaffTestAccounts.signedIn(admin, "ADMIN", "STAFF"))))
			.contains("Time from a patient&#39;s answer to our next reply", "hours of opening time");
	}

	/**
	 * An answer written below the quote (bottom-posting), in the shape s-nail sent it in
	 * {@code perf/mail-client-trial.sh} (its "%f wrote:" attribution, the quote, then the patient's lines and a
	 * signature): the timeline shows the patient's words as the new text, not the attribution line.
	 */
	@Test
	void anAnswerWrittenBelowTheQuoteShowsThePatientsWordsNotTheAttribution() throws Exception {
		String patient = uniqueAddress("ann");
		Inquiry inquiry = new SubmittedInquiries(inquiries, events, transactionManager).storeWithoutEvent(
				"Ann Example", patient, "Lower back after gardening");
		sendReply(inquiry, "Your inquiry " + inquiry.getReference(), "Hello Ann,\n\nWe have openings next week.");
		MimeMessage sent = awaitOne(patient, inquiry.getReference());
		// as s-nail (Debian's /etc/s-nail.rc) wrote it: "%f wrote:", a blank line, every line quoted with "> ", and
		// what was typed right below the last quoted line
		String quoted = SmtpServer.textOf(sent).strip().lines().map(line -> "> " + line)
			.collect(java.util.stream.Collectors.joining("\n"));
		String attribution = ((InternetAddress) sent.getFrom()[0]).toUnicodeString() + " wrote:";
		mailbox.deliver(answerTo(sent, patient, "Ann Example", attribution + "\n\n" + quoted
				+ "\nTuesday morning works for me, thanks.\nAnn\n\n-- \nAnn Example\n", false));

		assertThat(inbound.checkOnce(mailbox.properties(), new InboundMailbox.Cursor())).isEqualTo(1);
		String page = body(mvc.get().uri("/staff/inquiries/{id}", inquiry.getId()).with(staff));
		String timeline = page.substring(page.indexOf("class=\"timeline\""));
		timeline = timeline.substring(0, timeline.indexOf("</ol>"));
		// the answer's new text: the quote block just before its folded "Earlier messages and signature"
		String newText = timeline.substring(timeline.lastIndexOf("timeline__quote",
				timeline.indexOf("Earlier messages and signature")));
		newText = newText.substring(newText.indexOf('>') + 1, newText.indexOf("</div>"));
		assertThat(newText.strip()).isEqualTo("Tuesday morning works for me, thanks.\nAnn");
		String folded = timeline.substring(timeline.indexOf("Earlier messages and signature"));
		assertThat(folded.substring(0, folded.indexOf("</details>"))).contains(" wrote:", "&gt; Hello Ann,",
				"-- \nAnn Example");
	}

	/**
	 * Replies from the inbox carry {@code In-Reply-To} and {@code References} (RFC 5322 section 3.6.4), so the
	 * person's mail client shows the whole exchange as one conversation: the first reply follows the clinic's
	 * acknowledgement; once the person answered, the next follows their answer (its Message-ID kept with it), naming
	 * the clinic's earlier emails before it.
	 */
	@Test
	void repliesFromTheInboxFollowThePreviousMessageOfTheConversationSoMailClientsThreadThem() throws Exception {
		String patient = uniqueAddress("thread");
		Inquiry inquiry = new SubmittedInquiries(inquiries, events, transactionManager).submit("Théo Thread", patient,
				"Hip pain when running");
		String acknowledgement = awaitOne(patient, "We received your inquiry (" + inquiry.getReference())
			.getMessageID();
		assertThat(acknowledgement).matches("<[0-9a-f]{32}@[^<>@\\s]+>");

		sendReply(inquiry, "First reply " + inquiry.getReference(), "Hello Théo,\n\nCould you come in Tuesday?");
		MimeMessage first = awaitOne(patient, "First reply");
		assertThat(first.getHeader("In-Reply-To")).as("follows the acknowledgement").containsExactly(acknowledgement);
		assertThat(references(first)).containsExactly(acknowledgement);

		MimeMessage answer = answerTo(first, patient, "Théo Thread", "Tuesday works for me.", false);
		mailbox.deliver(answer);
		assertThat(inbound.checkOnce(mailbox.properties(), new InboundMailbox.Cursor())).isEqualTo(1);
		assertThat(jdbc.sql("select message_id from inquiry_answer where inquiry_id = ?").param(inquiry.getId())
			.query(String.class).single()).isEqualTo(answer.getMessageID());

		sendReply(inquiry, "Second reply " + inquiry.getReference(), "See you Tuesday at 10.");
		MimeMessage second = awaitOne(patient, "Second reply");
		assertThat(second.getHeader("In-Reply-To")).as("follows the person's answer")
			.containsExactly(answer.getMessageID());
		assertThat(references(second)).containsExactly(acknowledgement, first.getMessageID(), answer.getMessageID());
		assertThat(second.getMessageID()).isNotIn(acknowledgement, first.getMessageID());
	}

	private static java.util.List<String> references(MimeMessage message) throws Exception {
		String header = message.getHeader("References", " ");
		return header == null ? List.of()
				: List.of(jakarta.mail.internet.MimeUtility.unfold(header).strip().split("\\s+"));
	}

	@Test
	void aMessageThatCannotBeReadIsLeftLoggedWithoutPersonalDataAndReadAgain(CapturedOutput output) throws Exception {
		String patient = uniqueAddress("broken");
		Inquiry inquiry = new SubmittedInquiries(inquiries, events, transactionManager).storeWithoutEvent(
				"Brigitte Broken", patient, "Knee");
		sendReply(inquiry, "Your inquiry " + inquiry.getReference(), "Hello Brigitte");
		MimeMessage sent = awaitOne(patient, inquiry.getReference());
		// a transfer encoding nobody knows: no server minds, but the text cannot be decoded
		MimeMessage broken = new MimeMessage(ClinicMailbox.session(),
				new java.io.ByteArrayInputStream(("From: Brigitte Broken <" + patient + ">\r\n"
						+ "To: " + mailbox.address() + "\r\n"
						+ "Subject: Re: about my knee\r\n"
						+ "Message-ID: <broken-" + System.nanoTime() + "@patient.example>\r\n"
						+ "In-Reply-To: " + sent.getMessageID() + "\r\n"
						+ "MIME-Version: 1.0\r\n"
						+ "Content-Type: text/plain; charset=UTF-8\r\n"
						+ "Content-Transfer-Encoding: x-no-such-encoding\r\n\r\n"
						+ "My knee hurts when I climb stairs\r\n").getBytes(StandardCharsets.US_ASCII)));
		mailbox.deliver(broken);

		InboundMailbox.Cursor cursor = new InboundMailbox.Cursor();
		assertThat(inbound.checkOnce(mailbox.properties(), cursor)).isZero();
		long after = cursor.next();
		assertThat(inbound.checkOnce(mailbox.properties(), cursor)).isZero();
		assertThat(cursor.next()).as("not passed: read again each time").isEqualTo(after);
		// the site's own lines (the mail server under test logs what it likes)
		String logged = output.getAll().lines().filter(line -> line.contains("InboundMailbox"))
			.collect(java.util.stream.Collectors.joining("\n"));
		assertThat(logged).contains("could not be read").doesNotContain(patient, "knee", "Brigitte", "stairs");
		assertThat(jdbc.sql("select count(*) from inquiry_answer where inquiry_id = ?").param(inquiry.getId())
			.query(Long.class).single()).isZero();
		assertThat(mailbox.contents()).extracting(ClinicMailbox.Seen::messageId).contains(broken.getMessageID());
	}

	/**
	 * With plus-addressing, a patient who writes a new message to the Reply-To (no In-Reply-To, no References) is
	 * still matched, by the signed token in the address it was delivered to; a token with a forged signature is not.
	 */
	@Test
	void aNewMessageToThePlusAddressedReplyToIsMatchedByItsToken() throws Exception {
		String patient = uniqueAddress("plus");
		Inquiry inquiry = new SubmittedInquiries(inquiries, events, transactionManager).storeWithoutEvent(
				"Paulette Bélanger", patient, "Ankle after a fall");
		Inquiry other = new SubmittedInquiries(inquiries, events, transactionManager).storeWithoutEvent(
				"Forged Token", uniqueAddress("forged"), "Nothing");
		String mailboxAddress = mailbox.address();
		int at = mailboxAddress.lastIndexOf('@');
		String tokened = configured.at("imap.example", 993, mailboxAddress, "x", true)
			.withPlusAddressing(true)
			.replyAddressFor(replyTokens.tokenFor(inquiry.getId()))
			.orElseThrow();
		assertThat(tokened).startsWith(mailboxAddress.substring(0, at) + "+" + inquiry.getId() + "-");

		MimeMessage fresh = message("Paulette Bélanger", patient, "A question about parking",
				"Is there parking near the clinic?", null, true);
		fresh.setRecipients(Message.RecipientType.TO, tokened);
		fresh.saveChanges();
		mailbox.deliver(fresh);
		String forgedAddress = tokened.replace("+" + inquiry.getId() + "-", "+" + other.getId() + "-");
		MimeMessage forged = message("Forged Token", uniqueAddress("forged"), "Hello", "Put me in", null, false);
		forged.setRecipients(Message.RecipientType.TO, forgedAddress);
		forged.saveChanges();
		mailbox.deliver(forged);

		assertThat(inbound.checkOnce(mailbox.properties(), new InboundMailbox.Cursor())).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from inquiry_answer where inquiry_id = ?").param(inquiry.getId())
			.query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from inquiry_answer where inquiry_id = ?").param(other.getId())
			.query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select new_text from inquiry_answer where inquiry_id = ?").param(inquiry.getId())
			.query(String.class).single()).contains("Is there parking near the clinic?");
		assertThat(inquiries.findById(inquiry.getId()).orElseThrow().isWaitingForUs()).isTrue();
		assertThat(mailbox.contents()).extracting(ClinicMailbox.Seen::messageId)
			.contains(fresh.getMessageID(), forged.getMessageID());
	}

	@Test
	void theWatcherTakesAnAnswerAsItArrivesWithIdleOrPolling() throws Exception {
		String patient = uniqueAddress("idle");
		Inquiry inquiry = new SubmittedInquiries(inquiries, events, transactionManager).storeWithoutEvent(
				"Ingrid Idle", patient, "Shoulder");
		sendReply(inquiry, "Your inquiry " + inquiry.getReference(), "Hello Ingrid");
		MimeMessage sent = awaitOne(patient, inquiry.getReference());
		InboundMailProperties quick = new InboundMailProperties(mailbox.properties().host(),
				mailbox.properties().port(), mailbox.properties().username(), mailbox.properties().password(), false,
				"INBOX", "", Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(10), false);
		InboundMailWatcher watcher = new InboundMailWatcher(quick, inbound);
		watcher.start();
		try {
			assertThat(watcher.isRunning()).isTrue();
			mailbox.deliver(answerTo(sent, patient, "Ingrid Idle", "Thursday suits me.", false));
			await().atMost(Duration.ofSeconds(30)).until(() -> jdbc
				.sql("select count(*) from inquiry_answer where inquiry_id = ?").param(inquiry.getId())
				.query(Long.class).single() == 1);
		}
		finally {
			watcher.stop();
		}
		assertThat(watcher.isRunning()).isFalse();
	}

	private MimeMessage answerTo(MimeMessage sent, String from, String name, String text, boolean attachment)
			throws Exception {
		return message(name, from, "Re: " + sent.getSubject(), text, sent.getMessageID(), attachment);
	}

	private MimeMessage message(String name, String from, String subject, String text, String inReplyTo,
			boolean attachment) throws Exception {
		MimeMessage message = new MimeMessage(ClinicMailbox.session());
		message.setFrom(new InternetAddress(from, name, "UTF-8"));
		message.setRecipients(Message.RecipientType.TO, mailbox.address());
		message.setSubject(subject, "UTF-8");
		MimeMultipart parts = new MimeMultipart("mixed");
		MimeBodyPart body = new MimeBodyPart();
		body.setText(text, "UTF-8");
		parts.addBodyPart(body);
		if (attachment) {
			MimeBodyPart file = new MimeBodyPart();
			file.setDataHandler(new DataHandler(new ByteArrayDataSource("%PDF-1.4 referral".getBytes(
					StandardCharsets.US_ASCII), "application/pdf")));
			file.setFileName("referral.pdf");
			file.setDisposition(MimeBodyPart.ATTACHMENT);
			parts.addBodyPart(file);
		}
		message.setContent(parts);
		message.saveChanges();
		if (inReplyTo != null) {
			message.setHeader("In-Reply-To", inReplyTo);
			message.setHeader("References", "<earlier@patient.example> " + inReplyTo);
		}
		return message;
	}

	private MimeMessage awaitOne(String to, String subjectContains) {
		return await().atMost(Duration.ofSeconds(30)).until(() -> SmtpServer.read(() -> mailbox.smtp()
			.findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(to),
					message -> SmtpServer.subjectOf(message).contains(subjectContains))
			.toList()), found -> found.size() == 1).get(0);
	}

	private void assign(Inquiry inquiry, String email) {
		StaffMember member = staffDirectory.enabledStaff().stream().filter(m -> m.email().equalsIgnoreCase(email))
			.findFirst().orElseThrow();
		long version = inquiries.findById(inquiry.getId()).orElseThrow().getVersion();
		assertThat(mvc.post().uri("/staff/inquiries/{id}/assign", inquiry.getId()).with(staff).with(csrf())
			.param("assignee", Long.toString(member.id())).param("version", Long.toString(version)))
			.hasStatus(302);
	}

	private String sendReply(Inquiry inquiry, String subject, String text) {
		String page = body(mvc.get().uri("/staff/inquiries/{id}/reply", inquiry.getId()).with(staff));
		Matcher key = REQUEST_KEY.matcher(page);
		assertThat(key.find()).isTrue();
		MvcTestResult sent = mvc.post().uri("/staff/inquiries/{id}/reply", inquiry.getId()).with(staff).with(csrf())
			.param("subject", subject).param("body", text).param("requestKey", key.group(1)).exchange();
		assertThat(sent).hasStatus(302);
		return text;
	}

	private static int countOf(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
			count++;
		}
		return count;
	}

	private static String body(MockMvcTester.MockMvcRequestBuilder request) {
		try {
			MvcTestResult result = request.exchange();
			assertThat(result.getResponse().getStatus()).isEqualTo(200);
			return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

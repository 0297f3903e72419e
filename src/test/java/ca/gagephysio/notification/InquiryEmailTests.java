package ca.gagephysio.notification;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.clinic.ClinicFacts.DayHours;
import ca.gagephysio.clinic.ClinicFacts.Facts;
import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.clinic.SavedClinicFacts;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;

import static ca.gagephysio.notification.SmtpServer.htmlOf;
import static ca.gagephysio.notification.SmtpServer.subjectOf;
import static ca.gagephysio.notification.SmtpServer.textOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a new inquiry sends, through a real SMTP server: one email to the front desk, one to the person, and
 * nothing that could leak what they wrote or let them add a header.
 */
@ClinicIntegrationTest
class InquiryEmailTests {

	/**
	 * The test administrator, who (like every active account, as shipped) is emailed about new inquiries. Other
	 * accounts tests add get their own copies; look messages up by recipient.
	 */
	static final String FRONT_DESK = "admin@test.gagephysio.ca";

	private final SubmittedInquiries inquiries;

	private final NotificationRepository notifications;

	private final NotificationSender sender;

	private final ClinicFacts clinic;

	private final int smtpPort;

	private final ApplicationContext context;

	private SmtpServer smtp;

	@Autowired
	InquiryEmailTests(InquiryRepository inquiryRepository, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager, NotificationRepository notifications,
			NotificationSender sender, ClinicFacts clinic, @Value("${spring.mail.port}") int smtpPort,
			ApplicationContext context) {
		this.context = context;
		this.inquiries = new SubmittedInquiries(inquiryRepository, events, transactionManager);
		this.notifications = notifications;
		this.sender = sender;
		this.clinic = clinic;
		this.smtpPort = smtpPort;
	}

	@BeforeEach
	void startSmtpServer() {
		smtp = SmtpServer.startOn(smtpPort);
	}

	@AfterEach
	void stopSmtpServer() {
		smtp.stop();
	}

	@Test
	void aNewInquiryEmailsTheFrontDeskAndThePersonOnceWithoutWhatTheyWrote() throws Exception {
		String email = uniqueAddress("jane");
		Inquiry inquiry = inquiries.submit("Jane Tester", email, "Sciatica down my left leg since March");
		String reference = inquiry.getReference();

		awaitAllSent(inquiry, true);

		List<MimeMessage> alerts = smtp.messagesTo(FRONT_DESK, reference);
		assertThat(alerts).hasSize(1);
		MimeMessage alert = alerts.get(0);
		assertThat(subjectOf(alert)).isEqualTo("New website inquiry " + reference);
		assertThat(alert.getRecipients(RecipientType.TO)).extracting(Object::toString).containsExactly(FRONT_DESK);
		String link = clinic.url("/staff/inquiries/" + inquiry.getId());
		assertThat(textOf(alert)).contains(reference, "Back pain", "just now", link);
		assertThat(htmlOf(alert)).contains(reference, "Back pain", "href=\"" + link + "\"");
		for (String part : List.of(textOf(alert), htmlOf(alert))) {
			assertThat(part).doesNotContain("Sciatica", "Jane", email, "905-555-0199");
		}

		List<MimeMessage> acknowledgements = smtp.messagesTo(email, reference);
		assertThat(acknowledgements).hasSize(1);
		MimeMessage acknowledgement = acknowledgements.get(0);
		assertThat(subjectOf(acknowledgement))
			.isEqualTo("We received your inquiry (" + reference + ") - " + clinic.name());
		assertThat(acknowledgement.getRecipients(RecipientType.TO)).extracting(Object::toString)
			.containsExactly(email);
		assertThat(textOf(acknowledgement)).contains("Hello,", reference, clinic.phone(), "Monday", "8:00");
		assertThat(htmlOf(acknowledgement)).contains("Hello,", reference, clinic.phone());
		for (String part : List.of(textOf(acknowledgement), htmlOf(acknowledgement))) {
			assertThat(part).doesNotContain("Sciatica", "905-555-0199", "Jane");
		}
		assertThat(((InternetAddress) acknowledgement.getFrom()[0]).getPersonal()).isEqualTo(clinic.name());

		sender.sendDue();
		assertThat(smtp.allMessages()).filteredOn(message -> subjectOf(message).contains(reference))
			.hasSize(rowsOf(inquiry).size());
	}

	@Test
	void theAcknowledgementGivesTheClinicsSavedPhoneHoursAndHolidays() throws Exception {
		Facts now = clinic.facts();
		Map<DayOfWeek, DayHours> week = new EnumMap<>(now.week());
		week.put(DayOfWeek.SATURDAY, new DayHours(LocalTime.of(9, 0), LocalTime.of(13, 0)));
		clinic.save(new Facts(now.name(), now.baseUrl(), "905-555-0188", now.email(), now.address(), now.geo(), week,
				true, null, false), clinic.version(), "Test");
		try {
			String email = uniqueAddress("hours");
			Inquiry inquiry = inquiries.submit("Hana Tester", email, "Neutral words for a test");
			awaitAllSent(inquiry, true);

			MimeMessage acknowledgement = smtp.messagesTo(email, inquiry.getReference()).get(0);
			for (String part : List.of(textOf(acknowledgement), htmlOf(acknowledgement))) {
				assertThat(part).contains("905-555-0188", "Saturday", "statutory holidays")
					.doesNotContain("905-555-0100");
			}
		}
		finally {
			SavedClinicFacts.forget(context);
		}
	}

	@Test
	void aNameWithLineBreaksCannotAddAHeaderOrARecipient() throws Exception {
		String email = uniqueAddress("eve");
		Inquiry inquiry = inquiries.submit("Eve\r\nBcc: victim@attacker.example\r\nSubject: You won", email,
				"Hello");
		String reference = inquiry.getReference();

		awaitAllSent(inquiry, true);

		assertThat(smtp.messagesToDomain("attacker.example")).isEmpty();
		assertThat(smtp.allMessages()).filteredOn(message -> subjectOf(message).contains(reference))
			.hasSize(rowsOf(inquiry).size());
		MimeMessage acknowledgement = smtp.messagesTo(email, reference).get(0);
		assertThat(acknowledgement.getAllRecipients()).extracting(Object::toString).containsExactly(email);
		assertThat(acknowledgement.getHeader("Bcc")).isNull();
		assertThat(acknowledgement.getHeader("Subject")).hasSize(1);
		assertThat(subjectOf(acknowledgement)).startsWith("We received your inquiry");
		assertThat(textOf(acknowledgement)).contains("Hello,").doesNotContain("Eve", "attacker", "You won");
		assertThat(textOf(smtp.messagesTo(FRONT_DESK, reference).get(0))).doesNotContain("attacker");
	}

	@Test
	void someoneWhoGaveOnlyAPhoneNumberGetsNoAcknowledgement() {
		Inquiry inquiry = inquiries.submit("Phone Only", null, "Call me");

		awaitAllSent(inquiry, false);

		assertThat(rowsOf(inquiry)).extracting(Notification::getKind).containsOnly(Notification.Kind.STAFF_ALERT);
		assertThat(smtp.messagesTo(FRONT_DESK, inquiry.getReference())).hasSize(1);
	}

	@Test
	void aSpamInquirySendsNothing() {
		Inquiry spam = inquiries.storeSpam("Buy Now", uniqueAddress("spam"), "Cheap pills");

		sender.sendDue();

		assertThat(notifications.findByInquiryIdOrderByCreatedAtAscIdAsc(spam.getId())).isEmpty();
		assertThat(smtp.allMessages()).noneMatch(message -> subjectOf(message).contains(spam.getReference()));
	}

	@Test
	void senderRunsRacingEachOtherSendEachEmailOnce() {
		String email = uniqueAddress("race");
		Inquiry inquiry = inquiries.submit("Race Tester", email, "Hello");

		CompletableFuture.allOf(CompletableFuture.runAsync(sender::sendDue), CompletableFuture.runAsync(sender::sendDue),
				CompletableFuture.runAsync(sender::sendDue))
			.join();
		awaitAllSent(inquiry, true);

		assertThat(smtp.messagesTo(FRONT_DESK, inquiry.getReference())).hasSize(1);
		assertThat(smtp.messagesTo(email, inquiry.getReference())).hasSize(1);
	}

	/** Every email of the inquiry sent: one alert per staff recipient (the test administrator among them), and
	 * the acknowledgement if expected. */
	private void awaitAllSent(Inquiry inquiry, boolean withAcknowledgement) {
		await().untilAsserted(() -> {
			List<Notification> rows = rowsOf(inquiry);
			assertThat(rows).allMatch(notification -> notification.getState() == Notification.State.SENT);
			assertThat(rows).filteredOn(Notification::isStaffAlert).isNotEmpty();
			assertThat(rows).filteredOn(notification -> !notification.isStaffAlert())
				.hasSize(withAcknowledgement ? 1 : 0);
		});
	}

	private List<Notification> rowsOf(Inquiry inquiry) {
		return notifications.findByInquiryIdOrderByCreatedAtAscIdAsc(inquiry.getId());
	}

	static String uniqueAddress(String who) {
		return who + "." + UUID.randomUUID().toString().substring(0, 8) + "@person.example";
	}

}

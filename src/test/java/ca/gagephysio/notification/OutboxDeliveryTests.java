package ca.gagephysio.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.InquirySubmitted;
import ca.gagephysio.inquiry.TimelineEntry;
import ca.gagephysio.inquiry.internal.AskingAbout;
import ca.gagephysio.inquiry.internal.HelpWith;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static ca.gagephysio.notification.InquiryEmailTests.FRONT_DESK;
import static ca.gagephysio.notification.InquiryEmailTests.uniqueAddress;
import static ca.gagephysio.notification.SmtpServer.textOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox keeps every email through a mail outage and a restart, and sends each exactly once when it can.
 */
@ClinicIntegrationTest
class OutboxDeliveryTests {

	private final SubmittedInquiries inquiries;

	private final InquiryRepository inquiryRepository;

	private final NotificationRepository notifications;

	private final NotificationSender sender;

	private final NotificationTimeline timeline;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final int smtpPort;

	private SmtpServer smtp;

	@Autowired
	OutboxDeliveryTests(InquiryRepository inquiryRepository, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager, NotificationRepository notifications,
			NotificationSender sender, NotificationTimeline timeline, JdbcClient jdbc,
			@Value("${spring.mail.port}") int smtpPort) {
		this.inquiries = new SubmittedInquiries(inquiryRepository, events, transactionManager);
		this.inquiryRepository = inquiryRepository;
		this.notifications = notifications;
		this.sender = sender;
		this.timeline = timeline;
		this.jdbc = jdbc;
		this.events = events;
		this.transaction = new TransactionTemplate(transactionManager);
		this.smtpPort = smtpPort;
	}

	@AfterEach
	void stopSmtpServer() {
		if (smtp != null) {
			smtp.stop();
		}
	}

	@Test
	void whileTheMailServerIsDownTheInquiryIsKeptAndItsEmailsWaitThenGoOutOnce() {
		String email = uniqueAddress("outage");
		Inquiry inquiry = inquiries.submit("Outage Tester", email, "Hello");

		assertThat(inquiryRepository.findById(inquiry.getId())).isPresent();
		await().untilAsserted(() -> assertThat(rowsOf(inquiry)).isNotEmpty()
			.allMatch(row -> row.getState() == Notification.State.PENDING && row.getAttempts() >= 1));
		// The sender keeps retrying while the server is down, so one snapshot may catch an email mid-attempt
		// ("sending"); the timeline is read as one snapshot and awaited until no attempt is in flight.
		await().untilAsserted(() -> {
			List<TimelineEntry> entries = timeline.entriesFor(inquiry.getId());
			assertThat(entries).extracting(TimelineEntry::messageKey)
				.containsOnly("notification.timeline.staff-alert.retrying",
						"notification.timeline.acknowledgement.retrying")
				.contains("notification.timeline.acknowledgement.retrying");
			assertThat(entries).allMatch(TimelineEntry::problem);
		});

		smtp = SmtpServer.startOn(smtpPort);
		awaitAllSent(inquiry);
		sender.sendDue();

		assertThat(smtp.messagesTo(FRONT_DESK, inquiry.getReference())).hasSize(1);
		assertThat(smtp.messagesTo(email, inquiry.getReference())).hasSize(1);
		assertThat(timeline.entriesFor(inquiry.getId())).extracting(TimelineEntry::messageKey)
			.containsOnly("notification.timeline.staff-alert.sent", "notification.timeline.acknowledgement.sent")
			.containsOnlyOnce("notification.timeline.acknowledgement.sent");
		assertThat(rowsOf(inquiry)).filteredOn(row -> !row.isStaffAlert())
			.allMatch(row -> row.getRecipientEmail() == null);
	}

	@Test
	void anInquiryThatIsRolledBackTakesItsEmailsWithIt() {
		Long inquiryId = transaction.execute(status -> {
			Inquiry inquiry = inquiryRepository.save(new Inquiry(SubmittedInquiries.uniqueReference(), null,
					new Inquiry.Contact("Rolled Back", uniqueAddress("rollback"), null),
					new Inquiry.Request(HelpWith.FOOT_CARE, AskingAbout.COST, null, "Hello"),
					new Inquiry.Consent(Instant.now(), "test-consent"),
					new Inquiry.Source("/inquiry", null, null, null, null, null, null), Instant.now(),
					SubmittedInquiries.CLINIC_ZONE));
			events.publishEvent(new InquirySubmitted(inquiry.getId(), inquiry.getReference(), "foot-care",
					inquiry.getCreatedAt(), inquiry.getEmail()));
			assertThat(rowsOf(inquiry)).hasSizeGreaterThanOrEqualTo(2);
			status.setRollbackOnly();
			return inquiry.getId();
		});

		assertThat(inquiryRepository.findById(inquiryId)).isEmpty();
		assertThat(notifications.findByInquiryIdOrderByCreatedAtAscIdAsc(inquiryId)).isEmpty();
	}

	/**
	 * A restart loses nothing because the sender holds nothing in memory: it works only from committed rows. Rows
	 * written by an earlier run, one of them claimed by a run that died mid-send, are what a restart finds.
	 */
	@Test
	void emailsLeftInTheOutboxByAnEarlierRunAreSentAfterARestart() {
		String email = uniqueAddress("restart");
		Inquiry inquiry = inquiries.storeWithoutEvent("Restart Tester", email, "Hello");
		Instant anHourAgo = Instant.now().minus(Duration.ofMinutes(61));
		insertRow(inquiry, "STAFF_ALERT", FRONT_DESK, "PENDING", anHourAgo, null);
		insertRow(inquiry, "ACKNOWLEDGEMENT", email, "SENDING", anHourAgo, anHourAgo.plus(Duration.ofMinutes(1)));
		smtp = SmtpServer.startOn(smtpPort);

		sender.sendDue();
		awaitAllSent(inquiry);

		assertThat(smtp.messagesTo(FRONT_DESK, inquiry.getReference())).singleElement()
			.satisfies(alert -> assertThat(textOf(alert)).contains("1 hour ago"));
		assertThat(smtp.messagesTo(email, inquiry.getReference())).hasSize(1);
	}

	/**
	 * Two instances share the outbox: each claims a row with a conditional update before sending it, so when both
	 * run at once (here two runs of the sender on two threads, besides the scheduled one) each email still goes once.
	 */
	@Test
	void twoInstancesSendingAtOnceSendEachEmailOnlyOnce() throws InterruptedException {
		String email = uniqueAddress("two-instances");
		Inquiry inquiry = inquiries.storeWithoutEvent("Twice Tester", email, "Hello");
		Instant aMinuteAgo = Instant.now().minus(Duration.ofMinutes(1));
		insertRow(inquiry, "STAFF_ALERT", FRONT_DESK, "PENDING", aMinuteAgo, null);
		insertRow(inquiry, "ACKNOWLEDGEMENT", email, "PENDING", aMinuteAgo, null);
		smtp = SmtpServer.startOn(smtpPort);

		Thread one = started(sender::sendDue);
		Thread other = started(sender::sendDue);
		one.join();
		other.join();
		awaitAllSent(inquiry);

		assertThat(smtp.messagesTo(FRONT_DESK, inquiry.getReference())).hasSize(1);
		assertThat(smtp.messagesTo(email, inquiry.getReference())).hasSize(1);
	}

	private void insertRow(Inquiry inquiry, String kind, String email, String state, Instant createdAt,
			Instant claimedAt) {
		jdbc.sql("""
				insert into notification (kind, inquiry_id, reference, service, submitted_at, recipient_email, state,
				  attempts, next_attempt_at, claimed_at, created_at)
				values (?, ?, ?, 'back-pain', ?, ?, ?, 0, ?, ?, ?)""")
			.params(kind, inquiry.getId(), inquiry.getReference(), createdAt.atOffset(ZoneOffset.UTC), email,
					state, createdAt.atOffset(ZoneOffset.UTC),
					claimedAt == null ? null : claimedAt.atOffset(ZoneOffset.UTC), createdAt.atOffset(ZoneOffset.UTC))
			.update();
	}

	private List<Notification> rowsOf(Inquiry inquiry) {
		return notifications.findByInquiryIdOrderByCreatedAtAscIdAsc(inquiry.getId());
	}

	private void awaitAllSent(Inquiry inquiry) {
		await().untilAsserted(() -> assertThat(rowsOf(inquiry)).hasSizeGreaterThanOrEqualTo(2)
			.allMatch(row -> row.getState() == Notification.State.SENT));
	}

	private static Thread started(Runnable work) {
		Thread thread = new Thread(work);
		thread.start();
		return thread;
	}

}

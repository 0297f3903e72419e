package ca.gagephysio.notification;

import ca.gagephysio.staff.account.StaffTestAccounts;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.TimelineEntry;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.staff.StaffNotice;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.PlatformTransactionManager;

import static ca.gagephysio.notification.InquiryEmailTests.FRONT_DESK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * What staff see of emails that did not go out (a timeline line, a warning on every back-office page) and the
 * retry they can send from the timeline.
 */
@ClinicIntegrationTest
class NotificationStaffViewTests {

	/** The first administrator the test configuration creates: the back office only serves real, enabled accounts. */
	private static final String SIGNED_IN_ADMIN = "admin@test.gagephysio.ca";


	private final SubmittedInquiries inquiries;

	private final NotificationRepository notifications;

	private final NotificationTimeline timeline;

	private final NotificationNotices notices;

	private final MessageSource messages;

	private final MockMvcTester mvc;

	private final JdbcClient jdbc;

	private final int smtpPort;

	private final List<Long> rowsToRemove = new ArrayList<>();

	private SmtpServer smtp;

	@Autowired
	NotificationStaffViewTests(InquiryRepository inquiryRepository, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager, NotificationRepository notifications,
			NotificationTimeline timeline, NotificationNotices notices, MessageSource messages, MockMvcTester mvc,
			JdbcClient jdbc, @Value("${spring.mail.port}") int smtpPort) {
		this.inquiries = new SubmittedInquiries(inquiryRepository, events, transactionManager);
		this.notifications = notifications;
		this.timeline = timeline;
		this.notices = notices;
		this.messages = messages;
		this.mvc = mvc;
		this.jdbc = jdbc;
		this.smtpPort = smtpPort;
	}

	/** Failed rows left behind would keep a warning on every other test's back-office pages. */
	@AfterEach
	void removeRowsAndStopSmtpServer() {
		rowsToRemove.forEach(notifications::deleteById);
		if (smtp != null) {
			smtp.stop();
		}
	}

	@Test
	void aFailedEmailIsAProblemOnTheTimelineAndAWarningForStaff() {
		Inquiry inquiry = inquiries.storeWithoutEvent("Failed Tester", null, "Hello");
		long id = insertRow(inquiry, "FAILED", 10, null);

		assertThat(timeline.entriesFor(inquiry.getId())).singleElement().satisfies(entry -> {
			assertThat(entry.messageKey()).isEqualTo("notification.timeline.staff-alert.failed");
			assertThat(entry.problem()).isTrue();
			assertThat(entry.actionPath()).isEqualTo("/staff/notifications/" + id + "/retry");
			assertThat(text(entry.actionLabelKey())).isEqualTo("Send again");
			assertThat(text(entry.messageKey(), entry.argumentArray()))
				.isEqualTo("Front-desk email to " + FRONT_DESK + " failed after 10 attempts (Connection refused)");
		});
		// the same words for everyone: administrators are led to the outbox page, other staff to the inbox
		assertThat(notices.currentNotices()).filteredOn(notice -> notice.messageKey().equals("notification.notice.failed"))
			.extracting(notice -> notice.audience() + " " + notice.linkPath())
			.containsExactlyInAnyOrder("ADMINISTRATORS /staff/outbox", "OTHER_STAFF /staff/inquiries");
		assertThat(notices.currentNotices()).filteredOn(notice -> notice.messageKey().equals("notification.notice.failed"))
			.allSatisfy(notice -> assertThat(text(notice.messageKey(), notice.argumentArray()))
				.contains("could not be sent"));
	}

	@Test
	void anEmailTheServerKeepsRefusingWarnsStaffWhileItIsStillRetried() {
		Inquiry inquiry = inquiries.storeWithoutEvent("Retrying Tester", null, "Hello");
		long id = insertRow(inquiry, "PENDING", 3, Instant.now().plus(Duration.ofDays(1)));

		assertThat(timeline.entriesFor(inquiry.getId())).singleElement().satisfies(entry -> {
			assertThat(entry.problem()).isTrue();
			assertThat(entry.actionPath()).isEqualTo("/staff/notifications/" + id + "/retry");
			assertThat(text(entry.messageKey(), entry.argumentArray())).isEqualTo(
					"Front-desk email to " + FRONT_DESK
							+ " not sent yet: 3 attempts failed (Connection refused); trying again automatically");
		});
		assertThat(notices.currentNotices()).extracting(StaffNotice::messageKey).contains("notification.notice.failing");
	}

	@Test
	void staffCanSendAFailedEmailAgainFromTheTimeline() {
		Inquiry inquiry = inquiries.storeWithoutEvent("Retry Tester", null, "Hello");
		long id = insertRow(inquiry, "FAILED", 10, null);
		smtp = SmtpServer.startOn(smtpPort);

		assertThat(mvc.post().uri("/staff/notifications/{id}/retry", id).with(StaffTestAccounts.signedIn(SIGNED_IN_ADMIN, "ADMIN", "STAFF")).with(csrf()))
			.hasStatus(HttpStatus.FOUND)
			.hasRedirectedUrl("/staff/inquiries/" + inquiry.getId());

		await().untilAsserted(() -> assertThat(notifications.findById(id)).get()
			.extracting(Notification::getState)
			.isEqualTo(Notification.State.SENT));
		assertThat(smtp.messagesTo(FRONT_DESK, inquiry.getReference())).hasSize(1);
		assertThat(timeline.entriesFor(inquiry.getId())).singleElement()
			.satisfies(entry -> assertThat(entry.problem()).isFalse());
		assertThat(jdbc.sql("select count(*) from audit_entry where action = 'INQUIRY_NOTIFICATION_RETRIED' "
				+ "and subject_id = ? and actor_email = ?")
			.params(inquiry.getId(), SIGNED_IN_ADMIN)
			.query(Long.class)
			.single()).as("retry in the access trail").isEqualTo(1);
	}

	@Test
	void onlyASignedInStaffMemberWithACsrfTokenCanRetry() {
		Inquiry inquiry = inquiries.storeWithoutEvent("Guarded Tester", null, "Hello");
		long id = insertRow(inquiry, "FAILED", 10, null);

		assertThat(mvc.post().uri("/staff/notifications/{id}/retry", id).with(csrf())).hasStatus3xxRedirection()
			.redirectedUrl()
			.contains("/login");
		assertThat(mvc.post().uri("/staff/notifications/{id}/retry", id).with(StaffTestAccounts.signedIn(SIGNED_IN_ADMIN, "ADMIN", "STAFF")))
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(notifications.findById(id)).get()
			.extracting(Notification::getState)
			.isEqualTo(Notification.State.FAILED);
	}

	@Test
	void retryingAnEmailThatDoesNotExistIsNotFound() {
		assertThat(mvc.post().uri("/staff/notifications/{id}/retry", Long.MAX_VALUE).with(StaffTestAccounts.signedIn(SIGNED_IN_ADMIN, "ADMIN", "STAFF")).with(csrf()))
			.hasStatus(HttpStatus.NOT_FOUND);
	}

	private long insertRow(Inquiry inquiry, String state, int attempts, Instant nextAttemptAt) {
		Instant now = Instant.now();
		jdbc.sql("""
				insert into notification (kind, inquiry_id, reference, service, submitted_at, recipient_email, state,
				  attempts, next_attempt_at, last_attempt_at, last_error, created_at)
				values ('STAFF_ALERT', ?, ?, 'back-pain', ?, ?, ?, ?, ?, ?, 'Connection refused', ?)""")
			.params(inquiry.getId(), inquiry.getReference(), now.atOffset(ZoneOffset.UTC), FRONT_DESK, state, attempts,
					nextAttemptAt == null ? null : nextAttemptAt.atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC),
					now.atOffset(ZoneOffset.UTC))
			.update();
		long id = notifications.findByInquiryIdOrderByCreatedAtAscIdAsc(inquiry.getId()).get(0).getId();
		rowsToRemove.add(id);
		return id;
	}

	private String text(String key, Object... arguments) {
		return messages.getMessage(key, arguments, Locale.CANADA);
	}

}

package ca.gagephysio.notification;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.TimelineEntry;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.staff.StaffNotice;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.transaction.PlatformTransactionManager;

import static ca.gagephysio.notification.InquiryEmailTests.FRONT_DESK;
import static ca.gagephysio.notification.InquiryEmailTests.uniqueAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A receiving server's permanent refusal of one address (a 5xx reply to {@code RCPT TO}) ends that email at once,
 * shows on its inquiry's timeline, and is not blamed on the mail server; a temporary one (4xx) is tried again.
 * The server here is {@link ScriptedSmtpServer}, because GreenMail accepts every recipient.
 */
@ClinicIntegrationTest
class RefusedAddressTests {

	private final SubmittedInquiries inquiries;

	private final NotificationRepository notifications;

	private final NotificationTimeline timeline;

	private final NotificationNotices notices;

	private final MessageSource messages;

	private final int smtpPort;

	private ScriptedSmtpServer smtp;

	@Autowired
	RefusedAddressTests(InquiryRepository inquiryRepository, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager, NotificationRepository notifications,
			NotificationTimeline timeline, NotificationNotices notices, MessageSource messages,
			@Value("${spring.mail.port}") int smtpPort) {
		this.inquiries = new SubmittedInquiries(inquiryRepository, events, transactionManager);
		this.notifications = notifications;
		this.timeline = timeline;
		this.notices = notices;
		this.messages = messages;
		this.smtpPort = smtpPort;
	}

	@AfterEach
	void stopSmtpServer() throws IOException {
		if (smtp != null) {
			smtp.close();
		}
	}

	@Test
	void anAddressTheServerRefusesForGoodIsTriedOnceAndShownOnItsTimelineWithoutAMailServerWarning()
			throws IOException {
		String email = uniqueAddress("nobody-here");
		smtp = ScriptedSmtpServer.startOn(smtpPort).answer(email, "550 5.1.1 <" + email + ">: no such user here");
		Inquiry inquiry = inquiries.submit("Refused Tester", email, "Hello");

		Notification acknowledgement = awaitAcknowledgement(inquiry, Notification.State.REFUSED);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> smtp.rcptCount(email) == 1);

		assertThat(acknowledgement.getAttempts()).isEqualTo(1);
		assertThat(acknowledgement.getNextAttemptAt()).isNull();
		assertThat(timeline.entriesFor(inquiry.getId()))
			.filteredOn(entry -> entry.messageKey().startsWith("notification.timeline.acknowledgement"))
			.singleElement()
			.satisfies(entry -> {
				assertThat(entry.messageKey()).isEqualTo("notification.timeline.acknowledgement.refused");
				assertThat(entry.problem()).isTrue();
				assertThat(text(entry)).isEqualTo("Acknowledgement not delivered: this address refused the email (550 "
						+ "5.1.1 <" + email + ">: no such user here). It is not tried again by itself.");
			});
		// The mail server itself is fine: the front desk's alert went out over the same connection settings.
		await().untilAsserted(() -> assertThat(smtp.deliveredTo(FRONT_DESK))
			.anyMatch(message -> message.contains(inquiry.getReference())));
		assertNoMailServerWarningOnceOtherEmailsAreThrough(inquiry);
	}

	@Test
	void aStaffAddressRefusedForGoodFailsOnlyThatPersonsAlert() throws IOException {
		String refusedStaff = FRONT_DESK;
		smtp = ScriptedSmtpServer.startOn(smtpPort).answer(refusedStaff, "553 5.1.3 mailbox name not allowed");
		String email = uniqueAddress("still-gets-it");
		Inquiry inquiry = inquiries.submit("Alert Refused Tester", email, "Hello");

		await().untilAsserted(() -> assertThat(rowsOf(inquiry))
			.filteredOn(row -> row.isStaffAlert() && refusedStaff.equals(row.getRecipientEmail()))
			.singleElement()
			.satisfies(row -> assertThat(row.getState()).isEqualTo(Notification.State.REFUSED)));
		awaitAcknowledgement(inquiry, Notification.State.SENT);

		assertThat(smtp.deliveredTo(email)).hasSize(1);
		assertThat(timeline.entriesFor(inquiry.getId()))
			.filteredOn(entry -> entry.messageKey().equals("notification.timeline.staff-alert.refused"))
			.singleElement()
			.satisfies(entry -> assertThat(text(entry)).startsWith("Front-desk email to " + refusedStaff
					+ " not delivered: this address refused the email (553 5.1.3 mailbox name not allowed)"));
		assertNoMailServerWarningOnceOtherEmailsAreThrough(inquiry);
	}

	/** 552 after {@code RCPT} counts as temporary: RFC 5321 section 4.5.3.1.10. */
	@ParameterizedTest
	@ValueSource(strings = { "452 4.2.2 Mailbox full, try later", "450 4.7.1 Greylisted, please retry",
			"552 5.2.2 Mailbox over quota" })
	void anAddressTheServerDefersForNowIsTriedAgainAndDelivered(String temporaryReply) throws IOException {
		String email = uniqueAddress("try-later");
		smtp = ScriptedSmtpServer.startOn(smtpPort).answer(email, temporaryReply, "250 2.1.5 OK");
		Inquiry inquiry = inquiries.submit("Deferred Tester", email, "Hello");

		Notification acknowledgement = awaitAcknowledgement(inquiry, Notification.State.SENT);

		assertThat(acknowledgement.getAttempts()).isEqualTo(2);
		assertThat(smtp.rcptCount(email)).isEqualTo(2);
		assertThat(smtp.deliveredTo(email)).singleElement()
			.satisfies(message -> assertThat(message).contains(inquiry.getReference()));
	}

	private Notification awaitAcknowledgement(Inquiry inquiry, Notification.State state) {
		await().untilAsserted(() -> assertThat(acknowledgementOf(inquiry).getState()).isEqualTo(state));
		return acknowledgementOf(inquiry);
	}

	private Notification acknowledgementOf(Inquiry inquiry) {
		return rowsOf(inquiry).stream().filter(row -> !row.isStaffAlert()).findFirst().orElseThrow();
	}

	private List<Notification> rowsOf(Inquiry inquiry) {
		return notifications.findByInquiryIdOrderByCreatedAtAscIdAsc(inquiry.getId());
	}

	private String text(TimelineEntry entry) {
		return messages.getMessage(entry.messageKey(), entry.argumentArray(), Locale.CANADA);
	}

	/**
	 * The warnings count every email in the outbox, and the suite's other tests may leave emails of their own failed
	 * or retrying (an account email queued while no test mail server listened, in whatever order the classes run),
	 * so the check is on what this inquiry adds: none of its emails is failed or waiting for a retry, and the
	 * "failed" and "failing" warnings count exactly the outbox's failed and retrying emails, so a refused one is not
	 * among them (were it counted, a warning's number would exceed those rows).
	 */
	private void assertNoMailServerWarningOnceOtherEmailsAreThrough(Inquiry inquiry) {
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			assertThat(rowsOf(inquiry)).extracting(Notification::getState)
				.containsOnly(Notification.State.SENT, Notification.State.REFUSED);
			long failed = notifications.countByState(Notification.State.FAILED);
			long retrying = notifications.countByStateAndAttemptsGreaterThan(Notification.State.PENDING, 0);
			List<StaffNotice> current = notices.currentNotices();
			assertThat(current).filteredOn(notice -> notice.messageKey().equals("notification.notice.failed"))
				.allSatisfy(notice -> assertThat(notice.arguments()).containsExactly(failed));
			assertThat(current).filteredOn(notice -> notice.messageKey().equals("notification.notice.failing"))
				.allSatisfy(notice -> assertThat(notice.arguments()).containsExactly(retrying));
			if (failed == 0 && retrying == 0) {
				assertThat(current).extracting(StaffNotice::messageKey)
					.doesNotContain("notification.notice.failing", "notification.notice.failed");
			}
		});
	}

}

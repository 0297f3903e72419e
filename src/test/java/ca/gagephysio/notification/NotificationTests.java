package ca.gagephysio.notification;

import java.time.Duration;
import java.time.Instant;

import ca.gagephysio.inquiry.InquirySubmitted;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The life of one outbox row: back-off, giving up, retrying, and forgetting personal data once sent.
 */
class NotificationTests {

	private static final Notification.Backoff BACKOFF = new Notification.Backoff(Duration.ofMinutes(1),
			Duration.ofMinutes(10), 5);

	private static final Instant NOW = Instant.parse("2026-11-25T15:00:00Z");

	private final InquirySubmitted inquiry = new InquirySubmitted(7, "GP-7", "back-pain", NOW, "ann@x.example");

	@Test
	void waitsTwiceAsLongAfterEachFailureUpToTheLongestDelay() {
		assertThat(BACKOFF.delayAfter(1)).isEqualTo(Duration.ofMinutes(1));
		assertThat(BACKOFF.delayAfter(2)).isEqualTo(Duration.ofMinutes(2));
		assertThat(BACKOFF.delayAfter(4)).isEqualTo(Duration.ofMinutes(8));
		assertThat(BACKOFF.delayAfter(5)).isEqualTo(Duration.ofMinutes(10));
		assertThat(BACKOFF.delayAfter(60)).isEqualTo(Duration.ofMinutes(10));
	}

	@Test
	void staysPendingUntilTheLastAttemptFailsThenWaitsForAPerson() {
		Notification notification = Notification.staffAlert(inquiry, "frontdesk@x.example", NOW);
		for (int attempt = 1; attempt < 5; attempt++) {
			notification.failed("Connection refused", NOW, BACKOFF);
			assertThat(notification.getState()).isEqualTo(Notification.State.PENDING);
		}
		assertThat(notification.getNextAttemptAt()).isEqualTo(NOW.plus(Duration.ofMinutes(8)));

		notification.failed("Connection refused", NOW, BACKOFF);

		assertThat(notification.getState()).isEqualTo(Notification.State.FAILED);
		assertThat(notification.getAttempts()).isEqualTo(5);
		assertThat(notification.getNextAttemptAt()).isNull();
	}

	@Test
	void aRetryGivesAFailedEmailAFreshRoundOfAttempts() {
		Notification notification = Notification.staffAlert(inquiry, "frontdesk@x.example", NOW);
		notification.failedForGood("not a valid email address", NOW);

		notification.retry(NOW.plusSeconds(60));

		assertThat(notification.getState()).isEqualTo(Notification.State.PENDING);
		assertThat(notification.getAttempts()).isZero();
		assertThat(notification.getNextAttemptAt()).isEqualTo(NOW.plusSeconds(60));
	}

	@Test
	void aRetryOfASentEmailSendsNothingAgain() {
		Notification notification = Notification.staffAlert(inquiry, "frontdesk@x.example", NOW);
		notification.sent(NOW);

		notification.retry(NOW.plusSeconds(60));

		assertThat(notification.getState()).isEqualTo(Notification.State.SENT);
		assertThat(notification.getNextAttemptAt()).isNull();
	}

	@Test
	void aSentAcknowledgementForgetsThePersonsAddress() {
		Notification notification = Notification.acknowledgement(inquiry, NOW);
		assertThat(notification.getRecipientEmail()).isEqualTo("ann@x.example");

		notification.sent(NOW);

		assertThat(notification.getRecipientEmail()).isNull();
		assertThat(notification.getReference()).isEqualTo("GP-7");
	}

	@Test
	void anAddressRefusedForGoodIsNotTriedAgainButStaffCanSendItAgain() {
		Notification notification = Notification.acknowledgement(inquiry, NOW);

		notification.refused("550 5.1.1 No such user", NOW);

		assertThat(notification.getState()).isEqualTo(Notification.State.REFUSED);
		assertThat(notification.getAttempts()).isEqualTo(1);
		assertThat(notification.getNextAttemptAt()).isNull();
		assertThat(notification.isRetrying()).isFalse();
		assertThat(notification.getRecipientEmail()).isEqualTo("ann@x.example");

		notification.retry(NOW.plusSeconds(60));

		assertThat(notification.getState()).isEqualTo(Notification.State.PENDING);
		assertThat(notification.getAttempts()).isZero();
	}

	@Test
	void anAlertQueuedWhileNobodyReceivesAlertsWaitsForAPersonThenIsAddressedWhenSentAgain() {
		Notification alert = Notification.staffAlertToNobody(inquiry, NOW);
		assertThat(alert.getState()).isEqualTo(Notification.State.FAILED);
		assertThat(alert.isUnaddressedAlert()).isTrue();

		alert.retry(NOW.plusSeconds(60));
		alert.addressTo("frontdesk@x.example");

		assertThat(alert.getState()).isEqualTo(Notification.State.PENDING);
		assertThat(alert.getRecipientEmail()).isEqualTo("frontdesk@x.example");
		assertThat(alert.isUnaddressedAlert()).isFalse();
	}

	@Test
	void aSentStaffAlertKeepsItsStaffAddressForTheTimeline() {
		Notification alert = Notification.staffAlert(inquiry, "frontdesk@x.example", NOW);

		alert.sent(NOW);

		assertThat(alert.getRecipientEmail()).isEqualTo("frontdesk@x.example");
	}

}

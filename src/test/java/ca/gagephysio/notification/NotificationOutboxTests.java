package ca.gagephysio.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.inquiry.InquirySubmitted;
import ca.gagephysio.staff.StaffDirectory;
import ca.gagephysio.staff.StaffMember;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * What the outbox records for a submitted inquiry, depending on the settings and on what is already there.
 */
class NotificationOutboxTests {

	private final NotificationRepository repository = mock(NotificationRepository.class);

	private final InquirySubmitted inquiry = new InquirySubmitted(7, "GP-7", "back-pain", Instant.now(),
			"ann@x.example");

	@Test
	void withAcknowledgementsTurnedOffOnlyTheFrontDeskIsEmailed() {
		NotificationOutbox outbox = outbox(settings(false));

		outbox.on(inquiry);

		ArgumentCaptor<Notification> saved = ArgumentCaptor.forClass(Notification.class);
		verify(repository, times(1)).save(saved.capture());
		assertThat(saved.getValue().getKind()).isEqualTo(Notification.Kind.STAFF_ALERT);
	}

	@Test
	void anEventDeliveredTwiceRecordsNoSecondEmail() {
		when(repository.existsByInquiryIdAndKind(anyLong(), any())).thenReturn(true);
		NotificationOutbox outbox = outbox(settings(true));

		outbox.on(inquiry);

		verify(repository, never()).save(any());
	}

	@Test
	void eachStaffRecipientGetsARowOfItsOwnAddressedWhenTheInquiryIsStored() {
		StaffDirectory staff = mock(StaffDirectory.class);
		when(staff.newInquiryAlertRecipients()).thenReturn(List.of(new StaffMember(1, "Ann", "ann@clinic.example"),
				new StaffMember(2, "Bo", "BO@clinic.example"), new StaffMember(3, "Bo again", "bo@clinic.example")));
		NotificationSettings noSharedMailbox = settings(false, List.of());
		NotificationOutbox outbox = new NotificationOutbox(repository, noSharedMailbox,
				new AlertRecipients(noSharedMailbox, staff), staff, mock(ClinicFacts.class));

		outbox.on(inquiry);

		ArgumentCaptor<Notification> saved = ArgumentCaptor.forClass(Notification.class);
		verify(repository, times(2)).save(saved.capture());
		assertThat(saved.getAllValues()).extracting(Notification::getRecipientEmail)
			.containsExactly("ann@clinic.example", "BO@clinic.example");
	}

	@Test
	void withNobodyToAlertOneUnaddressedAlertIsRecordedAsFailed() {
		NotificationSettings noSharedMailbox = settings(false, List.of());
		NotificationOutbox outbox = new NotificationOutbox(repository, noSharedMailbox,
				new AlertRecipients(noSharedMailbox, mock(StaffDirectory.class)), mock(StaffDirectory.class),
				mock(ClinicFacts.class));

		outbox.on(inquiry);

		ArgumentCaptor<Notification> saved = ArgumentCaptor.forClass(Notification.class);
		verify(repository, times(1)).save(saved.capture());
		assertThat(saved.getValue().isUnaddressedAlert()).isTrue();
		assertThat(saved.getValue().getState()).isEqualTo(Notification.State.FAILED);
	}

	private NotificationOutbox outbox(NotificationSettings settings) {
		return new NotificationOutbox(repository, settings, new AlertRecipients(settings, mock(StaffDirectory.class)),
				mock(StaffDirectory.class), mock(ClinicFacts.class));
	}

	private static NotificationSettings settings(boolean acknowledge) {
		return settings(acknowledge, List.of("frontdesk@x.example"));
	}

	private static NotificationSettings settings(boolean acknowledge, List<String> sharedMailboxes) {
		return new NotificationSettings(sharedMailboxes, acknowledge, "", Duration.ofSeconds(15),
				Duration.ofMinutes(1), Duration.ofHours(1), 10, Duration.ofMinutes(10));
	}

}

package ca.gagephysio.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import ca.gagephysio.inquiry.InquirySubmitted;
import ca.gagephysio.staff.StaffDirectory;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * With no mail server configured (the default), the site runs as usual: the sender leaves every email as it is,
 * without counting attempts or spinning on them, and staff are told why nothing goes out.
 */
class WithoutAMailServerTests {

	private final ObjectProvider<JavaMailSender> noMailServer = new StaticListableBeanFactory()
		.getBeanProvider(JavaMailSender.class);

	private final NotificationSettings settings = new NotificationSettings(List.of("frontdesk@x.example"), true, "",
			Duration.ofSeconds(15), Duration.ofMinutes(1), Duration.ofHours(1), 10, Duration.ofMinutes(10));

	@Test
	void withoutAMailServerTheSenderLeavesTheOutboxAlone() {
		NotificationOutbox outbox = mock(NotificationOutbox.class);
		NotificationSender sender = new NotificationSender(noMailServer, outbox, mock(NotificationEmails.class),
				settings, new AlertRecipients(settings, mock(StaffDirectory.class)), mock(MailSuppression.class));

		sender.sendDue();

		verifyNoInteractions(outbox);
	}

	@Test
	void withoutAMailServerStaffAreToldWhyEmailsAreWaiting() {
		NotificationRepository repository = mock(NotificationRepository.class);
		when(repository.countByState(Notification.State.PENDING)).thenReturn(3L);

		NotificationNotices notices = new NotificationNotices(repository, noMailServer, settings,
				new AlertRecipients(settings, mock(StaffDirectory.class)));

		assertThat(notices.currentNotices()).hasSize(2).allSatisfy(notice -> {
			assertThat(notice.messageKey()).isEqualTo("notification.notice.no-mail-server");
			assertThat(notice.arguments()).containsExactly(3L);
		});
		assertThat(notices.currentNotices()).extracting(notice -> notice.audience() + " " + notice.linkPath())
			.containsExactlyInAnyOrder("ADMINISTRATORS /staff/outbox", "OTHER_STAFF /staff/inquiries");
	}

	@Test
	void withoutAMailServerTheTimelineShowsEmailsAsNotSent() {
		NotificationRepository repository = mock(NotificationRepository.class);
		InquirySubmitted inquiry = new InquirySubmitted(7, "GP-7", "back-pain", Instant.now(), null);
		when(repository.findByInquiryIdOrderByCreatedAtAscIdAsc(7))
			.thenReturn(List.of(Notification.staffAlert(inquiry, "frontdesk@x.example", Instant.now())));

		NotificationTimeline timeline = new NotificationTimeline(repository, noMailServer);

		assertThat(timeline.entriesFor(7)).singleElement().satisfies(entry -> {
			assertThat(entry.messageKey()).isEqualTo("notification.timeline.staff-alert.pending.no-mail-server");
			assertThat(entry.problem()).isTrue();
		});
	}

}

package ca.gagephysio.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import ca.gagephysio.inquiry.InquirySubmitted;
import ca.gagephysio.staff.StaffDirectory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * With no mail server configured (the default), the site runs as usual: the sender leaves every email as it is,
 * without counting attempts or spinning on them, and staff are told why nothing goes out.
 */
@ExtendWith(OutputCaptureExtension.class)
class WithoutAMailServerTests {

	private final MailServer noMailServer = MailServerTests.noMailServer();

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

	/** A jar built with Spring's ahead-of-time processing always has a mail sender; without a host it is not used. */
	@Test
	void aMailSenderDefinedWithoutAHostSendsNothing() {
		JavaMailSender defined = mock(JavaMailSender.class);
		MailServer server = new MailServer(new StaticListableBeanFactory(Map.of("mailSender", defined))
			.getBeanProvider(JavaMailSender.class), new MockEnvironment());
		NotificationOutbox outbox = mock(NotificationOutbox.class);
		NotificationSender sender = new NotificationSender(server, outbox, mock(NotificationEmails.class), settings,
				new AlertRecipients(settings, mock(StaffDirectory.class)), mock(MailSuppression.class));

		sender.sendDue();

		verifyNoInteractions(outbox, defined);
	}

	@Test
	void withoutAMailServerTheStartUpLogSaysSo(CapturedOutput output) {
		newSender(noMailServer).sayWhatIsMissing();

		assertThat(output).contains("No mail server is configured (spring.mail.host)");
	}

	/** A jar built with ahead-of-time processing that left the sender out must not look like "no mail server". */
	@Test
	void aHostWithoutAMailSenderIsAnErrorAtStartUp(CapturedOutput output) {
		MailServer hostButNoSender = new MailServer(new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class),
				new MockEnvironment().withProperty("spring.mail.host", "smtp.example.net"));

		newSender(hostButNoSender).sayWhatIsMissing();

		assertThat(output).contains("ERROR", "A mail server is configured (spring.mail.host) but the application "
				+ "defines no mail sender").doesNotContain("No mail server is configured");
	}

	private NotificationSender newSender(MailServer server) {
		return new NotificationSender(server, mock(NotificationOutbox.class), mock(NotificationEmails.class), settings,
				new AlertRecipients(settings, mock(StaffDirectory.class)), mock(MailSuppression.class));
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

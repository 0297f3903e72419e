package ca.gagephysio.notification;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ca.gagephysio.staff.StaffDirectory;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessagePreparator;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * When the mail server cannot be used at all (no connection, or the sign-in refused), a run of the sender tries one
 * email and counts the same failed attempt for the rest of its emails without composing them or connecting again;
 * any other failure concerns the one email, and the run goes on trying the others.
 * {@code NotificationOutboxFailureTests} checks, on the database, what counting without trying records.
 */
class MailServerOutageTests {

	private static final List<Long> DUE = List.of(11L, 12L, 13L);

	private final NotificationSettings settings = new NotificationSettings(List.of("frontdesk@x.example"), true, "",
			Duration.ofSeconds(15), Duration.ofMinutes(1), Duration.ofHours(1), 10, Duration.ofMinutes(10));

	private final JavaMailSender mail = mock(JavaMailSender.class);

	private final NotificationOutbox outbox = mock(NotificationOutbox.class);

	private final NotificationEmails emails = mock(NotificationEmails.class);

	private final NotificationSender sender = new NotificationSender(
			new MailServer(new StaticListableBeanFactory(Map.of("mailSender", mail)).getBeanProvider(JavaMailSender.class),
					new MockEnvironment().withProperty("spring.mail.host", "127.0.0.1")),
			outbox, emails, settings, new AlertRecipients(settings, mock(StaffDirectory.class)),
			mock(MailSuppression.class));

	MailServerOutageTests() {
		when(outbox.dueIds(any(), anyInt())).thenReturn(DUE);
		DUE.forEach(id -> {
			Notification notification = acknowledgement(id);
			when(outbox.claim(eq(id), any())).thenReturn(Optional.of(notification));
		});
		MimeMessagePreparator composed = message -> {
		};
		when(emails.compose(any(), any())).thenReturn(composed);
	}

	@Test
	void aRefusedConnectionIsTriedOnceAndCountedForTheRestOfTheRun() {
		doThrow(new MailSendException("Mail server connection failed", refusedConnection())).when(mail)
			.send(any(MimeMessagePreparator.class));

		sender.sendDue();

		verify(mail, times(1)).send(any(MimeMessagePreparator.class));
		verify(emails, times(1)).compose(any(), any());
		verify(outbox).recordFailure(eq(11L), anyString(), any());
		verify(outbox).recordFailureWithoutTrying(eq(List.of(12L, 13L)), eq("Connection refused"), any(), any());
		verify(outbox, never()).claim(eq(12L), any());
	}

	@Test
	void aRefusedSignInIsTriedOnceAndCountedForTheRestOfTheRun() {
		doThrow(new MailAuthenticationException("535 5.7.8 Authentication credentials invalid")).when(mail)
			.send(any(MimeMessagePreparator.class));

		sender.sendDue();

		verify(mail, times(1)).send(any(MimeMessagePreparator.class));
		verify(outbox).recordFailureWithoutTrying(eq(List.of(12L, 13L)), anyString(), any(), any());
	}

	@Test
	void aFailureOfOneEmailLeavesTheOthersToBeTried() {
		doThrow(new MailSendException("Failed messages",
				new MessagingException("451 4.3.0 Temporary failure while receiving this message")))
			.when(mail)
			.send(any(MimeMessagePreparator.class));

		sender.sendDue();

		verify(mail, times(3)).send(any(MimeMessagePreparator.class));
		verify(outbox, times(3)).recordFailure(anyLong(), anyString(), any());
		verify(outbox, never()).recordFailureWithoutTrying(any(), any(), any(), any());
	}

	@Test
	void theLastEmailOfARunLeavesNothingToCount() {
		when(outbox.dueIds(any(), anyInt())).thenReturn(List.of(11L));
		doThrow(new MailSendException("Mail server connection failed", refusedConnection())).when(mail)
			.send(any(MimeMessagePreparator.class));

		sender.sendDue();

		verify(outbox).recordFailure(eq(11L), anyString(), any());
		verify(outbox, never()).recordFailureWithoutTrying(any(), any(), any(), any());
	}

	@Test
	void onlyFailuresToUseTheServerAtAllCountAsUnreachable() {
		assertThat(SmtpRefusal.serverUnreachable(new MailSendException("x", refusedConnection()))).isTrue();
		assertThat(SmtpRefusal.serverUnreachable(new MailAuthenticationException("535"))).isTrue();
		assertThat(SmtpRefusal.serverUnreachable(new MailSendException("Mail server connection or sending failed",
				new MessagingException("Unknown SMTP host: smtp.nowhere.example",
						new java.net.UnknownHostException("smtp.nowhere.example")))))
			.isTrue();
		assertThat(SmtpRefusal.serverUnreachable(new MailSendException("Failed messages",
				new MessagingException("452 4.2.2 Mailbox full"))))
			.isFalse();
		assertThat(SmtpRefusal.serverUnreachable(new IllegalStateException("template failed"))).isFalse();
	}

	private static MailConnectException refusedConnection() {
		return new MailConnectException(new SocketConnectException("Connection refused",
				new ConnectException("Connection refused"), "127.0.0.1", 25, -1));
	}

	private static Notification acknowledgement(long id) {
		Notification notification = mock(Notification.class);
		when(notification.getId()).thenReturn(id);
		when(notification.getKind()).thenReturn(Notification.Kind.ACKNOWLEDGEMENT);
		when(notification.getRecipientEmail()).thenReturn("person" + id + "@example.com");
		when(notification.getReference()).thenReturn("T-" + id);
		when(notification.getAttempts()).thenReturn(0);
		return notification;
	}

}

package ca.gagephysio.notification;

import java.util.Map;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;

import org.junit.jupiter.api.Test;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures are one address refused for good, read the way Spring reports them: a {@link MailSendException}
 * holding, per message, the provider's {@link SendFailedException} with the server's reply chained. The end-to-end
 * cases, with the real provider against a real socket, are in {@link RefusedAddressTests}.
 */
class SmtpRefusalTests {

	private static final Address[] ANN = { address("ann@x.example") };

	private static final Address[] NONE = {};

	@Test
	void a5xxReplyToRcptIsAPermanentRefusalWithTheServersWords() {
		MailSendException failure = failedWith(new SendFailedException("Invalid Addresses",
				new MessagingException("553 5.1.3 mailbox name not allowed\r\n"), NONE, NONE, ANN));

		assertThat(SmtpRefusal.permanentReplyFor(failure)).hasValue("553 5.1.3 mailbox name not allowed");
	}

	@Test
	void a4xxReplyToRcptIsNotARefusal() {
		MailSendException failure = failedWith(new SendFailedException("Invalid Addresses",
				new MessagingException("452 4.2.2 Mailbox full"), NONE, ANN, null));

		assertThat(SmtpRefusal.permanentReplyFor(failure)).isEmpty();
	}

	@Test
	void aFailureThatConcernsEveryEmailIsNotARefusal() {
		assertThat(SmtpRefusal.permanentReplyFor(new MailSendException("Mail server connection failed",
				new MessagingException("Connection refused")))).isEmpty();
		assertThat(SmtpRefusal.permanentReplyFor(new MailAuthenticationException("535 5.7.8 bad credentials")))
			.isEmpty();
		// A refused sender (MAIL FROM) names no refused recipient: it is the site's configuration, for every email.
		assertThat(SmtpRefusal.permanentReplyFor(
				failedWith(new SendFailedException("553 5.7.1 Sender address rejected: not owned by user"))))
			.isEmpty();
	}

	private static MailSendException failedWith(Exception perMessage) {
		return new MailSendException(Map.of(new Object(), perMessage));
	}

	private static InternetAddress address(String text) {
		try {
			return new InternetAddress(text);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

package ca.gagephysio.notification;

import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPTransport;

import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessagePreparator;

/**
 * Sends an email to an address with letters beyond ASCII before the {@code @} ({@code jörg@example.com}), which
 * only a server announcing SMTPUTF8 may be given (RFC 6531 section 3.4). Jakarta Mail's SMTP provider (Angus Mail)
 * does the protocol: with {@code mail.mime.allowutf8} set on the session it writes the UTF-8 address and headers and
 * adds {@code SMTPUTF8} to {@code MAIL FROM} when the server announced it. What it does not do is refuse when the
 * server did not (it logs and sends anyway), so this class connects first, asks the server's {@code EHLO} answer,
 * and sends only if SMTPUTF8 is there; otherwise the email cannot be delivered through this server, which the outbox
 * records for staff to see (not retried: it is the server's ability, not a passing fault; "Send again" is there once
 * the server offers it). Every other email goes through Spring's sender, unchanged, without the UTF-8 setting.
 */
final class SmtpUtf8Delivery {

	/** What staff read on the timeline when the mail server cannot take such an address. */
	static final String NOT_OFFERED = "the mail server does not offer SMTPUTF8 (RFC 6531), which an address with "
			+ "letters beyond A to Z before the @ needs";

	private SmtpUtf8Delivery() {
	}

	/**
	 * Sends the email over a connection of its own, with the sender's settings plus {@code mail.mime.allowutf8}.
	 *
	 * @throws NotificationEmails.InvalidRecipientException if the server does not announce SMTPUTF8
	 * @throws MailSendException if connecting or sending fails, with Jakarta Mail's exception (and the server's
	 * reply) as its cause, as Spring's sender would
	 */
	static void send(JavaMailSender mail, MimeMessagePreparator preparator) {
		if (!(mail instanceof JavaMailSenderImpl sender)) {
			throw new NotificationEmails.InvalidRecipientException(NOT_OFFERED);
		}
		Properties properties = new Properties();
		properties.putAll(sender.getJavaMailProperties());
		properties.setProperty("mail.mime.allowutf8", "true");
		Session session = Session.getInstance(properties);
		try (Transport transport = session.getTransport(sender.getProtocol() == null ? "smtp" : sender.getProtocol())) {
			transport.connect(sender.getHost(), sender.getPort(), sender.getUsername(), sender.getPassword());
			if (!(transport instanceof SMTPTransport smtp) || !smtp.supportsExtension("SMTPUTF8")) {
				throw new NotificationEmails.InvalidRecipientException(NOT_OFFERED);
			}
			MimeMessage message = new MimeMessage(session);
			preparator.prepare(message);
			message.saveChanges();
			transport.sendMessage(message, message.getAllRecipients());
		}
		catch (NotificationEmails.InvalidRecipientException ex) {
			throw ex;
		}
		catch (MessagingException ex) {
			throw new MailSendException("Mail server connection or sending failed", ex);
		}
		catch (Exception ex) {
			throw new MailSendException("Could not prepare the email", ex);
		}
	}

}

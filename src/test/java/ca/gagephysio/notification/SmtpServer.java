package ca.gagephysio.notification;

import java.io.IOException;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.function.Supplier;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) on the port the tests' {@code spring.mail.port} names, for any test that needs to
 * see what the site emails. Start it in a test, stop it after: while it is down the site's emails stay pending.
 * Other tests' pending emails may arrive while it runs, so look messages up by recipient and reference.
 */
public final class SmtpServer {

	private final GreenMail greenMail;

	private SmtpServer(int port) {
		this.greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
	}

	/** Starts a fresh, empty server on the given port. */
	public static SmtpServer startOn(int port) {
		SmtpServer server = new SmtpServer(port);
		server.greenMail.start();
		return server;
	}

	public void stop() {
		greenMail.stop();
	}

	/** Every copy delivered to this address whose subject contains the text (such as an inquiry's reference). */
	public List<MimeMessage> messagesTo(String address, String subjectContains) {
		return read(() -> greenMail
			.findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(address),
					message -> subjectOf(message).contains(subjectContains))
			.toList());
	}

	/** Every message delivered to any mailbox of this domain. */
	public List<MimeMessage> messagesToDomain(String domain) {
		return read(() -> Arrays.asList(greenMail.getReceivedMessagesForDomain(domain)));
	}

	/** Every message received, whoever it was for. */
	public List<MimeMessage> allMessages() {
		return read(() -> Arrays.asList(greenMail.getReceivedMessages()));
	}

	/**
	 * Reads the mailboxes again when a message arrived during the read. GreenMail 2.1.3 hands out each mailbox's
	 * live message list ({@code ListBasedStoredMessageCollection.getMessages()} wraps it, unmodifiable but not
	 * copied, and its lock is private), so a read that walks it while the site's sender delivers another email throws
	 * {@link ConcurrentModificationException} (seen once in a {@code -Ppostgres} run, in
	 * {@code StaffAccountEmailTests}). Each read is whole again from the start, so no message is counted twice.
	 */
	static <T> T read(Supplier<T> messages) {
		for (int attempt = 1;; attempt++) {
			try {
				return messages.get();
			}
			catch (ConcurrentModificationException arrivedDuringTheRead) {
				if (attempt == 10) {
					throw arrivedDuringTheRead;
				}
			}
		}
	}

	public static String subjectOf(MimeMessage message) {
		try {
			String subject = message.getSubject();
			return subject == null ? "" : subject;
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The plain-text part. */
	public static String textOf(MimeMessage message) {
		return partOf(message, "text/plain");
	}

	/** The HTML part. */
	public static String htmlOf(MimeMessage message) {
		return partOf(message, "text/html");
	}

	private static String partOf(Part part, String mimeType) {
		try {
			if (part.isMimeType(mimeType)) {
				return (String) part.getContent();
			}
			if (part.isMimeType("multipart/*")) {
				Multipart multipart = (Multipart) part.getContent();
				for (int i = 0; i < multipart.getCount(); i++) {
					BodyPart body = multipart.getBodyPart(i);
					String found = partOf(body, mimeType);
					if (found != null) {
						return found;
					}
				}
			}
			return null;
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

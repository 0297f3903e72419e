package ca.gagephysio.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.springframework.test.util.TestSocketUtils;

/**
 * The clinic's mailbox for the inbound-mail tests, with the site's SMTP server beside it. {@link #start} has
 * GreenMail serve both (SMTP on the tests' {@code spring.mail.port}, IMAP on a free port), and a patient's answer is
 * delivered to the mailbox over SMTP. {@link #startOnRealServer} takes the real IMAP server on 127.0.0.1 that
 * {@code -Dclinic.test.imap.port=...} (and {@code .user}, {@code .password}; set by {@code perf/dovecot-imap.sh} for
 * a Dovecot it started) names instead, and the answer is put in it with IMAP APPEND (RFC 9051 section 6.3.12), as a
 * delivery agent would; the site's emails still go to GreenMail.
 */
final class ClinicMailbox implements AutoCloseable {

	static final String REAL_SERVER_PORT = "clinic.test.imap.port";

	private final GreenMail greenMail;

	private final InboundMailProperties properties;

	private final int smtpPort;

	private final boolean real;

	private ClinicMailbox(GreenMail greenMail, InboundMailProperties properties, int smtpPort, boolean real) {
		this.greenMail = greenMail;
		this.properties = properties;
		this.smtpPort = smtpPort;
		this.real = real;
	}

	/**
	 * Starts GreenMail's SMTP server and the mailbox on the real IMAP server given by the system properties
	 * {@code clinic.test.imap.port}, {@code .user} and {@code .password} (on 127.0.0.1, without TLS).
	 *
	 * @throws IllegalStateException if {@code clinic.test.imap.port} is not set
	 */
	static ClinicMailbox startOnRealServer(int smtpPort, InboundMailProperties configured) {
		String realPort = System.getProperty(REAL_SERVER_PORT, "");
		if (realPort.isBlank()) {
			throw new IllegalStateException("-D" + REAL_SERVER_PORT + " names no IMAP server");
		}
		GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		return new ClinicMailbox(smtp,
				configured.at("127.0.0.1", Integer.parseInt(realPort), System.getProperty("clinic.test.imap.user"),
						System.getProperty("clinic.test.imap.password"), false),
				smtpPort, true);
	}

	/** Starts GreenMail's SMTP and IMAP servers with a fresh mailbox. */
	static ClinicMailbox start(int smtpPort, InboundMailProperties configured) {
		int imapPort = TestSocketUtils.findAvailableTcpPort();
		GreenMail greenMail = new GreenMail(new ServerSetup[] {
				new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
				new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP) });
		greenMail.start();
		String address = "frontdesk-" + System.nanoTime() + "@clinic-mailbox.example";
		greenMail.setUser(address, address, "mailbox secret");
		return new ClinicMailbox(greenMail, configured.at("127.0.0.1", imapPort, address, "mailbox secret", false),
				smtpPort, false);
	}

	/** The settings that reach this mailbox, as {@code clinic.inbound-mail.*} would give them. */
	InboundMailProperties properties() {
		return properties;
	}

	boolean real() {
		return real;
	}

	/** The mailbox's email address, for the To of what is delivered to it. */
	String address() {
		String user = properties.username();
		return user.contains("@") ? user : user + "@clinic-mailbox.example";
	}

	/** What the site sent, as GreenMail received it. */
	GreenMail smtp() {
		return greenMail;
	}

	/** A message arrives in the clinic's mailbox. */
	void deliver(MimeMessage message) throws MessagingException {
		if (real) {
			try (Store store = InboundMailbox.connect(properties)) {
				Folder inbox = store.getFolder(properties.folder());
				inbox.appendMessages(new Message[] { message });
			}
			return;
		}
		Properties smtp = new Properties();
		smtp.setProperty("mail.smtp.host", "127.0.0.1");
		smtp.setProperty("mail.smtp.port", Integer.toString(smtpPort));
		// sendMessage, not Transport.send: no saveChanges, so a message is sent exactly as built (even a broken one)
		try (Transport transport = Session.getInstance(smtp).getTransport("smtp")) {
			transport.connect();
			transport.sendMessage(message,
					new jakarta.mail.Address[] { new jakarta.mail.internet.InternetAddress(address()) });
		}
	}

	/** The subjects and flags of every message in the mailbox now, read without changing anything. */
	List<Seen> contents() throws MessagingException {
		try (Store store = InboundMailbox.connect(properties)) {
			Folder inbox = InboundMailbox.open(store, properties);
			List<Seen> all = new ArrayList<>();
			for (Message message : inbox.getMessages()) {
				all.add(new Seen(((MimeMessage) message).getMessageID(), message.isSet(Flags.Flag.SEEN),
						message.isSet(Flags.Flag.DELETED)));
			}
			inbox.close(false);
			return all;
		}
	}

	/** A session to build messages with. */
	static Session session() {
		return Session.getInstance(new Properties());
	}

	@Override
	public void close() {
		greenMail.stop();
	}

	record Seen(String messageId, boolean seen, boolean deleted) {
	}

}

package ca.gagephysio.notification;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import ca.gagephysio.inquiry.InquiryAnswers;
import ca.gagephysio.inquiry.PatientAnswer;
import ca.gagephysio.shared.Sha256;

/**
 * Takes patients' answers out of the clinic's mailbox into their inquiries: each message newer than the last one
 * looked at whose {@code In-Reply-To} or {@code References} (RFC 5322 section 3.6.4) names one of the Message-IDs the
 * outbox gave an email to a person (or, failing that, whose delivery address carries an inquiry's signed
 * plus-addressing token, {@link ReplyAddressTokens}) is read, split ({@link AnswerText}) and handed to the inquiry module
 * ({@link InquiryAnswers}), which records it, marks the inquiry and has its assignee alerted, in one transaction.
 * <p>
 * Read with Jakarta Mail (Angus Mail, already the site's mail implementation) rather than Spring Integration's
 * {@code ImapMailReceiver}: that one marks what it receives as seen or flags it, while here the folder is opened
 * read-only ({@code EXAMINE}), so nothing in the mailbox is ever moved, flagged or marked read, matched or not; and
 * it would add Spring Integration's channels for one loop.
 * <p>
 * Each message is taken once, with any number of instances and across restarts: its key (the SHA-256 of its
 * Message-ID, or of the folder's UIDVALIDITY and its UID when it has none) is unique in {@code inquiry_answer}, so of
 * two instances taking it at the same moment one records it and the other's insert fails and is let go. A message
 * that cannot be read (a broken MIME structure, a dropped connection) is left where it is, logged with its UID and
 * the error's type only (never a header or a line of its text), and read again on the next look. Unmatched
 * messages are not touched and not looked at again until the next start.
 */
@Component
class InboundMailbox {

	private static final Logger log = LoggerFactory.getLogger(InboundMailbox.class);

	private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>@\\s]{1,64})@[^<>\\s]{1,255}>");

	/**
	 * Where the address a message was delivered to is found: the delivery agent's {@code Delivered-To} and
	 * {@code X-Original-To} (Postfix, Dovecot, Gmail), else what the sender wrote in {@code To} and {@code Cc}.
	 */
	private static final List<String> DELIVERED_TO = List.of("Delivered-To", "X-Original-To", "To", "Cc");

	/** References past this many are ignored: a thread is never that long, a crafted header might be. */
	private static final int MAX_REFERENCES = 100;

	private final NotificationOutbox outbox;

	private final InquiryAnswers answers;

	private final ReplyAddressTokens replyTokens;

	InboundMailbox(NotificationOutbox outbox, InquiryAnswers answers, ReplyAddressTokens replyTokens) {
		this.outbox = outbox;
		this.answers = answers;
		this.replyTokens = replyTokens;
	}

	/** Connects to the mailbox as configured, opened read-only. The caller closes the store. */
	static Store connect(InboundMailProperties mailbox) throws MessagingException {
		Session session = Session.getInstance(mailbox.sessionProperties());
		Store store = session.getStore(mailbox.ssl() ? "imaps" : "imap");
		store.connect(mailbox.host().strip(), mailbox.port(), mailbox.username(), mailbox.password());
		return store;
	}

	static Folder open(Store store, InboundMailProperties mailbox) throws MessagingException {
		Folder folder = store.getFolder(mailbox.folder());
		folder.open(Folder.READ_ONLY);
		return folder;
	}

	/**
	 * One look at the mailbox: connects, takes what is new, disconnects.
	 *
	 * @return how many answers were taken into inquiries
	 * @throws MessagingException if the mailbox cannot be reached or opened
	 */
	int checkOnce(InboundMailProperties mailbox, Cursor cursor) throws MessagingException {
		try (Store store = connect(mailbox)) {
			Folder folder = open(store, mailbox);
			try {
				return takeNew(folder, cursor);
			}
			finally {
				folder.close(false);
			}
		}
	}

	/**
	 * Takes the answers among the messages the cursor has not passed yet, and moves it past them (but not past one
	 * that could not be read).
	 *
	 * @return how many answers were taken
	 */
	int takeNew(Folder folder, Cursor cursor) throws MessagingException {
		UIDFolder uids = (UIDFolder) folder;
		long validity = uids.getUIDValidity();
		cursor.follow(validity);
		Message[] messages = uids.getMessagesByUID(cursor.next(), UIDFolder.MAXUID);
		FetchProfile profile = new FetchProfile();
		profile.add(UIDFolder.FetchProfileItem.UID);
		profile.add("Message-ID");
		profile.add("In-Reply-To");
		profile.add("References");
		for (String header : DELIVERED_TO) {
			profile.add(header);
		}
		folder.fetch(messages, profile);
		int taken = 0;
		long firstFailed = -1;
		long last = cursor.next() - 1;
		for (Message message : messages) {
			if (message == null) {
				continue;
			}
			long uid = uids.getUID(message);
			if (uid < cursor.next()) {
				// IMAP answers "n:*" with the last message even when it is older than n (RFC 9051 section 6.4.9)
				continue;
			}
			last = Math.max(last, uid);
			try {
				if (take(folder, validity, uid, (MimeMessage) message)) {
					taken++;
				}
			}
			catch (MessagingException | IOException | RuntimeException ex) {
				if (ex instanceof DataIntegrityViolationException) {
					// another instance took it at the same moment
					continue;
				}
				log.warn("Inbound message UID {} in {} could not be read ({}); it stays in the mailbox and is "
						+ "read again next time", uid, folder.getFullName(), ex.getClass().getName());
				if (firstFailed < 0) {
					firstFailed = uid;
				}
			}
		}
		cursor.passed(firstFailed >= 0 ? firstFailed - 1 : last);
		return taken;
	}

	private boolean take(Folder folder, long validity, long uid, MimeMessage message)
			throws MessagingException, IOException {
		// the header fetched above, not the envelope: one odd address in an envelope must not hide the Message-ID
		String[] ids = message.getHeader("Message-ID");
		String messageId = ids == null || ids.length == 0 ? null : ids[0];
		String key = keyOf(messageId != null ? messageId.strip()
				: "uid:" + folder.getFullName() + ":" + validity + ":" + uid);
		if (answers.taken(key)) {
			return false;
		}
		Optional<Long> inquiry = outbox.inquiryAnsweredBy(referencedIds(message));
		if (inquiry.isEmpty()) {
			// no thread headers of ours: the plus-addressed Reply-To it was written to, if any
			inquiry = replyTokens.inquiryIn(deliveredTo(message));
		}
		if (inquiry.isEmpty()) {
			return false;
		}
		AnswerText.Content content = AnswerText.of(message);
		InternetAddress from = firstAddress(message.getFrom());
		Instant received = message.getReceivedDate() != null ? message.getReceivedDate().toInstant() : Instant.now();
		String subject = NotificationEmails.oneLine(message.getSubject());
		// kept only if it is one well-formed Message-ID: it goes into the headers of the clinic's next reply
		String ownId = messageId != null && MessageIds.isOne(messageId.strip()) ? messageId.strip() : null;
		PatientAnswer answer = new PatientAnswer(key, received, from == null ? null : from.getPersonal(),
				from == null ? null : from.getAddress(), subject, content.fresh(), content.folded(), content.whole(),
				content.attachments(), ownId);
		return answers.record(inquiry.get(), answer);
	}

	/** The addresses a message was delivered to, where a plus-addressed token can be found. */
	static List<String> deliveredTo(MimeMessage message) throws MessagingException {
		List<String> values = new ArrayList<>();
		for (String header : DELIVERED_TO) {
			String[] found = message.getHeader(header);
			if (found != null) {
				values.addAll(List.of(found));
			}
		}
		return values;
	}

	/** The local parts of the Message-IDs in In-Reply-To and References, in order, each once. */
	static List<String> referencedIds(MimeMessage message) throws MessagingException {
		Set<String> ids = new LinkedHashSet<>();
		for (String header : List.of("In-Reply-To", "References")) {
			String[] values = message.getHeader(header);
			if (values == null) {
				continue;
			}
			for (String value : values) {
				Matcher matcher = MESSAGE_ID.matcher(value);
				while (matcher.find() && ids.size() < MAX_REFERENCES) {
					ids.add(matcher.group(1));
				}
			}
		}
		return new ArrayList<>(ids);
	}

	private static InternetAddress firstAddress(Address[] addresses) {
		if (addresses == null) {
			return null;
		}
		for (Address address : addresses) {
			if (address instanceof InternetAddress internet) {
				return internet;
			}
		}
		return null;
	}

	/** SHA-256, hex: fits the unique column whatever the Message-ID's length (RFC 5322 lines may be 998 long). */
	static String keyOf(String messageId) {
		return Sha256.hex(messageId);
	}

	/**
	 * Where one reader of the mailbox is: the folder's UIDVALIDITY and the highest UID it has looked at (RFC 9051
	 * section 2.3.1.1). Kept in memory: after a restart the reader looks at the whole folder again, and the unique
	 * key keeps what it took before from being taken twice. A new UIDVALIDITY (the folder was recreated) starts over.
	 */
	static final class Cursor {

		private long validity = -1;

		private long passed;

		synchronized void follow(long uidValidity) {
			if (uidValidity != validity) {
				validity = uidValidity;
				passed = 0;
			}
		}

		synchronized long next() {
			return passed + 1;
		}

		synchronized void passed(long uid) {
			passed = Math.max(passed, uid);
		}

	}

}

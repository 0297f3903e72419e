package ca.gagephysio.notification;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;

import org.eclipse.angus.mail.util.MailConnectException;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;

/**
 * Tells a receiving server's permanent refusal of one recipient from every other sending failure.
 * <p>
 * RFC 5321 section 4.2.1: a 5yz reply is a permanent negative completion ("the SMTP client SHOULD NOT repeat the
 * exact request"), a 4yz reply a transient one, to be tried again. A 5yz reply to {@code RCPT TO} concerns that
 * address alone (no such mailbox, mailbox name not allowed, relaying denied for it): the email is marked refused,
 * once, and the mail server is not suspected. Everything else (a refused connection, failed authentication, a
 * refused sender, a 4yz reply, a time-out) may concern every email and stays a retry with its warning.
 * <p>
 * Read through the Jakarta Mail API only: the provider (Angus Mail) reports the addresses a server refused with a
 * 5yz reply as {@link SendFailedException#getInvalidAddresses() invalid} and those deferred with a 4yz reply
 * (including 552, which RFC 5321 section 4.5.3.1.10 says to treat as temporary after {@code RCPT}) as
 * {@link SendFailedException#getValidUnsentAddresses() valid but unsent}, with the server's reply lines as the
 * chained exceptions. Each outbox email has exactly one recipient, so a refused address means a refused email.
 * <p>
 * It also tells, among those failures, the ones that never reached the point of sending anything
 * ({@link #serverUnreachable}): no connection could be made, or the server refused the sign-in. They concern every
 * email alike, so the outbox does not try the others waiting with it (see {@code NotificationSender}).
 */
final class SmtpRefusal {

	private static final Pattern REPLY_CODE = Pattern.compile("^\\s*([2-5])\\d\\d\\b");

	private SmtpRefusal() {
	}

	/**
	 * The server's reply, such as {@code 550 5.1.1 No such user}, if this failure is a permanent refusal of the
	 * recipient; empty for any failure that another attempt could cure or that is not about the recipient.
	 */
	static Optional<String> permanentReplyFor(Throwable failure) {
		for (Throwable each : causesOf(failure)) {
			if (each instanceof SendFailedException sent && hasAny(sent.getInvalidAddresses())) {
				String reply = replyOf(sent);
				Matcher code = REPLY_CODE.matcher(reply);
				if (code.find() && !code.group(1).equals("5")) {
					return Optional.empty();
				}
				return Optional.of(reply);
			}
		}
		return Optional.empty();
	}

	/**
	 * Whether this failure says the mail server could not be used at all: the connection could not be made (refused,
	 * timed out, no route, a host name that does not resolve; Angus Mail reports these as {@link MailConnectException}
	 * or with the socket's exception as the cause) or the server refused the sign-in ({@link
	 * AuthenticationFailedException}, which Spring reports as {@link MailAuthenticationException}). A reply to the
	 * email itself (a refused sender or recipient, a 4yz reply, a time-out while sending) is not such a failure.
	 */
	static boolean serverUnreachable(Throwable failure) {
		for (Throwable each : causesOf(failure)) {
			if (each instanceof MailConnectException || each instanceof ConnectException
					|| each instanceof UnknownHostException || each instanceof NoRouteToHostException
					|| each instanceof AuthenticationFailedException || each instanceof MailAuthenticationException) {
				return true;
			}
		}
		return false;
	}

	/** The server's own words: the first chained reply that starts with a reply code, else the summary. */
	private static String replyOf(SendFailedException sent) {
		for (Exception next = sent.getNextException(); next != null;
				next = next instanceof MessagingException messaging ? messaging.getNextException() : null) {
			String message = next.getMessage();
			if (message != null && REPLY_CODE.matcher(message).find()) {
				return NotificationEmails.oneLine(message);
			}
		}
		String message = sent.getMessage();
		return message == null ? "refused" : NotificationEmails.oneLine(message);
	}

	/** The failure, its causes, the messages Spring collected per email, and their chained exceptions. */
	private static List<Throwable> causesOf(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		List<Throwable> inOrder = new ArrayList<>();
		Deque<Throwable> toVisit = new ArrayDeque<>();
		toVisit.add(failure);
		while (!toVisit.isEmpty()) {
			Throwable each = toVisit.poll();
			if (!seen.add(each)) {
				continue;
			}
			inOrder.add(each);
			if (each.getCause() != null) {
				toVisit.add(each.getCause());
			}
			if (each instanceof MailSendException send) {
				toVisit.addAll(send.getFailedMessages().values());
			}
			if (each instanceof MessagingException messaging && messaging.getNextException() != null) {
				toVisit.add(messaging.getNextException());
			}
		}
		return inOrder;
	}

	private static boolean hasAny(Address[] addresses) {
		return addresses != null && addresses.length > 0;
	}

}

package ca.gagephysio.notification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import ca.gagephysio.shared.EmailAddresses;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers what is waiting in the outbox. Everything it works from is in the database, so a restart simply picks up
 * where the last run stopped. Each email is claimed before it is sent, so two runs (or two instances) never send the
 * same one; a failure is recorded on the row and retried later with back-off, and never escapes to stop the schedule.
 * A permanent refusal of the one address (see {@link SmtpRefusal}) is recorded as such and not retried: it says
 * nothing about the mail server, so it raises no general warning.
 */
@Component
class NotificationSender {

	private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);

	private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'(),;:\\[\\]]+@[^\\s<>\"'(),;:\\[\\]]+");

	/** Emails per run: a backlog drains over a few runs instead of holding the scheduler for long. */
	static final int BATCH_SIZE = 20;

	private final MailServer mailServer;

	private final NotificationOutbox outbox;

	private final NotificationEmails emails;

	private final NotificationSettings settings;

	private final AlertRecipients alertRecipients;

	private final MailSuppression suppression;

	NotificationSender(MailServer mailServer, NotificationOutbox outbox, NotificationEmails emails,
			NotificationSettings settings, AlertRecipients alertRecipients, MailSuppression suppression) {
		this.suppression = suppression;
		this.mailServer = mailServer;
		this.outbox = outbox;
		this.emails = emails;
		this.settings = settings;
		this.alertRecipients = alertRecipients;
	}

	@EventListener(ApplicationReadyEvent.class)
	void sayWhatIsMissing() {
		if (mailServer.configured() && mailServer.sender().isEmpty()) {
			log.error("A mail server is configured (spring.mail.host) but the application defines no mail sender, so "
					+ "notification emails wait in the outbox: a jar built with Spring's ahead-of-time processing "
					+ "must be built with the aot profile of pom.xml, which defines it (docs/performance.md).");
		}
		else if (!mailServer.configured()) {
			log.warn("No mail server is configured (spring.mail.host): notification emails wait in the outbox "
					+ "and staff see them as not sent. See docs/operations.md, \"Mail\", to point the site at an SMTP "
					+ "server.");
		}
		else if (alertRecipients.current().isEmpty()) {
			log.warn("Nobody receives new-inquiry alerts: no active staff account has \"Email me about new "
					+ "inquiries\" on and clinic.notifications.staff-recipients is empty.");
		}
	}

	@Scheduled(fixedDelayString = "${clinic.notifications.send-interval:PT15S}",
			initialDelayString = "${clinic.notifications.send-interval:PT15S}")
	void sendDue() {
		JavaMailSender mail = mailServer.sender().orElse(null);
		if (mail == null) {
			// Nothing to send with: leave every row as it is, attempts uncounted, until a server is configured.
			return;
		}
		int released = outbox.releaseAbandonedClaims(Instant.now());
		if (released > 0) {
			log.warn("{} notification email(s) were being sent when a previous run stopped; they will be sent again",
					released);
		}
		List<Long> due = outbox.dueIds(Instant.now(), BATCH_SIZE);
		for (int next = 0; next < due.size(); next++) {
			Optional<Notification> claimed = outbox.claim(due.get(next), Instant.now());
			Optional<String> unreachable = claimed.flatMap(notification -> deliver(mail, notification));
			if (unreachable.isPresent()) {
				countWithoutTrying(due.subList(next + 1, due.size()), unreachable.get());
				return;
			}
		}
	}

	/**
	 * The mail server could not be used for the email just tried (see {@link SmtpRefusal#serverUnreachable}): the
	 * rest of the run's emails get the same failed attempt, with the same error and back-off, as each would have got
	 * by being composed and refused in turn, without composing them or connecting again. Staff see each one exactly
	 * as before; a run during an outage costs one connection instead of up to {@value #BATCH_SIZE}. Alerts still to
	 * be addressed and emails to a suppressed address are left for a run that tries them (they may need no server).
	 */
	private void countWithoutTrying(List<Long> rest, String error) {
		if (rest.isEmpty()) {
			return;
		}
		List<Notification> counted = outbox.recordFailureWithoutTrying(rest, error, Instant.now(),
				notification -> notification.isUnaddressedAlert() || (notification.getKind().needsUnsubscribe()
						&& suppression.suppressed(notification.getRecipientEmail())));
		counted.forEach(notification -> logFailure(notification, notification.getAttempts(), error, null));
		if (!counted.isEmpty()) {
			log.debug("The mail server could not be reached: {} more notification(s) counted as failed attempts "
					+ "without being tried", counted.size());
		}
	}

	/**
	 * Tries one claimed email and records what happened.
	 *
	 * @return the error, when the attempt failed because the mail server could not be used at all; else empty
	 */
	private Optional<String> deliver(JavaMailSender mail, Notification claimed) {
		long id = claimed.getId();
		Notification notification = claimed;
		if (claimed.isUnaddressedAlert()) {
			Optional<Notification> addressed = outbox.addressAlert(id, Instant.now());
			if (addressed.isEmpty()) {
				log.warn("Notification {} (alert for {}) not sent: {}", id, claimed.getReference(),
						Notification.NOBODY_TO_ALERT);
				return Optional.empty();
			}
			notification = addressed.get();
		}
		if (notification.getKind().needsUnsubscribe() && suppression.suppressed(notification.getRecipientEmail())) {
			log.info("Notification {} ({} for {}) not sent: the address is on the suppression list", id,
					notification.getKind(), notification.getReference());
			outbox.recordSuppressed(id, Notification.SUPPRESSED, Instant.now());
			return Optional.empty();
		}
		try {
			if (EmailAddresses.needsSmtpUtf8(notification.getRecipientEmail())) {
				SmtpUtf8Delivery.send(mail, emails.compose(notification, Instant.now()));
			}
			else {
				mail.send(emails.compose(notification, Instant.now()));
			}
		}
		catch (NotificationEmails.InvalidRecipientException ex) {
			log.warn("Notification {} ({} for {}) cannot be sent: {}", id, notification.getKind(),
					notification.getReference(), withoutAddresses(ex.getMessage()));
			outbox.recordPermanentFailure(id, ex.getMessage(), Instant.now());
			return Optional.empty();
		}
		catch (RuntimeException ex) {
			Optional<String> refusal = SmtpRefusal.permanentReplyFor(ex);
			if (refusal.isPresent()) {
				log.info("Notification {} ({} for {}) refused by the receiving server, not retried: {}", id,
						notification.getKind(), notification.getReference(), withoutAddresses(refusal.get()));
				outbox.recordRefusal(id, refusal.get(), Instant.now());
				return Optional.empty();
			}
			String error = describe(ex);
			logFailure(notification, notification.getAttempts() + 1, error, ex);
			outbox.recordFailure(id, error, Instant.now());
			return SmtpRefusal.serverUnreachable(ex) ? Optional.of(error) : Optional.empty();
		}
		outbox.markSent(id, Instant.now());
		return Optional.empty();
	}

	/**
	 * A mail outage should be visible in the logs without flooding them: the first failure and the last (when the
	 * email waits for staff) are warnings, the attempts in between only debug lines.
	 *
	 * @param attempt the attempt that failed, 1 for the first
	 * @param ex the failure, or {@code null} for an email counted without being tried
	 */
	private void logFailure(Notification notification, int attempt, String fullError, Exception ex) {
		String error = withoutAddresses(fullError);
		if (attempt == 1) {
			log.warn("Notification {} ({} for {}) not sent, will retry: {}", notification.getId(), notification.getKind(),
					notification.getReference(), error);
		}
		else if (attempt >= settings.maxAttempts()) {
			log.warn("Notification {} ({} for {}) not sent after {} attempts; staff can retry it from the inquiry: {}",
					notification.getId(), notification.getKind(), notification.getReference(), attempt, error);
		}
		else {
			log.debug("Notification {} not sent, attempt {}: {}", notification.getId(), attempt, error);
		}
		// The exception's types only, never its messages or stack trace: JavaMail's messages list the addresses.
		if (ex != null && log.isDebugEnabled()) {
			StringBuilder causes = new StringBuilder();
			for (Throwable cause = ex; cause != null && causes.length() < 500; cause = cause.getCause()) {
				causes.append(causes.isEmpty() ? "" : " <- ").append(cause.getClass().getName());
			}
			log.debug("Notification {} failure: {}", notification.getId(), causes);
		}
	}

	/**
	 * The text for a log line, with every email address in it replaced by {@code <address>}: SMTP replies and
	 * JavaMail's messages quote the recipient, and no log line may name the person who wrote in (staff still see the
	 * whole reply on the inquiry's timeline). Hand-written because it only needs to find anything shaped like
	 * {@code local@domain}, not to validate it.
	 */
	static String withoutAddresses(String text) {
		return (text != null) ? ADDRESS.matcher(text).replaceAll("<address>") : null;
	}

	/** The most specific reason, such as a refused connection or the SMTP server's reply, for staff and logs. */
	private static String describe(Throwable ex) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		String message = cause.getMessage();
		String text = (message == null || message.isBlank()) ? cause.getClass().getSimpleName() : message;
		return NotificationEmails.oneLine(text);
	}

}

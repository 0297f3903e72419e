package ca.gagephysio.notification;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import ca.gagephysio.site.PageMeta;

import org.springframework.context.MessageSource;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The outbox for administrators ({@value #PATH}), where the "emails are not being sent" notice leads: what is wrong
 * in words (no mail server configured, the server's last refusal, emails that gave up, nobody to alert) and the
 * emails still waiting or failed, oldest first, each with its inquiry, its attempts and its last error. Read only:
 * "Send again" stays on each inquiry's timeline, where the rest of its story is.
 */
@Controller
class OutboxController {

	static final String PATH = "/staff/outbox";

	/** At most this many emails are listed (the oldest); the count above the table says how many there are. */
	static final int SHOWN = 200;

	private static final EnumSet<Notification.State> WAITING = EnumSet.of(Notification.State.PENDING,
			Notification.State.SENDING, Notification.State.FAILED);

	private final NotificationRepository notifications;

	private final MailServer mailServer;

	private final AlertRecipients alertRecipients;

	private final MessageSource messages;

	OutboxController(NotificationRepository notifications, MailServer mailServer,
			AlertRecipients alertRecipients, MessageSource messages) {
		this.notifications = notifications;
		this.mailServer = mailServer;
		this.alertRecipients = alertRecipients;
		this.messages = messages;
	}

	@GetMapping(PATH)
	@Transactional(readOnly = true)
	String outbox(Model model, Locale locale) {
		String title = messages.getMessage("notification.outbox.title", null, locale);
		model.addAttribute("page", PageMeta.of(title, title, PATH).notIndexed());
		List<Notification> waiting = notifications.findByStateInOrderByCreatedAtAscIdAsc(WAITING, Limit.of(SHOWN));
		long total = WAITING.stream().mapToLong(notifications::countByState).sum();
		model.addAttribute("emails", waiting.stream().map(OutboxRow::of).toList());
		model.addAttribute("total", total);
		model.addAttribute("problems", problems(waiting));
		model.addAttribute("shown", SHOWN);
		return "notification/staff/outbox";
	}

	/** What is wrong, each as a message key and its arguments, most fundamental first; empty when nothing is. */
	private List<Problem> problems(List<Notification> waiting) {
		List<Problem> problems = new ArrayList<>();
		if (mailServer.sender().isEmpty()) {
			problems.add(new Problem("notification.outbox.problem.no-mail-server"));
		}
		else {
			waiting.stream()
				.filter(Notification::isRetrying)
				.reduce((first, second) -> second)
				.ifPresent(latest -> problems.add(new Problem("notification.outbox.problem.failing",
						latest.getAttempts(), latest.getLastError())));
		}
		long failed = notifications.countByState(Notification.State.FAILED);
		if (failed > 0) {
			problems.add(new Problem("notification.outbox.problem.failed", failed));
		}
		if (alertRecipients.current().isEmpty()) {
			problems.add(new Problem("notification.outbox.problem.nobody-alerted"));
		}
		return problems;
	}

	/** One email as the page lists it. */
	record OutboxRow(java.time.Instant queued, String kind, Long inquiryId, String reference, String recipient,
			String state, int attempts, String lastError, java.time.Instant nextAttempt) {

		static OutboxRow of(Notification email) {
			return new OutboxRow(email.getCreatedAt(), email.getKind().name(), email.getInquiryId(),
					email.getReference(), email.getRecipientEmail(), email.isRetrying() ? "RETRYING"
							: email.getState().name(), email.getAttempts(), email.getLastError(),
					email.getNextAttemptAt());
		}

	}

	/** One thing wrong, in words from the message files. */
	record Problem(String messageKey, Object... arguments) {
	}

}

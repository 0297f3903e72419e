package ca.gagephysio.notification;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import ca.gagephysio.inquiry.InquiryTimelineSource;
import ca.gagephysio.inquiry.TimelineEntry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells staff, on each inquiry's timeline, whether its front-desk emails (one line per recipient), its
 * acknowledgement and each reply went out, and offers a retry where one failed or was refused. A reply's line names
 * who sent it and its subject, with its full text under it.
 */
@Component
class NotificationTimeline implements InquiryTimelineSource {

	static final String RETRY_LABEL = "notification.timeline.retry";

	private final NotificationRepository notifications;

	private final MailServer mailServer;

	NotificationTimeline(NotificationRepository notifications, MailServer mailServer) {
		this.notifications = notifications;
		this.mailServer = mailServer;
	}

	@Override
	@Transactional(readOnly = true)
	public List<TimelineEntry> entriesFor(long inquiryId) {
		return notifications.findByInquiryIdOrderByCreatedAtAscIdAsc(inquiryId)
			.stream()
			.flatMap(notification -> entriesFor(notification).stream())
			.toList();
	}

	/**
	 * A reply's two moments when they differ: written (put in the outbox, with its text and who wrote it) and what
	 * became of it (sent, failed, refused), each at its own time, so a reply queued before a booking and sent after
	 * it reads in the order things happened. Within a minute the two are one moment, and one line. Every other email
	 * has one line, at the moment that matters.
	 */
	private static final java.time.Duration ONE_MOMENT = java.time.Duration.ofMinutes(1);

	private List<TimelineEntry> entriesFor(Notification notification) {
		TimelineEntry entry = entryFor(notification);
		if (!notification.isReply() || notification.getSubject() == null || entry.at() == null
				|| !entry.at().isAfter(notification.getCreatedAt().plus(ONE_MOMENT))) {
			return List.of(entry);
		}
		TimelineEntry written = new TimelineEntry(notification.getCreatedAt(), "notification.timeline.reply.queued",
				List.of(subjectOf(notification)), notification.getSentBy(), false, null, null, notification.getBody());
		TimelineEntry outcome = new TimelineEntry(entry.at(), entry.messageKey(), entry.arguments(), null,
				entry.problem(), entry.actionPath(), entry.actionLabelKey(), null);
		return List.of(written, outcome);
	}

	private TimelineEntry entryFor(Notification notification) {
		if (notification.isUnaddressedAlert()) {
			return unaddressedAlertEntry(notification);
		}
		boolean written = notification.isReply() || notification.getKind() == Notification.Kind.PATIENT_UPDATE;
		if (written && notification.getSubject() == null) {
			// Erased with the inquiry's personal data: the line stays (a reply was written), the words do not.
			return new TimelineEntry(notification.getCreatedAt(),
					"notification.timeline." + notification.getKind().key() + ".erased", List.of(),
					notification.getSentBy(), false, null, null);
		}
		String key = "notification.timeline." + notification.getKind().key();
		// A staff alert names its recipient (the last argument): each person or mailbox has a line of its own. An
		// acknowledgement never shows the person's address here; it is on the inquiry itself. A reply names its
		// subject there instead.
		Object[] to = notification.isStaffAlert() || notification.isAnswerAlert()
				|| notification.isStaffNotice()
				? new Object[] { notification.getRecipientEmail() }
				: written ? new Object[] { subjectOf(notification) } : new Object[0];
		TimelineEntry entry = switch (notification.getState()) {
			case SENT -> entry(notification.getSentAt(), key + ".sent", false, null, to);
			case SENDING -> entry(notification.getClaimedAt(), key + ".sending", false, null, to);
			case REFUSED -> entry(notification.getLastAttemptAt(), key + ".refused", true, retryPathOf(notification),
					with(to, errorOf(notification)));
			case FAILED -> entry(notification.getLastAttemptAt(), key + ".failed", true, retryPathOf(notification),
					with(to, notification.getAttempts(), errorOf(notification)));
			case PENDING -> {
				if (notification.isRetrying()) {
					yield entry(notification.getLastAttemptAt(), key + ".retrying", true, retryPathOf(notification),
							with(to, notification.getAttempts(), errorOf(notification)));
				}
				if (mailServer.sender().isEmpty()) {
					yield entry(notification.getCreatedAt(), key + ".pending.no-mail-server", true, null, to);
				}
				yield entry(notification.getCreatedAt(), key + ".pending", false, null, to);
			}
		};
		if (!written) {
			return entry;
		}
		return new TimelineEntry(entry.at(), entry.messageKey(), entry.arguments(), notification.getSentBy(),
				entry.problem(), entry.actionPath(), entry.actionLabelKey(), notification.getBody());
	}

	private static String subjectOf(Notification reply) {
		return reply.getSubject();
	}

	/**
	 * An alert with no address: queued while nobody was set to receive alerts (failed at once, "Send again"
	 * addresses it to whoever receives them now), or waiting to be addressed when it is sent.
	 */
	private TimelineEntry unaddressedAlertEntry(Notification notification) {
		String key = "notification.timeline.staff-alert.";
		if (notification.getState() == Notification.State.FAILED) {
			return notification.getAttempts() == 0
					? entry(notification.getLastAttemptAt(), key + "nobody", true, retryPathOf(notification))
					: entry(notification.getLastAttemptAt(), key + "failed.unaddressed", true,
							retryPathOf(notification), notification.getAttempts(), errorOf(notification));
		}
		if (mailServer.sender().isEmpty()) {
			return entry(notification.getCreatedAt(), key + "unaddressed.no-mail-server", true, null);
		}
		return entry(notification.getCreatedAt(), key + "unaddressed", false, null);
	}

	/** The arguments of a message, the recipient (if any) last. */
	private static Object[] with(Object[] recipient, Object... first) {
		Object[] all = Arrays.copyOf(first, first.length + recipient.length);
		System.arraycopy(recipient, 0, all, first.length, recipient.length);
		return all;
	}

	private static String retryPathOf(Notification notification) {
		return NotificationRetryController.retryPath(notification.getId());
	}

	private static String errorOf(Notification notification) {
		return notification.getLastError() == null ? "" : notification.getLastError();
	}

	private static TimelineEntry entry(Instant at, String messageKey, boolean problem, String actionPath,
			Object... arguments) {
		return new TimelineEntry(at, messageKey, List.of(arguments), null, problem, actionPath,
				actionPath == null ? null : RETRY_LABEL);
	}

}

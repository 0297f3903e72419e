package ca.gagephysio.notification;

import java.time.Instant;
import java.util.List;

import ca.gagephysio.inquiry.InquiryTimelineSource;
import ca.gagephysio.inquiry.TimelineEntry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells staff, on each inquiry's timeline, whether its front-desk email and its acknowledgement went out, and
 * offers a retry where one failed.
 */
@Component
class NotificationTimeline implements InquiryTimelineSource {

	static final String RETRY_LABEL = "notification.timeline.retry";

	private final NotificationRepository notifications;

	private final ObjectProvider<JavaMailSender> mailSender;

	private final NotificationSettings settings;

	NotificationTimeline(NotificationRepository notifications, ObjectProvider<JavaMailSender> mailSender,
			NotificationSettings settings) {
		this.notifications = notifications;
		this.mailSender = mailSender;
		this.settings = settings;
	}

	@Override
	@Transactional(readOnly = true)
	public List<TimelineEntry> entriesFor(long inquiryId) {
		return notifications.findByInquiryIdOrderByCreatedAtAscIdAsc(inquiryId).stream().map(this::entryFor).toList();
	}

	private TimelineEntry entryFor(Notification notification) {
		String key = "notification.timeline." + notification.getKind().key();
		return switch (notification.getState()) {
			case SENT -> entry(notification.getSentAt(), key + ".sent", false, null);
			case SENDING -> entry(notification.getClaimedAt(), key + ".sending", false, null);
			case FAILED -> entry(notification.getLastAttemptAt(), key + ".failed", true, retryPathOf(notification),
					notification.getAttempts(), errorOf(notification));
			case PENDING -> {
				if (notification.isRetrying()) {
					yield entry(notification.getLastAttemptAt(), key + ".retrying", true, retryPathOf(notification),
							notification.getAttempts(), errorOf(notification));
				}
				if (mailSender.getIfAvailable() == null) {
					yield entry(notification.getCreatedAt(), key + ".pending.no-mail-server", true, null);
				}
				if (notification.isStaffAlert() && !settings.hasStaffRecipients()) {
					yield entry(notification.getCreatedAt(), key + ".pending.no-recipients", true, null);
				}
				yield entry(notification.getCreatedAt(), key + ".pending", false, null);
			}
		};
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

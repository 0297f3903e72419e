package ca.gagephysio.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import ca.gagephysio.staff.StaffNotice;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Warns on every back-office page when emails are not going out: failed ones waiting for a retry, a mail server
 * that keeps refusing, or emails piling up because nothing is configured to send them.
 */
@Component
class NotificationNotices implements StaffNotice.Source {

	/** Where staff find the inquiries whose emails need attention. */
	static final String INBOX_PATH = "/staff/inquiries";

	private final NotificationRepository notifications;

	private final ObjectProvider<JavaMailSender> mailSender;

	private final NotificationSettings settings;

	NotificationNotices(NotificationRepository notifications, ObjectProvider<JavaMailSender> mailSender,
			NotificationSettings settings) {
		this.notifications = notifications;
		this.mailSender = mailSender;
		this.settings = settings;
	}

	@Override
	@Transactional(readOnly = true)
	public List<StaffNotice> currentNotices() {
		List<StaffNotice> notices = new ArrayList<>();
		long failed = notifications.countByState(Notification.State.FAILED);
		if (failed > 0) {
			notices.add(notice("notification.notice.failed", failed));
		}
		if (mailSender.getIfAvailable() == null) {
			long waiting = notifications.countByState(Notification.State.PENDING);
			if (waiting > 0) {
				notices.add(notice("notification.notice.no-mail-server", waiting));
			}
			return notices;
		}
		long retrying = notifications.countByStateAndAttemptsGreaterThan(Notification.State.PENDING, 0);
		if (retrying > 0) {
			notices.add(notice("notification.notice.failing", retrying));
		}
		if (!settings.hasStaffRecipients()) {
			long waitingAlerts = notifications.countByKindAndState(Notification.Kind.STAFF_ALERT,
					Notification.State.PENDING);
			if (waitingAlerts > 0) {
				notices.add(notice("notification.notice.no-recipients", waitingAlerts));
			}
			return notices;
		}
		long overdue = notifications.countByStateAndAttemptsAndCreatedAtBefore(Notification.State.PENDING, 0,
				Instant.now().minus(settings.overdueAfter()));
		if (overdue > 0) {
			notices.add(notice("notification.notice.overdue", overdue, settings.overdueAfter().toMinutes()));
		}
		return notices;
	}

	private static StaffNotice notice(String messageKey, Object... arguments) {
		return new StaffNotice(messageKey, List.of(arguments), INBOX_PATH);
	}

}

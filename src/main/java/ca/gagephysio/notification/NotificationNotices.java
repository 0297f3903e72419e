package ca.gagephysio.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import ca.gagephysio.staff.StaffNotice;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Warns on every back-office page when emails are not going out: failed ones waiting for a retry, a mail server
 * that keeps refusing, or emails piling up because nothing is configured to send them; and administrators, while
 * nobody would receive new-inquiry alerts. An address a receiving server refused for good is not the mail server's
 * fault and raises none of these: it is shown on its inquiry's timeline.
 */
@Component
class NotificationNotices implements StaffNotice.Source {

	/** Where staff find the inquiries whose emails need attention. */
	static final String INBOX_PATH = "/staff/inquiries";

	/** Where administrators read what is wrong with the emails and which are waiting. */
	static final String OUTBOX_PATH = OutboxController.PATH;

	/** Where a staff member turns new-inquiry emails to themselves on. */
	static final String ACCOUNT_PATH = "/staff/account";

	private final NotificationRepository notifications;

	private final MailServer mailServer;

	private final NotificationSettings settings;

	private final AlertRecipients alertRecipients;

	NotificationNotices(NotificationRepository notifications, MailServer mailServer,
			NotificationSettings settings, AlertRecipients alertRecipients) {
		this.notifications = notifications;
		this.mailServer = mailServer;
		this.settings = settings;
		this.alertRecipients = alertRecipients;
	}

	@Override
	@Transactional(readOnly = true)
	public List<StaffNotice> currentNotices() {
		List<StaffNotice> notices = new ArrayList<>();
		if (alertRecipients.current().isEmpty()) {
			// Only an administrator can put it right for the clinic (or turn alerts on for themselves), and it is
			// true whether or not a mail server is configured.
			notices.add(StaffNotice.forAdministrators("notification.notice.nobody-alerted", List.of(), ACCOUNT_PATH));
		}
		long failed = notifications.countByState(Notification.State.FAILED);
		if (failed > 0) {
			notices.addAll(notice("notification.notice.failed", failed));
		}
		if (mailServer.sender().isEmpty()) {
			long waiting = notifications.countByState(Notification.State.PENDING);
			if (waiting > 0) {
				notices.addAll(notice("notification.notice.no-mail-server", waiting));
			}
			return notices;
		}
		long retrying = notifications.countByStateAndAttemptsGreaterThan(Notification.State.PENDING, 0);
		if (retrying > 0) {
			notices.addAll(notice("notification.notice.failing", retrying));
		}
		long overdue = notifications.countByStateAndAttemptsAndCreatedAtBefore(Notification.State.PENDING, 0,
				Instant.now().minus(settings.overdueAfter()));
		if (overdue > 0) {
			notices.addAll(notice("notification.notice.overdue", overdue, settings.overdueAfter().toMinutes()));
		}
		return notices;
	}

	/**
	 * The same news for everyone: administrators are linked to the outbox page (what is wrong, which emails wait),
	 * which only they may open; other staff to the inbox, where each inquiry's timeline shows its emails.
	 */
	private static List<StaffNotice> notice(String messageKey, Object... arguments) {
		return List.of(StaffNotice.forAdministrators(messageKey, List.of(arguments), OUTBOX_PATH),
				StaffNotice.forOtherStaff(messageKey, List.of(arguments), INBOX_PATH));
	}

}

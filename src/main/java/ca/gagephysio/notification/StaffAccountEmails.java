package ca.gagephysio.notification;

import java.time.Instant;
import java.util.Locale;

import ca.gagephysio.clinic.ClinicDates;
import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.staff.StaffAccountLinkIssued;
import ca.gagephysio.staff.StaffEmailChanged;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Emails to members of staff about their own accounts, queued in the outbox in the transaction that made the
 * change (so never lost, never sent for a change that was rolled back), and sent like every other email: the
 * one-time link of an invitation or a password reset, and the notice to the old address when an account's email
 * changed (whose alerts not yet sent then go to the new address). Plain text, written here from the message file
 * when queued; a link's text is forgotten once sent.
 */
@Component
class StaffAccountEmails {

	private final NotificationRepository notifications;

	private final MessageSource messages;

	private final ClinicFacts clinic;

	private final Locale locale;

	private final ClinicDates dates;

	StaffAccountEmails(NotificationRepository notifications, MessageSource messages, ClinicFacts clinic,
			@Value("${spring.web.locale:en_CA}") Locale locale, ClinicDates dates) {
		this.dates = dates;
		this.notifications = notifications;
		this.messages = messages;
		this.clinic = clinic;
		this.locale = locale;
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(StaffAccountLinkIssued issued) {
		String kind = issued.purpose() == StaffAccountLinkIssued.Purpose.INVITATION ? "invitation" : "password-reset";
		// in the clinic's time zone, named: the person may read it anywhere, and a bare time would be taken as theirs
		String until = dates.dateTimeInZone(issued.expiresAt());
		String subject = message("notification.staff-account." + kind + ".subject", clinic.name());
		String body = message("notification.staff-account." + kind + ".body", NotificationEmails.oneLine(issued.displayName()),
				clinic.name(), issued.email(), issued.link(), until);
		notifications.save(Notification.aboutStaffAccount(issued.email(), subject, body, Instant.now()));
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(StaffEmailChanged changed) {
		String subject = message("notification.staff-account.email-changed.subject", clinic.name());
		String body = message("notification.staff-account.email-changed.body",
				NotificationEmails.oneLine(changed.displayName()), clinic.name(), changed.oldEmail(), changed.newEmail(),
				message(changed.byAdministrator() ? "notification.staff-account.email-changed.by-administrator"
						: "notification.staff-account.email-changed.by-you"));
		notifications.save(Notification.aboutStaffAccount(changed.oldEmail(), subject, body, Instant.now()));
		// alerts follow the new address at once, those already queued included
		notifications.readdressUnsentAlerts(changed.oldEmail(), changed.newEmail());
	}

	private String message(String key, Object... arguments) {
		return messages.getMessage(key, arguments, locale);
	}

}

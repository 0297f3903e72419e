package ca.gagephysio.notification;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import ca.gagephysio.clinic.ClinicDates;
import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.inquiry.InquiryFigures;
import ca.gagephysio.inquiry.InquiryFollowUpDue;
import ca.gagephysio.inquiry.OverdueSummaryDue;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The follow-up emails the inbox decides on (issue 23), queued in the outbox in the transaction in which the inbox
 * claimed them, so each is queued once and never for a claim rolled back: a reminder that fell due, an inquiry gone
 * overdue (to its assignee, or with nobody named, to whoever receives new-inquiry alerts, {@link AlertRecipients}),
 * and the administrators' daily overdue summary. Plain text written here from the message file; references, times
 * and links only (and a reminder's note, staff's own words to staff), never what the person wrote. Times are in the clinic's time zone, named.
 */
@Component
class StaffFollowUpEmails {

	/** Each reminder is its own email (several can be set on one inquiry over time), told apart by its time. */
	private static final String REMINDER_KEY = "reminder-";

	private static final String OVERDUE_KEY = "overdue";

	private final NotificationRepository notifications;

	private final AlertRecipients alertRecipients;

	private final MessageSource messages;

	private final ClinicFacts clinic;

	private final Locale locale;

	private final ClinicDates dates;

	StaffFollowUpEmails(NotificationRepository notifications, AlertRecipients alertRecipients, MessageSource messages,
			ClinicFacts clinic, @Value("${spring.web.locale:en_CA}") Locale locale, ClinicDates dates) {
		this.dates = dates;
		this.notifications = notifications;
		this.alertRecipients = alertRecipients;
		this.messages = messages;
		this.clinic = clinic;
		this.locale = locale;
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(InquiryFollowUpDue due) {
		List<String> to = due.recipients().isEmpty() ? alertRecipients.current() : due.recipients();
		String kind = due.kind() == InquiryFollowUpDue.Kind.REMINDER ? "reminder" : "overdue";
		String key = due.kind() == InquiryFollowUpDue.Kind.REMINDER ? REMINDER_KEY + due.dueAt().getEpochSecond()
				: OVERDUE_KEY;
		String subject = message("notification." + kind + ".subject", due.reference());
		String note = due.note() == null || due.note().isBlank() ? ""
				: message("notification.reminder.note", NotificationEmails.oneLine(due.note()));
		String body = message("notification." + kind + ".body", due.reference(), when(due.dueAt()),
				clinic.url("/staff/inquiries/" + due.inquiryId()), clinic.name(), note);
		Instant now = Instant.now();
		for (String recipient : to) {
			if (!notifications.existsByInquiryIdAndKindAndRecipientEmailAndRequestKey(due.inquiryId(),
					Notification.Kind.STAFF_NOTICE, recipient.strip(), key)) {
				notifications.save(Notification.staffNotice(due.inquiryId(), due.reference(), recipient, subject, body,
						null, key, now));
			}
		}
	}

	/** How many overdue inquiries the daily summary names, oldest first; the others are counted. */
	static final int SUMMARY_LINES = 20;

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(OverdueSummaryDue summary) {
		// Short, as the issue asks, and always within the outbox's body column (10,000 characters): the oldest
		// SUMMARY_LINES by name, the rest counted, all of them one link away in the inbox. A clinic far behind once
		// got no summary at all, its body too long to store.
		StringBuilder lines = new StringBuilder();
		summary.overdue()
			.stream()
			.limit(SUMMARY_LINES)
			.forEach(overdue -> lines.append(message("notification.overdue-summary.line", overdue.reference(),
					when(overdue.dueAt()), clinic.url("/staff/inquiries/" + overdue.inquiryId()))));
		if (summary.overdue().size() > SUMMARY_LINES) {
			lines.append(message("notification.overdue-summary.more", summary.overdue().size() - SUMMARY_LINES));
		}
		String subject = message("notification.overdue-summary.subject", summary.overdue().size(),
				dates.weekdayDate(summary.day()));
		String body = message("notification.overdue-summary.body", summary.overdue().size(), lines.toString(),
				clinic.url("/staff/inquiries?status=NEW"), clinic.name());
		Instant now = Instant.now();
		for (String recipient : summary.recipients()) {
			notifications.save(Notification.staffNotice(null, null, recipient, subject, body, null,
					"summary-" + summary.day(), now));
		}
	}

	/** A time in the clinic's time zone, named, since the reader may be anywhere. */
	private String when(Instant at) {
		return dates.weekdayDateTime(at) + " " + dates.zoneName(at);
	}

	private String message(String key, Object... arguments) {
		return messages.getMessage(key, arguments, locale);
	}

}

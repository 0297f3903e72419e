package ca.gagephysio.inquiry;

import java.time.Instant;
import java.util.List;

/**
 * An inquiry calls for a staff member's attention by email, published once by the inbox's follow-up job in the
 * transaction that records it as done (so the notification outbox queues it in that transaction, and a rolled-back
 * run queues nothing): a follow-up reminder that fell due, or the first-response due time passed with no response.
 * Carries no personal data of its own: the reference and a link are all the email needs, and a reminder's note is
 * what staff wrote for staff.
 *
 * @param kind which follow-up
 * @param inquiryId the inquiry
 * @param reference its reference
 * @param dueAt when the reminder was set for, or when the first response was due
 * @param recipients the staff addresses to email (its assignee, or for a reminder whoever set it); empty means the
 * clinic's new-inquiry alert recipients
 * @param note for a reminder, the short note staff set with it ("call back about insurance": one line, at most 200
 * characters), or {@code null}; staff's own words, which go to staff only
 */
public record InquiryFollowUpDue(Kind kind, long inquiryId, String reference, Instant dueAt, List<String> recipients,
		String note) {

	public InquiryFollowUpDue {
		recipients = List.copyOf(recipients);
	}

	/** A follow-up without a note. */
	public InquiryFollowUpDue(Kind kind, long inquiryId, String reference, Instant dueAt, List<String> recipients) {
		this(kind, inquiryId, reference, dueAt, recipients, null);
	}

	/** Which follow-up is due. */
	public enum Kind {

		/** A reminder a staff member set on the inquiry is due. */
		REMINDER,

		/** The first response is overdue (one business day passed with none). */
		OVERDUE

	}

}

package ca.gagephysio.inquiry;

import java.time.Instant;

/**
 * A genuine (not spam) inquiry has been stored. Published in the transaction that stores it, so a listener that
 * records an outbox entry commits with the inquiry or not at all. It deliberately carries nothing the person wrote:
 * no message, no health information, no name, no phone. Whatever a listener emails to the address given can then
 * only be the clinic's own words, so the form cannot be used to send a stranger text of someone else's choosing
 * (the address itself is the one thing a listener must have, and it only ever addresses the email).
 *
 * @param inquiryId the stored inquiry's id (for links into the staff inbox)
 * @param reference the short reference the person was shown
 * @param service the message key suffix of what they want help with, e.g. {@code back-pain}
 * @param submittedAt when it was stored
 * @param email the person's email, or {@code null} if they gave only a phone number or the inquiry is held for
 *     review (it arrived while the form's flood limit could not count posts): no acknowledgement is sent then
 * @param waitingList the person joined the waiting list (the clinic was not accepting new clients): the
 *     acknowledgement says so
 */
public record InquirySubmitted(long inquiryId, String reference, String service, Instant submittedAt,
		String email, boolean waitingList) {

	/** An ordinary inquiry, not a waiting-list entry. */
	public InquirySubmitted(long inquiryId, String reference, String service, Instant submittedAt, String email) {
		this(inquiryId, reference, service, submittedAt, email, false);
	}

	public boolean hasEmail() {
		return email != null && !email.isBlank();
	}

}

package ca.gagephysio.inquiry;

import java.time.Instant;

/**
 * A genuine (not spam) inquiry has been stored. Published in the transaction that stores it, so a listener that
 * records an outbox entry commits with the inquiry or not at all. It deliberately carries no message text and no
 * health information: nothing a listener could leak.
 *
 * @param inquiryId the stored inquiry's id (for links into the staff inbox)
 * @param reference the short reference the person was shown
 * @param service the message key suffix of what they want help with, e.g. {@code back-pain}
 * @param submittedAt when it was stored
 * @param name the person's name as typed, for a greeting only
 * @param email the person's email, or {@code null} if they gave only a phone number
 */
public record InquirySubmitted(long inquiryId, String reference, String service, Instant submittedAt, String name,
		String email) {

	public boolean hasEmail() {
		return email != null && !email.isBlank();
	}

}

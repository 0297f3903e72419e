package ca.gagephysio.inquiry;

import java.time.Instant;

/**
 * A staff member wrote a reply to the person behind an inquiry and pressed Send. Published in the transaction that
 * records it on the inquiry (first response, status, access trail), so the email is queued with that record or not
 * at all; the notification module's outbox listens and sends it like every other email.
 * <p>
 * Unlike {@link InquirySubmitted}, this carries text: the subject and body exactly as the staff member saw them in
 * the preview, with the placeholders filled. A person, not the form, decided to send every word of it, so it is not
 * text a stranger can have the clinic send. The inbox never puts the person's own message into it.
 *
 * @param inquiryId the inquiry answered
 * @param reference its reference
 * @param service the message key suffix of what they asked about, e.g. {@code back-pain}
 * @param submittedAt when the inquiry came in
 * @param email the address the person gave, which the reply goes to
 * @param subject the subject, one line, at most 200 characters
 * @param body the plain-text body, at most 10,000 characters
 * @param sentBy the display name of the staff member who sent it
 * @param requestKey a key made when the reply page was opened (at most 36 characters): the same key twice is the
 * same reply, queued once
 * @param lastAnswerMessageId the {@code Message-ID} (RFC 5322 section 3.6.4, angle brackets included, at most 250
 * characters) of the person's latest answer by email that carried one: this reply follows it in the conversation
 * (its {@code In-Reply-To}); {@code null} when none came in
 */
public record InquiryReplyWritten(long inquiryId, String reference, String service, Instant submittedAt,
		String email, String subject, String body, String sentBy, String requestKey, String lastAnswerMessageId) {

	/** A reply that follows no answer of the person's. */
	public InquiryReplyWritten(long inquiryId, String reference, String service, Instant submittedAt, String email,
			String subject, String body, String sentBy, String requestKey) {
		this(inquiryId, reference, service, submittedAt, email, subject, body, sentBy, requestKey, null);
	}

}

package ca.gagephysio.notification;

import java.time.Instant;

/**
 * Queues an email to a person who sent an inquiry that is <em>not</em> a direct answer to it (an opening on the
 * waiting list came up, say). Canada's anti-spam law (S.C. 2010, c. 23) treats such a message as commercial: it
 * identifies the clinic, carries an unsubscribe that works at once ({@code List-Unsubscribe} with one-click, RFC
 * 8058) and is not sent to an address on the suppression list (the outbox checks when it sends; the timeline says
 * it was not sent, and why). Replies from the inbox and the acknowledgement are direct answers and do not go here.
 * Call it inside a transaction: the email is queued with the caller's change or not at all.
 */
public interface PatientUpdates {

	/** Queues it; the same request key for the same inquiry twice is queued once. */
	void queue(Update update);

	/**
	 * One message.
	 *
	 * @param inquiryId the inquiry it is about
	 * @param reference its reference
	 * @param service the message key suffix of what they asked about
	 * @param submittedAt when the inquiry came in
	 * @param email the address the person gave
	 * @param subject one line, at most 200 characters, written by a person or the clinic, never taken from a form
	 * @param body plain text, at most 10,000 characters
	 * @param requestKey at most 36 characters: the same key twice is the same message
	 */
	record Update(long inquiryId, String reference, String service, Instant submittedAt, String email, String subject,
			String body, String requestKey) {
	}

}

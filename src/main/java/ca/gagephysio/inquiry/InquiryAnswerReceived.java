package ca.gagephysio.inquiry;

import java.time.Instant;

/**
 * A patient's answer arrived by email and was recorded on the inquiry. Published in the recording transaction, so
 * the alert the notification outbox queues commits with it or not at all. Like {@link InquirySubmitted}, it carries
 * nothing the person wrote.
 *
 * @param inquiryId the inquiry answered
 * @param answerId the recorded answer's id (so one answer alerts once)
 * @param reference the inquiry's reference
 * @param service the message key suffix of what they asked about
 * @param submittedAt when the inquiry came in
 * @param receivedAt when the answer arrived
 * @param assigneeId the staff account the inquiry is assigned to, or {@code null}: then the alert recipients are
 * told
 */
public record InquiryAnswerReceived(long inquiryId, long answerId, String reference, String service,
		Instant submittedAt, Instant receivedAt, Long assigneeId) {
}

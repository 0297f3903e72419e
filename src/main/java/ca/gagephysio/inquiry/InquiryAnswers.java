package ca.gagephysio.inquiry;

/**
 * Takes a patient's answer into its inquiry: the notification module, which reads the clinic's mailbox and knows
 * which of its emails an answer replies to, hands each matched answer here, and the inquiry module records it on the
 * timeline, marks the inquiry unread and "waiting for us", and publishes {@link InquiryAnswerReceived} (the outbox
 * alerts the assignee), all in one transaction.
 */
public interface InquiryAnswers {

	/** Whether an answer with this key was taken already (a cheap check before reading the whole message). */
	boolean taken(String messageKey);

	/**
	 * Records the answer on the inquiry, in the caller's transaction or a new one.
	 *
	 * @return false if the inquiry does not exist or its personal data was erased (the answer is then not taken)
	 * @throws org.springframework.dao.DataIntegrityViolationException if another instance took the same message at
	 * the same moment (its key is unique); nothing is recorded then
	 */
	boolean record(long inquiryId, PatientAnswer answer);

}

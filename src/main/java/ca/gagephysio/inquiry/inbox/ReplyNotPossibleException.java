package ca.gagephysio.inquiry.inbox;

import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryStatus;

/**
 * An email reply cannot go to this inquiry: the person gave no email address (or it was erased under the retention
 * policy), or the inquiry is marked as spam, where a reply would only deliver the clinic's words to whoever's address
 * a spammer typed.
 */
class ReplyNotPossibleException extends RuntimeException {

	private final String messageKey;

	private ReplyNotPossibleException(String messageKey) {
		super(messageKey);
		this.messageKey = messageKey;
	}

	/** The message key saying why, for the page. */
	String messageKey() {
		return messageKey;
	}

	/** Why no reply can go to it, as a message key; {@code null} if one can. */
	static String reasonFor(Inquiry inquiry) {
		if (inquiry.getEmail() == null || inquiry.getEmail().isBlank()) {
			return "reply.no-email";
		}
		if (inquiry.getStatus() == InquiryStatus.SPAM) {
			return "reply.spam";
		}
		return null;
	}

	static void check(Inquiry inquiry) {
		String reason = reasonFor(inquiry);
		if (reason != null) {
			throw new ReplyNotPossibleException(reason);
		}
	}

}

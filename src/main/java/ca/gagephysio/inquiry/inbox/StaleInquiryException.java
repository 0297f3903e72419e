package ca.gagephysio.inquiry.inbox;

/**
 * Someone else changed the inquiry after this person loaded it: their change is refused rather than written over
 * the other one.
 */
class StaleInquiryException extends RuntimeException {

	StaleInquiryException() {
		super("The inquiry changed since it was loaded");
	}

}

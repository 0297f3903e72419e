package ca.gagephysio.inquiry.inbox;

/**
 * How a phone call to the person went. Reaching them or leaving a message is the clinic answering, so it counts as
 * the first response (and moves a new inquiry to contacted); no answer or a wrong number is not an answer yet.
 */
enum CallOutcome {

	REACHED(true), LEFT_MESSAGE(true), NO_ANSWER(false), WRONG_NUMBER(false);

	private final boolean response;

	CallOutcome(boolean response) {
		this.response = response;
	}

	/** Whether the person heard from the clinic. */
	boolean countsAsResponse() {
		return response;
	}

}

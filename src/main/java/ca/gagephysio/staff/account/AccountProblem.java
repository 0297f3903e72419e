package ca.gagephysio.staff.account;

/**
 * A request about an account that cannot be done as asked (a weak password, an email already in use); the message
 * key says why, in words for the person at the screen.
 */
class AccountProblem extends RuntimeException {

	private final String messageKey;

	AccountProblem(String messageKey) {
		super(messageKey);
		this.messageKey = messageKey;
	}

	String messageKey() {
		return messageKey;
	}

}

package ca.gagephysio.notification;

import org.springframework.context.ApplicationContext;

/**
 * The unsubscribe page's address for an address, signed as the outbox signs it, for tests outside this package
 * (the browser suite checks the page a patient lands on).
 */
public final class UnsubscribeLinks {

	private UnsubscribeLinks() {
	}

	/** The path of the unsubscribe page for this address, e.g. {@code /unsubscribe/<hash>.<signature>}. */
	public static String pathFor(ApplicationContext context, String address) {
		return UnsubscribeController.PATH + "/" + context.getBean(UnsubscribeTokens.class).tokenFor(address);
	}

}

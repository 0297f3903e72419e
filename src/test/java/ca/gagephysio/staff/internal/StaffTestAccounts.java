package ca.gagephysio.staff.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;

/**
 * Creates staff accounts for tests the way the clinic does: an administrator adds the account with a temporary
 * password, then its owner chooses their own. Each call makes a new account, so tests never share one.
 */
public final class StaffTestAccounts {

	public static final String PASSWORD = "a long enough test passphrase";

	private static final String TEMPORARY = "temporary test passphrase";

	private StaffTestAccounts() {
	}

	/** A new, ready-to-use account; returns its email. */
	public static String create(StaffAccounts accounts, String displayName, StaffRole role) {
		String email = "staff-" + UUID.randomUUID() + "@test.gagephysio.ca";
		accounts.add(email, displayName, role, TEMPORARY);
		var previous = SecurityContextHolder.getContext();
		try {
			SecurityContextHolder.setContext(new SecurityContextImpl(
					UsernamePasswordAuthenticationToken.authenticated(email, null, List.of())));
			accounts.changeOwnPassword(TEMPORARY, PASSWORD);
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
		return email;
	}

}

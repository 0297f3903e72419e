package ca.gagephysio.staff.account;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Staff accounts read at most once per HTTP request. A back-office page needed the signed-in account four times (the
 * account-state check in the security filter chain, the temporary-password check, the access trail's actor, the
 * layout's name), each one a query; now the first read of a request (on a staff page, the account-state check, so
 * a disabled account or a raised session epoch is still seen on the very next request, on any instance, since that
 * read always goes to the shared database) is handed to the others.
 * <p>
 * Nothing is kept beyond the request, so nothing here can let a change to an account be seen late by another
 * request. Within one request the account is as it was when first read: a request that changes it redirects (Post,
 * Redirect, Get), so the next request reads it afresh. Outside an HTTP request (scheduled jobs, a test calling a
 * service) every call reads the database. The accounts returned are for reading only: change an account through
 * {@link StaffAccounts}.
 */
@Component
public class AccountsThisRequest {

	private static final String ATTRIBUTE = AccountsThisRequest.class.getName() + ".READ";

	private final StaffAccountRepository accounts;

	AccountsThisRequest(StaffAccountRepository accounts) {
		this.accounts = accounts;
	}

	/** The account with this email (compared as {@link StaffAccount#normalise} does), read once per request. */
	public Optional<StaffAccount> byEmail(String email) {
		String normalised = StaffAccount.normalise(email);
		Map<String, Optional<StaffAccount>> read = readThisRequest();
		if (read == null) {
			return accounts.findByEmail(normalised);
		}
		return read.computeIfAbsent(normalised, accounts::findByEmail);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Optional<StaffAccount>> readThisRequest() {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request == null) {
			return null;
		}
		Object read = request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		if (read == null) {
			read = new HashMap<String, Optional<StaffAccount>>();
			request.setAttribute(ATTRIBUTE, read, RequestAttributes.SCOPE_REQUEST);
		}
		return (Map<String, Optional<StaffAccount>>) read;
	}

}

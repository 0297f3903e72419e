package ca.gagephysio.staff.session;

import ca.gagephysio.staff.account.StaffAccount;
import ca.gagephysio.staff.account.AccountsThisRequest;
import ca.gagephysio.staff.signin.SignInEvents;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a back-office session on its very next request once its account has changed under it: disabled, gone, or its
 * session epoch raised since this session signed in (see {@link AccountSessions}). It runs in the security filter
 * chain straight after the security context is loaded, before anything acts on the session's sign-in (sign-out,
 * the passkey filters under {@code /webauthn/**}, the CSRF check, authorisation, Spring MVC), so an ended session
 * reaches nothing, on any instance: the epoch is read from the shared database on every request that carries a
 * sign-in.
 * <p>
 * The request then goes on as one whose session has ended, exactly as after the idle or absolute time-out: a page
 * asks for sign-in saying the session ended ({@link #SESSION_ENDED} tells the entry point so even where no session
 * cookie was sent), and a form's post keeps what was typed for after sign-in ({@link FormDrafts}). A session with
 * no epoch (none is stamped outside a real sign-in, e.g. a test's stand-in authentication) is checked for the
 * account being there and enabled only. A session one epoch behind that raised the current epoch itself (its
 * person's own change, made in another tab while this request's copy of the session was loaded) is not ended but
 * given the new epoch ({@link StaffAccount#sessionEpochRaisedBy}): the change keeps the session making it.
 * <p>
 * Its read of the account is the request's first, always from the database, and the rest of the request reuses it
 * ({@link AccountsThisRequest}) instead of reading it again.
 */
public class AccountStateFilter extends OncePerRequestFilter {

	/** Request attribute: this request's session was ended here, because its account changed. */
	public static final String SESSION_ENDED = AccountStateFilter.class.getName() + ".SESSION_ENDED";

	private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

	private final AccountsThisRequest accounts;

	public AccountStateFilter(AccountsThisRequest accounts) {
		this.accounts = accounts;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && TRUST.isAuthenticated(authentication)) {
			HttpSession session = request.getSession(false);
			if (ended(authentication, session)) {
				if (session != null) {
					session.invalidate();
				}
				SecurityContextHolder.clearContext();
				request.setAttribute(SESSION_ENDED, Boolean.TRUE);
			}
		}
		chain.doFilter(request, response);
	}

	private boolean ended(Authentication authentication, HttpSession session) {
		// The session's epoch is read before the account, never after: it is only ever set from an epoch already
		// committed, so read first it can be behind the account but never ahead. Read after, a change by a request
		// of the same session landing in between (another tab) could give it the new epoch while this request holds
		// the account as it was before, and the session would end for its own person's change.
		Object epochAtSignIn = session == null ? null : session.getAttribute(SignInEvents.SESSION_EPOCH);
		Optional<StaffAccount> account = accounts.byEmail(authentication.getName());
		if (account.isEmpty() || !account.get().isEnabled()) {
			return true;
		}
		if (!(epochAtSignIn instanceof Integer epoch) || epoch == account.get().getSessionEpoch()) {
			return false;
		}
		if (account.get().sessionEpochRaisedBy(session.getId(), epoch)) {
			// This session's own change raised the epoch while this request's copy of the session was already
			// loaded (another tab): it is the session the change keeps, so it takes the new epoch.
			session.setAttribute(SignInEvents.SESSION_EPOCH, account.get().getSessionEpoch());
			return false;
		}
		return true;
	}

}

package ca.gagephysio.staff.session;

import ca.gagephysio.staff.signin.SignInEvents;
import ca.gagephysio.staff.account.StaffAccount;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Sessions after an account's email (its user name, what a session is signed in as) changed. The session making
 * the change stays signed in, under the new name, with a new id and the account's new session epoch. Every other
 * session signed in under the old name is deleted from the session store at once: the account's raised epoch would
 * end each at its next back-office request anyway, but the old name must not stay attached to a live session, since
 * it could later be given to someone else's account.
 */
@Component
public class RenamedSessions {

	private final AccountSessions sessions;

	RenamedSessions(AccountSessions sessions) {
		this.sessions = sessions;
	}

	/** The person changed their own email in this request: this session carries on as {@code account}. */
	public void keepThisOne(HttpServletRequest request, HttpServletResponse response, StaffAccount account,
			String oldEmail) {
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		List<GrantedAuthority> authorities = new ArrayList<>(current.getAuthorities());
		UsernamePasswordAuthenticationToken renamed = UsernamePasswordAuthenticationToken
			.authenticated(new User(account.getEmail(), "", authorities), null, authorities);
		renamed.setDetails(current.getDetails());
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(renamed);
		SecurityContextHolder.setContext(context);
		// the store still knows this session by its id before the change until the request ends
		String before = request.getSession().getId();
		request.changeSessionId();
		request.getSession().setAttribute(SignInEvents.SESSION_EPOCH, account.getSessionEpoch());
		new HttpSessionSecurityContextRepository().saveContext(context, request, response);
		endAllUnder(oldEmail, Set.of(before, request.getSession().getId()));
	}

	/** Ends every session signed in as {@code email}, except those with the ids in {@code keep}. */
	public void endAllUnder(String email, Set<String> keep) {
		sessions.deleteStoredUnder(email, keep);
	}

}

package ca.gagephysio.staff.session;

import ca.gagephysio.staff.signin.SignInEvents;
import ca.gagephysio.staff.signin.StaffProperties;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a back-office session once it is older than the absolute time-out, however busy it has been: a stolen
 * session cookie stops working by the end of the day. (The idle time-out is the servlet session's own.) Runs
 * before the security context is loaded, so the ended session's sign-in is never used. The request then goes on
 * as one whose session has ended, exactly as after the idle time-out: a page asks for sign-in and comes back, a
 * form's post keeps what was typed for after sign-in (redirecting here would lose it).
 */
public class AbsoluteSessionTimeoutFilter extends OncePerRequestFilter {

	private final Duration timeout;

	public AbsoluteSessionTimeoutFilter(StaffProperties properties) {
		this.timeout = properties.absoluteSessionTimeout();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		if (session != null && session.getAttribute(SignInEvents.SIGNED_IN_AT) instanceof Instant signedInAt
				&& signedInAt.plus(timeout).isBefore(Instant.now())) {
			session.invalidate();
		}
		chain.doFilter(request, response);
	}

}

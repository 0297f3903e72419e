package ca.gagephysio.staff.internal;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks the signed-in account on every back-office request: a disabled account, or one whose password an
 * administrator reset since this session signed in, is signed out at once; a person with a temporary password is
 * sent to choose their own before anything else.
 */
@Component
class AccountStateInterceptor implements HandlerInterceptor {

	private final StaffAccounts accounts;

	AccountStateInterceptor(StaffAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()) {
			return true;
		}
		Optional<StaffAccount> account = accounts.byEmail(authentication.getName());
		HttpSession session = request.getSession(false);
		Object epochAtSignIn = session == null ? null : session.getAttribute(SignInEvents.SESSION_EPOCH);
		boolean stale = account.isEmpty() || !account.get().isEnabled()
				|| (epochAtSignIn instanceof Integer epoch && epoch != account.get().getSessionEpoch());
		if (stale) {
			if (session != null) {
				session.invalidate();
			}
			SecurityContextHolder.clearContext();
			response.sendRedirect(request.getContextPath() + "/login?expired");
			return false;
		}
		if (account.get().isMustChangePassword() && !request.getRequestURI().equals(request.getContextPath() + PasswordController.PATH)) {
			response.sendRedirect(request.getContextPath() + PasswordController.PATH);
			return false;
		}
		return true;
	}

}

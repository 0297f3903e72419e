package ca.gagephysio.staff.session;

import ca.gagephysio.staff.account.PasswordController;
import ca.gagephysio.staff.account.StaffAccount;
import ca.gagephysio.staff.account.AccountsThisRequest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Sends a person with a temporary password to choose their own before any other back-office page. (Whether the
 * session may go on at all is decided earlier, for every endpoint, by {@link AccountStateFilter}.)
 */
@Component
public class AccountStateInterceptor implements HandlerInterceptor {

	private final AccountsThisRequest accounts;

	AccountStateInterceptor(AccountsThisRequest accounts) {
		this.accounts = accounts;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()) {
			return true;
		}
		boolean mustChange = accounts.byEmail(authentication.getName()).map(StaffAccount::isMustChangePassword)
			.orElse(false);
		if (mustChange && !request.getRequestURI().equals(request.getContextPath() + PasswordController.PATH)) {
			response.sendRedirect(request.getContextPath() + PasswordController.PATH);
			return false;
		}
		return true;
	}

}

package ca.gagephysio.staff.web;

import ca.gagephysio.staff.secondfactor.SecurityPageController;
import ca.gagephysio.staff.signin.SignInEvents;
import ca.gagephysio.staff.session.AccountStateFilter;
import ca.gagephysio.staff.session.AccountStateInterceptor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the temporary-password check in front of every back-office page (whether a session may go on at all is
 * {@link AccountStateFilter}'s, in the security filter chain), forgets recovery codes just shown once the person
 * opens any other back-office page, and has the layout's notices gathered afresh after every back-office write.
 */
@Configuration(proxyBeanMethods = false)
class StaffWebConfig implements WebMvcConfigurer {

	private final AccountStateInterceptor accountState;

	private final StaffLayout layout;

	StaffWebConfig(AccountStateInterceptor accountState, StaffLayout layout) {
		this.accountState = accountState;
		this.layout = layout;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		// a one-time link's page is used signed out (or signed in as anyone: the link decides whose password it sets)
		registry.addInterceptor(accountState).addPathPatterns("/staff/**").excludePathPatterns(SignInEvents.INVITATION_PATH);
		registry.addInterceptor(new ForgetShownRecoveryCodes())
			.addPathPatterns("/staff/**")
			.excludePathPatterns(SecurityPageController.PATH + "/recovery-codes",
					SecurityPageController.PATH + "/recovery-codes.txt");
		registry.addInterceptor(new ForgetNoticesAfterWrites(layout)).addPathPatterns("/staff/**");
	}

	/**
	 * After a back-office write (any method but GET and HEAD), the layout gathers its notices afresh, so the person
	 * who just put something right does not see the notice about it on the page they are sent to (see
	 * {@link NoticeCache}).
	 */
	static final class ForgetNoticesAfterWrites implements HandlerInterceptor {

		private final StaffLayout layout;

		ForgetNoticesAfterWrites(StaffLayout layout) {
			this.layout = layout;
		}

		/** After the handler (its transaction committed), before a redirect is sent. */
		@Override
		public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
				org.springframework.web.servlet.ModelAndView modelAndView) {
			forgetAfterWrite(request);
		}

		/** Also when the handler failed part-way, having written something perhaps. */
		@Override
		public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
				Exception ex) {
			forgetAfterWrite(request);
		}

		private void forgetAfterWrite(HttpServletRequest request) {
			if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
				layout.forgetNotices();
			}
		}

	}

	/**
	 * New recovery codes stay in the session only while their page and its text download are open: "shown once"
	 * means that opening the inbox (or any other page) and coming back to their address shows nothing, so a
	 * colleague at a shared reception computer cannot read them later in the same session.
	 */
	static final class ForgetShownRecoveryCodes implements HandlerInterceptor {

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
			HttpSession session = request.getSession(false);
			if (session != null && session.getAttribute(SecurityPageController.FRESH_RECOVERY_CODES) != null) {
				session.removeAttribute(SecurityPageController.FRESH_RECOVERY_CODES);
			}
			return true;
		}

	}

}

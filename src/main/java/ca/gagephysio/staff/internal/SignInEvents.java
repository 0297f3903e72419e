package ca.gagephysio.staff.internal;

import java.io.IOException;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What happens around a sign-in attempt: the throttle is asked first, failures are counted, and every outcome is
 * written to the access trail. A failure says the same thing whether or not the account exists.
 */
@Component
public class SignInEvents {

	/** The form's user-name field. */
	public static final String EMAIL_PARAMETER = "email";

	/** The back office's own 403 page, where a refused request is forwarded. */
	public static final String FORBIDDEN_PATH = "/staff/forbidden";

	/** Sign-in page parameter: a session ended while a form was being sent; what it held is kept. */
	public static final String SESSION_ENDED = "sessionEnded";

	/** Session attribute: when this person signed in, for the absolute time-out. */
	static final String SIGNED_IN_AT = SignInEvents.class.getName() + ".SIGNED_IN_AT";

	/** Session attribute: the account's session epoch at sign-in; a reset or disable raises it. */
	static final String SESSION_EPOCH = SignInEvents.class.getName() + ".SESSION_EPOCH";

	private static final RequestMatcher SIGN_IN_POST = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.POST, "/login");

	private static final RequestMatcher SIGN_OUT_POST = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.POST, "/logout");

	private final SignInThrottle throttle;

	private final JpaAccessTrail trail;

	private final StaffAccounts accounts;

	private final FormDrafts drafts;

	private final Counter rejected;

	private final Counter throttled;

	SignInEvents(SignInThrottle throttle, JpaAccessTrail trail, StaffAccounts accounts, FormDrafts drafts,
			MeterRegistry registry) {
		this.throttle = throttle;
		this.trail = trail;
		this.accounts = accounts;
		this.drafts = drafts;
		this.rejected = failures(registry, "rejected");
		this.throttled = failures(registry, "throttled");
	}

	/**
	 * {@code clinic_sign_in_failures_total{outcome="rejected"}}: sign-ins refused for a wrong email or password (or a
	 * disabled account); {@code outcome="throttled"}: attempts refused unchecked while the account or address was
	 * throttled. Counted by this instance since it started (Prometheus sums the instances).
	 */
	private static Counter failures(MeterRegistry registry, String outcome) {
		return Counter.builder("clinic.sign.in.failures")
			.description("Failed staff sign-in attempts on this instance")
			.tag("outcome", outcome)
			.register(registry);
	}

	/** Refuses a sign-in attempt while its email or address is throttled, without checking the password. */
	public OncePerRequestFilter throttleFilter() {
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
					FilterChain chain) throws ServletException, IOException {
				if (SIGN_IN_POST.matches(request)) {
					String email = request.getParameter(EMAIL_PARAMETER);
					if (throttle.isBlocked(email, request.getRemoteAddr(), Instant.now())) {
						throttled.increment();
						trail.recordFor(email, "SIGN_IN_THROTTLED", null);
						response.sendRedirect(request.getContextPath() + "/login?throttled");
						return;
					}
				}
				chain.doFilter(request, response);
			}
		};
	}

	public SavedRequestAwareAuthenticationSuccessHandler successHandler() {
		SavedRequestAwareAuthenticationSuccessHandler handler = new SavedRequestAwareAuthenticationSuccessHandler() {
			@Override
			public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
					Authentication authentication) throws ServletException, IOException {
				// The throttle's count for the account is cleared only once the second factor is done too
				// (SecondFactorController): otherwise a stolen password would buy fresh guesses at the code.
				startSession(request, authentication);
				// Only the first step: the sign-in is complete with SECOND_FACTOR_APP, SECOND_FACTOR_RECOVERY_CODE
				// or SIGN_IN_PASSKEY, so a reader of the access trail never takes a password alone for a sign-in.
				trail.recordFor(authentication.getName(), "SIGN_IN_PASSWORD_ACCEPTED", null);
				if (drafts.returnAfterSignIn(request, response, authentication)) {
					clearAuthenticationAttributes(request);
					return;
				}
				super.onAuthenticationSuccess(request, response, authentication);
			}
		};
		handler.setDefaultTargetUrl("/staff/inquiries");
		return handler;
	}

	/** What every sign-in, password or passkey, keeps in its session: when it began, and the account's epoch. */
	private void startSession(HttpServletRequest request, Authentication authentication) {
		HttpSession session = request.getSession();
		session.setAttribute(SIGNED_IN_AT, Instant.now());
		accounts.byEmail(authentication.getName())
			.ifPresent(account -> session.setAttribute(SESSION_EPOCH, account.getSessionEpoch()));
	}

	/**
	 * A passkey sign-in (both factors at once): the session is started as for a password, the account's throttle
	 * count cleared, the access trail told, and the answer Spring's WebAuthn script expects
	 * ({@code {"authenticated":true,"redirectUrl":...}}) sent to the page's script: the page asked for, or the inbox
	 * (Spring's own handler would send the site's home page).
	 */
	public AuthenticationSuccessHandler passkeySuccessHandler() {
		RequestCache requestCache = new HttpSessionRequestCache();
		return (request, response, authentication) -> {
			startSession(request, authentication);
			throttle.succeeded(authentication.getName());
			trail.recordFor(authentication.getName(), "SIGN_IN_PASSKEY", null);
			SavedRequest saved = requestCache.getRequest(request, response);
			requestCache.removeRequest(request, response);
			String target = saved != null ? saved.getRedirectUrl() : request.getContextPath() + "/staff/inquiries";
			response.setContentType("application/json");
			response.setCharacterEncoding("UTF-8");
			response.getWriter()
				.write("{\"authenticated\":true,\"redirectUrl\":\""
						+ target.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
		};
	}

	/** Clears the throttle's count for the account once both factors are done. */
	void secondFactorSucceeded(String email) {
		throttle.succeeded(email);
	}

	public AuthenticationFailureHandler failureHandler() {
		return (request, response, exception) -> failed(request, response, exception);
	}

	private void failed(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		String email = request.getParameter(EMAIL_PARAMETER);
		Instant now = Instant.now();
		throttle.failed(email, request.getRemoteAddr(), now);
		rejected.increment();
		trail.recordFor(email, "SIGN_IN_FAILED", null);
		String outcome = throttle.isBlocked(email, request.getRemoteAddr(), now) ? "throttled" : "error";
		response.sendRedirect(request.getContextPath() + "/login?" + outcome);
	}

	/**
	 * Where a refused back-office request goes; never the public error page, whose words are for patients.
	 * <ul>
	 * <li>A session signed in with the password only: to the second step ({@link SecondFactorRule#STEP_PATH}), the
	 * page asked for remembered.</li>
	 * <li>A post whose CSRF token is gone because the session ended (idle or absolute time-out, or a sign-in form
	 * left open): to sign-in, told that the session ended; what a form held is kept for the same person
	 * ({@link FormDrafts}). A sign-out post from a page left open only needs the sign-in page.</li>
	 * <li>A post whose token is stale while still signed in (they signed in again in another tab): back to the page
	 * with what they typed.</li>
	 * <li>Anything else (a front-desk account on an administrator's page, a token that was never ours): the
	 * back office's own 403 page, {@value #FORBIDDEN_PATH}.</li>
	 * </ul>
	 */
	public AccessDeniedHandler accessDeniedHandler() {
		AccessDeniedHandlerImpl forbidden = new AccessDeniedHandlerImpl();
		forbidden.setErrorPage(FORBIDDEN_PATH);
		RequestCache requestCache = new HttpSessionRequestCache();
		return (request, response, denied) -> {
			if (!(denied instanceof CsrfException)
					&& SecondFactorRule.lacksSecondFactor(SecurityContextHolder.getContext().getAuthentication())) {
				// signed in with the password only: the second step first, then back to the page asked for
				requestCache.saveRequest(request, response);
				response.sendRedirect(request.getContextPath() + SecondFactorRule.STEP_PATH);
				return;
			}
			if (denied instanceof CsrfException) {
				if (SIGN_IN_POST.matches(request)) {
					response.sendRedirect(request.getContextPath() + "/login?expired");
					return;
				}
				if (!FormDrafts.isSignedIn()) {
					if (SIGN_OUT_POST.matches(request)) {
						response.sendRedirect(request.getContextPath() + "/login?signedOut");
						return;
					}
					boolean kept = drafts.keepForSignIn(request);
					response.sendRedirect(request.getContextPath() + "/login?" + (kept ? SESSION_ENDED : "expired"));
					return;
				}
				if (drafts.returnStraightBack(request, response)) {
					return;
				}
			}
			forbidden.handle(request, response, denied);
		};
	}

	/**
	 * Sends a request that needs sign-in to the sign-in page; one that still carried the cookie of a session that
	 * has ended, or whose session was just ended because its account changed, says so there. The page asked for is remembered, and sign-in returns to it.
	 */
	public AuthenticationEntryPoint signInEntryPoint() {
		return new LoginUrlAuthenticationEntryPoint("/login") {
			@Override
			protected String determineUrlToUseForThisRequest(HttpServletRequest request, HttpServletResponse response,
					AuthenticationException exception) {
				boolean ended = request.getAttribute(AccountStateFilter.SESSION_ENDED) != null
						|| (request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid());
				return ended ? "/login?expired" : "/login";
			}
		};
	}

	/**
	 * Tells the browser to drop the back office's cache, cookies and storage at sign-out. Written on every
	 * sign-out: Spring's own writer skips plain-HTTP requests, which is how the app sees HTTPS ended at a proxy.
	 */
	public LogoutHandler clearSiteData() {
		return (request, response, authentication) -> response.setHeader("Clear-Site-Data",
				"\"cache\", \"cookies\", \"storage\"");
	}

	public LogoutHandler signOutRecorder() {
		return (request, response, authentication) -> {
			if (authentication != null) {
				trail.recordFor(authentication.getName(), "SIGN_OUT", null);
			}
		};
	}

}

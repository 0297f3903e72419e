package ca.gagephysio.staff.signin;

import ca.gagephysio.staff.session.AccountStateFilter;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.secondfactor.SecondFactorRule;
import ca.gagephysio.staff.session.FormDrafts;
import ca.gagephysio.staff.trail.JpaAccessTrail;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * What happens around a sign-in attempt: the throttle counts it first (and refuses it, unchecked, if it may not go
 * ahead or cannot be counted), a right password is given back, and every outcome is written to the access trail. A failure says the same thing whether or not the account exists.
 */
@Component
public class SignInEvents {

	private static final Logger log = LoggerFactory.getLogger(SignInEvents.class);

	/** The form's user-name field. */
	public static final String EMAIL_PARAMETER = "email";

	/** The back office's own 403 page, where a refused request is forwarded. */
	public static final String FORBIDDEN_PATH = "/staff/forbidden";

	/**
	 * Where a one-time link (an invitation, a password reset) leads: open without signing in, since the person has
	 * no password yet (see {@code StaffInvitations}).
	 */
	public static final String INVITATION_PATH = "/staff/invitation";

	/** Sign-in page parameter: a password was just chosen through a one-time link. */
	public static final String PASSWORD_CHOSEN = "passwordChosen";

	/** Sign-in page parameter: a session ended while a form was being sent; what it held is kept. */
	public static final String SESSION_ENDED = "sessionEnded";

	/** Sign-in and second-step page parameter: too many attempts; its value, if any, the seconds to wait. */
	public static final String THROTTLED = "throttled";

	/** Sign-in and second-step page parameter: the attempt could not be counted, so it was refused unchecked. */
	public static final String UNAVAILABLE = "unavailable";

	/** Session attribute: when this person signed in, for the absolute time-out. */
	// a session attribute: its name stays what it was before the staff module had sub-packages, so
	// sessions stored then (Spring Session JDBC) still carry it after an upgrade
	public static final String SIGNED_IN_AT = "ca.gagephysio.staff.internal.SignInEvents.SIGNED_IN_AT";

	/** Session attribute: the account's session epoch at sign-in; a reset or disable raises it. */
	// a session attribute: its name stays what it was before the staff module had sub-packages, so
	// sessions stored then (Spring Session JDBC) still carry it after an upgrade
	public static final String SESSION_EPOCH = "ca.gagephysio.staff.internal.SignInEvents.SESSION_EPOCH";

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

	private final Counter uncounted;

	SignInEvents(SignInThrottle throttle, JpaAccessTrail trail, StaffAccounts accounts, FormDrafts drafts,
			MeterRegistry registry) {
		this.throttle = throttle;
		this.trail = trail;
		this.accounts = accounts;
		this.drafts = drafts;
		this.rejected = failures(registry, "rejected");
		this.throttled = failures(registry, "throttled");
		this.uncounted = failures(registry, "uncounted");
	}

	/**
	 * {@code clinic_sign_in_failures_total{outcome="rejected"}}: sign-ins refused for a wrong email or password (or a
	 * disabled account); {@code outcome="throttled"}: attempts refused unchecked while the account or address was
	 * throttled; {@code outcome="uncounted"}: attempts refused unchecked because the throttle could not count them (a
	 * database error). Counted by this instance since it started (Prometheus sums the instances).
	 */
	private static Counter failures(MeterRegistry registry, String outcome) {
		return Counter.builder("clinic.sign.in.failures")
			.description("Failed staff sign-in attempts on this instance")
			.tag("outcome", outcome)
			.register(registry);
	}

	/**
	 * Counts every sign-in attempt before its password is checked ({@link SignInThrottle#admit}), and lets only an
	 * admitted one through to the password check. One the throttle refuses goes back to the sign-in page told how
	 * long to wait; one that could not be counted (a database error of any kind) is refused too, told that sign-in
	 * is unavailable for a moment, and never checked uncounted.
	 */
	public OncePerRequestFilter throttleFilter() {
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
					FilterChain chain) throws ServletException, IOException {
				if (SIGN_IN_POST.matches(request)) {
					String email = request.getParameter(EMAIL_PARAMETER);
					Optional<Duration> wait;
					try {
						wait = throttle.admit(email, request.getRemoteAddr(), Instant.now());
					}
					catch (RuntimeException ex) {
						uncountedAttempt(email, "SIGN_IN_UNCOUNTED", ex);
						response.sendRedirect(request.getContextPath() + "/login?" + UNAVAILABLE);
						return;
					}
					if (wait.isPresent()) {
						throttled.increment();
						trail.recordFor(email, "SIGN_IN_THROTTLED", null);
						response.sendRedirect(request.getContextPath() + "/login?" + throttledFor(wait));
						return;
					}
				}
				chain.doFilter(request, response);
			}
		};
	}

	/**
	 * An attempt the throttle could not count, refused unchecked: logged with its cause, counted in the metrics,
	 * and written to the access trail if the database takes that write.
	 */
	public void uncountedAttempt(String email, String action, RuntimeException cause) {
		uncounted.increment();
		log.error("Refused a sign-in attempt that the throttle could not count", cause);
		try {
			trail.recordFor(email, action, null);
		}
		catch (RuntimeException ex) {
			log.warn("Could not write {} to the access trail either: {}", action, ex.toString());
		}
	}

	/**
	 * The sign-in or second-step page's query naming how long to wait, {@code throttled=<seconds>} (rounded up); the
	 * pages read it back with {@link #waitShown}. Without a known wait, just {@code throttled}.
	 */
	public static String throttledFor(Optional<Duration> wait) {
		return wait.map(duration -> THROTTLED + "=" + Math.max(1, (duration.toMillis() + 999) / 1000)).orElse(THROTTLED);
	}

	/**
	 * The wait a sign-in or second-step page was sent with, for its message: whole minutes (rounded up) when a
	 * minute or more, else seconds; empty for no number or one no throttle gives (more than a day). It is only
	 * words on the page: changing it in the address bar changes nothing but what the page says.
	 */
	public static Optional<Wait> waitShown(String seconds) {
		if (seconds == null || !seconds.matches("[0-9]{1,6}")) {
			return Optional.empty();
		}
		long value = Long.parseLong(seconds);
		if (value < 1 || value > Duration.ofDays(1).toSeconds()) {
			return Optional.empty();
		}
		return Optional.of(value < 60 ? new Wait(value, 0) : new Wait(0, (value + 59) / 60));
	}

	/** How long to wait, as the page says it: either seconds or minutes (the other one zero). */
	public record Wait(long seconds, long minutes) {
	}

	public SavedRequestAwareAuthenticationSuccessHandler successHandler() {
		SavedRequestAwareAuthenticationSuccessHandler handler = new SavedRequestAwareAuthenticationSuccessHandler() {
			@Override
			public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
					Authentication authentication) throws ServletException, IOException {
				// The attempt was counted before its password was checked: a right one does not count. The account's
				// count is cleared only once the second factor is done too (SecondFactorController): otherwise a
				// stolen password would buy fresh guesses at the code.
				giveBack(() -> throttle.refund(authentication.getName(), request.getRemoteAddr()));
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

	/**
	 * Both factors are done: the right code's own attempt is given back to the address, and the account's count is
	 * cleared.
	 */
	public void secondFactorSucceeded(String email, String address) {
		giveBack(() -> {
			throttle.refund(email, address);
			throttle.succeeded(email);
		});
	}

	/**
	 * Gives a right attempt back to the throttle. If the database fails here the attempt simply stays counted, the
	 * safe side: the person is signed in, and is not shown an error for it.
	 */
	private static void giveBack(Runnable refund) {
		try {
			refund.run();
		}
		catch (RuntimeException ex) {
			log.warn("Could not give a right sign-in attempt back to the throttle: {}", ex.toString());
		}
	}

	public AuthenticationFailureHandler failureHandler() {
		return (request, response, exception) -> failed(request, response, exception);
	}

	/** A checked password was wrong: it was counted before the check, so only the outcome is left to record. */
	private void failed(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		String email = request.getParameter(EMAIL_PARAMETER);
		rejected.increment();
		trail.recordFor(email, "SIGN_IN_FAILED", null);
		response.sendRedirect(request.getContextPath() + "/login?"
				+ waitAfterFailure(email, request.getRemoteAddr()).map(wait -> throttledFor(Optional.of(wait))).orElse("error"));
	}

	/**
	 * How long the next attempt must wait after a failure, to say so at once (empty: none, or it could not be read;
	 * the next attempt is counted, and refused if need be, either way).
	 */
	public Optional<Duration> waitAfterFailure(String email, String address) {
		try {
			return throttle.waitBefore(email, address, Instant.now());
		}
		catch (RuntimeException ex) {
			log.warn("Could not read the sign-in throttle after a failure: {}", ex.toString());
			return Optional.empty();
		}
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

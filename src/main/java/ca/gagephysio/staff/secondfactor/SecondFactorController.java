package ca.gagephysio.staff.secondfactor;

import ca.gagephysio.staff.account.StaffAccount;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.signin.SignInEvents;
import ca.gagephysio.staff.signin.SignInThrottle;
import ca.gagephysio.staff.trail.JpaAccessTrail;
import ca.gagephysio.staff.web.StaffPages;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.savedrequest.DefaultSavedRequest;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The second step after a password: a code from the authenticator app or a recovery code, or a passkey instead
 * (which signs in afresh, counting as both factors). A session whose account has no factor yet is sent to enrol.
 * The step is throttled with the password's own counters ({@link SignInThrottle}, per account and per address): each
 * code is counted before it is checked, as a password is, and a right one given back; a wrong code counts as a wrong
 * password, and a refused attempt is refused unchecked with the same words whether the code was right or not, so a
 * guessed password does not buy faster guesses at the code. A code that cannot be counted is not checked either.
 */
@Controller
@RequestMapping(SecondFactorRule.STEP_PATH)
class SecondFactorController {

	private static final String VIEW = "staff/secondfactor/second-factor";

	private static final String INBOX = "/staff/inquiries";

	/** Page parameter: show the recovery-code field; as {@code error}'s value, a refused recovery code. */
	static final String RECOVERY = "recovery";

	/** {@code error}'s value for a recovery code of the person's that was spent already. */
	static final String RECOVERY_USED = "recovery-used";

	private final StaffAccounts accounts;

	private final SecondFactors factors;

	private final SignInThrottle throttle;

	private final SignInEvents signIn;

	private final JpaAccessTrail trail;

	private final StaffPages pages;

	private final RequestCache requestCache = new HttpSessionRequestCache();

	SecondFactorController(StaffAccounts accounts, SecondFactors factors, SignInThrottle throttle,
			SignInEvents signIn, JpaAccessTrail trail, StaffPages pages) {
		this.accounts = accounts;
		this.factors = factors;
		this.throttle = throttle;
		this.signIn = signIn;
		this.trail = trail;
		this.pages = pages;
	}

	@GetMapping
	String step(@RequestParam(name = SignInEvents.THROTTLED, required = false) String throttled,
			@RequestParam(name = "error", required = false) String error,
			@RequestParam(name = RECOVERY, required = false) String recovery, Model model) {
		if (!SecondFactorRule.lacksSecondFactor(SecurityContextHolder.getContext().getAuthentication())) {
			return "redirect:" + INBOX;
		}
		StaffAccount account = accounts.signedIn();
		if (!factors.hasAny(account.getId(), account.getEmail())) {
			return "redirect:" + SecurityPageController.PATH;
		}
		model.addAttribute("page", pages.meta("staff.second-factor.title", SecondFactorRule.STEP_PATH));
		boolean hasApp = factors.hasApp(account.getId());
		model.addAttribute("hasApp", hasApp);
		// the app's six digits get a numeric keypad; a recovery code has letters, so it gets a field of its own
		model.addAttribute("recovery", !hasApp || recovery != null || (error != null && error.startsWith(RECOVERY)));
		SignInEvents.waitShown(throttled).ifPresent(wait -> model.addAttribute("wait", wait));
		return VIEW;
	}

	@PostMapping
	void check(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		String base = request.getContextPath();
		if (!SecondFactorRule.lacksSecondFactor(SecurityContextHolder.getContext().getAuthentication())) {
			response.sendRedirect(base + INBOX);
			return;
		}
		StaffAccount account = accounts.signedIn();
		String address = request.getRemoteAddr();
		Optional<Duration> wait;
		try {
			wait = throttle.admit(account.getEmail(), address, Instant.now());
		}
		catch (RuntimeException ex) {
			signIn.uncountedAttempt(account.getEmail(), "SECOND_FACTOR_UNCOUNTED", ex);
			response.sendRedirect(base + SecondFactorRule.STEP_PATH + "?" + SignInEvents.UNAVAILABLE);
			return;
		}
		if (wait.isPresent()) {
			trail.recordFor(account.getEmail(), "SECOND_FACTOR_THROTTLED", null);
			response.sendRedirect(base + SecondFactorRule.STEP_PATH + "?" + SignInEvents.throttledFor(wait));
			return;
		}
		SecondFactors.CodeCheck result = factors.check(account.getId(), code.length() > 64 ? "" : code);
		if (result instanceof SecondFactors.CodeCheck.AppCode) {
			completed(request, response, account, "SECOND_FACTOR_APP", null);
		}
		else if (result instanceof SecondFactors.CodeCheck.RecoveryCode recovery) {
			request.getSession().setAttribute(SecurityPageController.RECOVERY_CODES_LEFT, recovery.left());
			completed(request, response, account, "SECOND_FACTOR_RECOVERY_CODE",
					"recovery codes left: " + recovery.left());
		}
		else if (result instanceof SecondFactors.CodeCheck.AppUnreadable) {
			trail.recordFor(account.getEmail(), "SECOND_FACTOR_APP_UNREADABLE", null);
			response.sendRedirect(base + AppUnreadableController.PATH);
		}
		else {
			// counted before the check: only the outcome is left to record
			trail.recordFor(account.getEmail(), "SECOND_FACTOR_FAILED", null);
			String error = result instanceof SecondFactors.CodeCheck.Wrong wrong ? switch (wrong.kind()) {
				case APP_CODE -> "error";
				case RECOVERY_CODE -> "error=" + RECOVERY;
				case RECOVERY_CODE_USED -> "error=" + RECOVERY_USED;
			} : "error";
			response.sendRedirect(base + SecondFactorRule.STEP_PATH + "?" + signIn.waitAfterFailure(account.getEmail(), address)
				.map(next -> SignInEvents.throttledFor(Optional.of(next)))
				.orElse(error));
		}
	}

	private void completed(HttpServletRequest request, HttpServletResponse response, StaffAccount account,
			String action, String detail) throws IOException {
		SavedRequest saved = requestCache.getRequest(request, response);
		requestCache.removeRequest(request, response);
		SecondFactorRule.completeWithCode(request, response);
		signIn.secondFactorSucceeded(account.getEmail(), request.getRemoteAddr());
		trail.recordFor(account.getEmail(), action, detail);
		if (request.getSession().getAttribute(SecurityPageController.RECOVERY_CODES_LEFT) != null) {
			response.sendRedirect(request.getContextPath() + SecurityPageController.PATH);
			return;
		}
		// the page asked for, as a path (its URI already holds the context path)
		response.sendRedirect(saved instanceof DefaultSavedRequest page
				? page.getRequestURI() + (page.getQueryString() == null ? "" : "?" + page.getQueryString())
				: request.getContextPath() + INBOX);
	}

}

package ca.gagephysio.staff.secondfactor;

import ca.gagephysio.staff.account.PasswordController;
import ca.gagephysio.staff.account.StaffAccount;
import ca.gagephysio.staff.account.StaffAccounts;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * The rule that a password alone never opens the back office (OWASP ASVS 5.0 V6.3.3, multi-factor authentication
 * for access to health information), in Spring Security 7's terms of factor authorities
 * ({@link FactorGrantedAuthority}): a password sign-in holds {@value FactorGrantedAuthority#PASSWORD_AUTHORITY}
 * only; a passkey sign-in holds {@value FactorGrantedAuthority#WEBAUTHN_AUTHORITY}, which counts as both factors
 * (the device proves possession, its PIN or biometric the person: W3C WebAuthn Level 3, user verification); the
 * code step adds {@value #CODE_AUTHORITY} to a password sign-in (an authenticator-app code or a recovery code).
 * The authorities live in the session's security context, so in the {@code spring_session} table with it.
 */
@Component
public class SecondFactorRule {

	/** The code step's factor: an authenticator-app (RFC 6238) code, or a recovery code standing in for one. */
	public static final String CODE_AUTHORITY = "FACTOR_TOTP";

	/** Where a password-only session is sent: the code or passkey step, or enrolment if it has no factor yet. */
	public static final String STEP_PATH = "/staff/second-factor";

	/**
	 * What a password-only session may always reach: the code or passkey step, and what to do when its
	 * authenticator app can no longer be read.
	 */
	public static final String[] PASSWORD_ONLY_PATHS = { STEP_PATH, AppUnreadableController.PATH };

	/** The password change, open to a password-only session only while its password is a temporary one. */
	public static final String PASSWORD_CHANGE_PATH = PasswordController.PATH;

	/** Enrolment: open to a password-only session while its account has no factor (see {@link #enrolment()}). */
	public static final String[] ENROLMENT_PATHS = { SecurityPageController.PATH, SecurityPageController.PATH + "/app",
			SecurityPageController.PATH + "/app/confirm", "/webauthn/register/options", "/webauthn/register" };

	private final StaffAccounts accounts;

	private final SecondFactors factors;

	SecondFactorRule(StaffAccounts accounts, SecondFactors factors) {
		this.accounts = accounts;
		this.factors = factors;
	}

	/**
	 * Every back-office rule's extra condition (see {@code StaffSecurityConfig}): a passkey sign-in, or a password
	 * sign-in completed with a code.
	 */
	public static AuthorizationManager<RequestAuthorizationContext> completed() {
		return AuthorizationManagers.anyOf(new AuthorizationDecision(false),
				AuthorityAuthorizationManager.hasAuthority(FactorGrantedAuthority.WEBAUTHN_AUTHORITY),
				AuthorizationManagers.allOf(new AuthorizationDecision(false),
						AuthorityAuthorizationManager.hasAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY),
						AuthorityAuthorizationManager.hasAuthority(CODE_AUTHORITY)));
	}

	/**
	 * For the pages a password-only session may reach (the code step, enrolment while no factor exists, the
	 * password change a temporary password demands): signed in with the password or more.
	 */
	public static AuthorizationManager<RequestAuthorizationContext> passwordOrMore() {
		return AuthorizationManagers.anyOf(new AuthorizationDecision(false), completed(),
				AuthorityAuthorizationManager.hasAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY));
	}

	/**
	 * For the password page: a completed sign-in, or a password-only one whose password is a temporary one an
	 * administrator set (it must be replaced before anything else, second factor included).
	 */
	public AuthorizationManager<RequestAuthorizationContext> passwordChange() {
		return whenPasswordOnly(account -> account.isMustChangePassword());
	}

	/**
	 * For enrolling a factor: a completed sign-in, or a password-only one while the account has no factor at all
	 * (otherwise a stolen password could add the thief's own passkey or app) and its password is the person's own
	 * (a temporary one was read to them, so whoever else heard it must not get to enrol first).
	 */
	public AuthorizationManager<RequestAuthorizationContext> enrolment() {
		return whenPasswordOnly(this::mayEnrolWithPasswordOnly);
	}

	/**
	 * The same rule as {@link #enrolment()}, for the passkey endpoints whose Spring Security filters run before
	 * the authorization filter ({@code POST /webauthn/register/options} is answered there, see
	 * {@code PasskeyRelyingParty}).
	 */
	boolean mayEnrol(Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()) {
			return false;
		}
		Optional<StaffAccount> account = accounts.byEmail(authentication.getName());
		if (account.isEmpty() || !account.get().isEnabled()) {
			return false;
		}
		List<String> held = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
		if (held.contains(FactorGrantedAuthority.WEBAUTHN_AUTHORITY)
				|| (held.contains(FactorGrantedAuthority.PASSWORD_AUTHORITY) && held.contains(CODE_AUTHORITY))) {
			return true;
		}
		return held.contains(FactorGrantedAuthority.PASSWORD_AUTHORITY) && mayEnrolWithPasswordOnly(account.get());
	}

	private boolean mayEnrolWithPasswordOnly(StaffAccount account) {
		return account.isEnabled() && !account.isMustChangePassword()
				&& !factors.hasAny(account.getId(), account.getEmail());
	}

	/** A completed sign-in, or a password-only one whose account meets {@code condition}. */
	private AuthorizationManager<RequestAuthorizationContext> whenPasswordOnly(
			java.util.function.Predicate<StaffAccount> condition) {
		AuthorizationManager<RequestAuthorizationContext> complete = completed();
		AuthorizationManager<RequestAuthorizationContext> password = AuthorityAuthorizationManager
			.hasAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY);
		return new AuthorizationManager<>() {
			@Override
			public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
					RequestAuthorizationContext context) {
				AuthorizationResult granted = complete.authorize(authentication, context);
				if (granted != null && granted.isGranted()) {
					return granted;
				}
				AuthorizationResult passwordOnly = password.authorize(authentication, context);
				if (passwordOnly == null || !passwordOnly.isGranted()) {
					return new AuthorizationDecision(false);
				}
				return new AuthorizationDecision(
						accounts.byEmail(authentication.get().getName()).map(condition::test).orElse(false));
			}
		};
	}

	/** Where a passkey registration's options wait between its two requests (see the class for why not Spring's). */
	public static org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsRepository creationOptionsInTheSession() {
		return new PasskeyCreationOptionsInSession();
	}

	/** Turns a refused passkey registration into a 400 instead of a 500 (see {@code PasskeyRelyingParty}). */
	public static org.springframework.web.filter.OncePerRequestFilter passkeyRegistrationRefusals() {
		return PasskeyRelyingParty.refusedRegistrationAsBadRequest();
	}

	/** True for a signed-in session that has not completed a second factor. */
	public static boolean lacksSecondFactor(Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()) {
			return false;
		}
		List<String> held = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
		boolean complete = held.contains(FactorGrantedAuthority.WEBAUTHN_AUTHORITY)
				|| (held.contains(FactorGrantedAuthority.PASSWORD_AUTHORITY) && held.contains(CODE_AUTHORITY));
		return held.contains(FactorGrantedAuthority.PASSWORD_AUTHORITY) && !complete;
	}

	/**
	 * Adds the code factor to the signed-in password session, with a new session id (as at any change of
	 * privilege, OWASP ASVS 5.0 V7.2.4), and keeps it in the session.
	 */
	static void completeWithCode(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		List<GrantedAuthority> authorities = new ArrayList<>(current.getAuthorities());
		authorities.add(FactorGrantedAuthority.fromAuthority(CODE_AUTHORITY));
		UsernamePasswordAuthenticationToken completed = UsernamePasswordAuthenticationToken
			.authenticated(current.getPrincipal(), null, authorities);
		completed.setDetails(current.getDetails());
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(completed);
		SecurityContextHolder.setContext(context);
		request.changeSessionId();
		SecurityContextRepository repository = new HttpSessionSecurityContextRepository();
		repository.saveContext(context, request, response);
	}

}

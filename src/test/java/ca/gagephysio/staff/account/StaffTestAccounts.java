package ca.gagephysio.staff.account;

import ca.gagephysio.staff.secondfactor.SecondFactorRule;
import ca.gagephysio.staff.secondfactor.Totp;
import ca.gagephysio.staff.signin.StaffSessions;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import ca.gagephysio.SettableClock;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

/**
 * Creates staff accounts for tests the way the clinic does: an administrator invites the person, who chooses their
 * own password through the one-time link. Each {@link #create} makes a new account, so tests never share one;
 * {@link #forTheClass} shares one among a class's tests. Also the authenticator-app codes of accounts enrolled
 * through {@link StaffSessions}, and the one shortcut for MockMvc tests that do not test sign-in itself:
 * {@link #signedIn}.
 */
public final class StaffTestAccounts {

	public static final String PASSWORD = "a long enough test passphrase";

	/** Authenticator-app keys of accounts enrolled through the real pages, by email. */
	private static final Map<String, byte[]> APP_KEYS = new ConcurrentHashMap<>();

	/** The last RFC 6238 time step whose code was sent for each account: the app accepts each code once. */
	private static final Map<String, Long> LAST_STEPS = new ConcurrentHashMap<>();

	/** The accounts {@link #forTheClass} made, by context's {@code StaffAccounts}, test class, name and role. */
	private static final Map<List<Object>, String> CLASS_ACCOUNTS = new ConcurrentHashMap<>();

	private StaffTestAccounts() {
	}

	/**
	 * A new, ready-to-use account with "email me about new inquiries" turned off; returns its email. Off because an
	 * account left on receives an alert for every inquiry any later test posts: with about 200 accounts, thousands of
	 * outbox rows that the sender retries while no mail server runs, and that the mail tests then wait behind. A test
	 * of those alerts uses {@link #createWithNewInquiryEmails}.
	 */
	public static String create(StaffAccounts accounts, String displayName, StaffRole role) {
		String email = createWithNewInquiryEmails(accounts, displayName, role);
		// as the person would, on their own account page
		as(email, () -> accounts.chooseNewInquiryEmails(false));
		return email;
	}

	/**
	 * Runs {@code action} on this thread as {@code email} signed in with both factors (no role), then puts back
	 * whoever was signed in before: for calls outside a request that act as the signed-in person.
	 */
	public static void as(String email, Runnable action) {
		SecurityContext before = SecurityContextHolder.getContext();
		try {
			SecurityContextHolder.setContext(new SecurityContextImpl(twoFactorAuthentication(email)));
			action.run();
		}
		finally {
			SecurityContextHolder.setContext(before);
		}
	}

	/** A new, ready-to-use account as an invitation leaves it: new-inquiry emails on. Returns its email. */
	public static String createWithNewInquiryEmails(StaffAccounts accounts, String displayName, StaffRole role) {
		String email = "staff-" + UUID.randomUUID() + "@test.gagephysio.ca";
		String link = accounts.invite(email, displayName, role).link();
		accounts.choosePasswordWithLink(tokenOf(link), PASSWORD);
		return email;
	}

	/**
	 * One account per test class (for each name and role): made at the class's first call, the same one returned by
	 * every later call in it. For classes whose tests only act through the account and never change it; a fresh
	 * account per test made a one-time link, a password and an invitation email each, and added one more recipient
	 * to every new-inquiry alert the rest of the run queued. Kept per application context ({@code accounts}), so a
	 * context of its own gets its own account.
	 */
	public static String forTheClass(Class<?> testClass, StaffAccounts accounts, String displayName, StaffRole role) {
		return CLASS_ACCOUNTS.computeIfAbsent(List.of(accounts, testClass, displayName, role),
				key -> create(accounts, displayName, role));
	}

	/**
	 * Signed in as {@code email} with {@code roles} and both factors: exactly the authentication the real two-step
	 * sign-in leaves in the session (the roles, {@code FACTOR_PASSWORD} and {@code FACTOR_TOTP}), as
	 * {@code SecondFactorTests} proves against {@link StaffSessions#signIn}. For tests of what a signed-in person
	 * can do, not of signing in; nothing else here lets a test past the second factor.
	 */
	public static RequestPostProcessor signedIn(String email, String... roles) {
		return authentication(twoFactorAuthentication(email, roles));
	}

	public static UsernamePasswordAuthenticationToken twoFactorAuthentication(String email, String... roles) {
		List<GrantedAuthority> roleAuthorities = new ArrayList<>();
		for (String role : roles) {
			roleAuthorities.add(new SimpleGrantedAuthority("ROLE_" + role));
		}
		List<GrantedAuthority> authorities = new ArrayList<>(roleAuthorities);
		authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY));
		authorities.add(FactorGrantedAuthority.fromAuthority(SecondFactorRule.CODE_AUTHORITY));
		User principal = new User(email, "", roleAuthorities);
		return UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
	}

	/** The token of a one-time link (its {@code token} parameter). */
	public static String tokenOf(String link) {
		return link.substring(link.indexOf("token=") + "token=".length());
	}

	/** The account's email changed: its authenticator app (and the codes already used) go with it. */
	public static void moveAppKey(String from, String to) {
		APP_KEYS.put(to, APP_KEYS.get(from));
		Long last = LAST_STEPS.get(from);
		if (last != null) {
			LAST_STEPS.put(to, last);
		}
	}

	public static void rememberAppKey(String email, String base32) {
		APP_KEYS.put(email, Totp.fromBase32(base32));
		LAST_STEPS.remove(email);
	}

	/**
	 * The next code the account's app would show that the site has not yet accepted, by the application's clock:
	 * the current time step's, else the next one's (one step of drift is accepted). When both were used, the
	 * test clock is moved on a step, as real time would.
	 */
	public static String nextCode(MockMvc mvc, String email) {
		return nextCode(mvc.getDispatcherServlet().getWebApplicationContext().getBean(Clock.class), email);
	}

	/** {@link #nextCode(MockMvc, String)} by the application's clock as given. */
	public static synchronized String nextCode(Clock clock, String email) {
		byte[] key = APP_KEYS.get(email);
		if (key == null) {
			throw new IllegalStateException(email + " has no authenticator app enrolled through StaffSessions");
		}
		long last = LAST_STEPS.getOrDefault(email, Long.MIN_VALUE);
		long current = Totp.stepOf(clock.instant());
		if (current + 1 <= last) {
			((SettableClock) clock).advance(Duration.ofSeconds((last - current) * Totp.STEP_SECONDS));
			current = Totp.stepOf(clock.instant());
		}
		long step = current > last ? current : current + 1;
		LAST_STEPS.put(email, step);
		return Totp.code(key, step);
	}

	/** The authenticator-app key enrolled for {@code email} through {@link StaffSessions}. */
	public static byte[] appKey(String email) {
		return APP_KEYS.get(email);
	}

}

package ca.gagephysio.staff.signin;

import ca.gagephysio.staff.secondfactor.AppKeyEncryption;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Back-office settings ({@code clinic.staff.*}). The idle time-out is the servlet session's own
 * ({@code server.servlet.session.timeout}); the absolute one ends a session however busy it is.
 *
 * @param absoluteSessionTimeout how long a sign-in lasts at most, busy or not
 * @param signIn how failed sign-ins are throttled
 * @param totpKey the AES-256 key (32 bytes, Base64) that encrypts authenticator-app keys at rest
 *     ({@code CLINIC_STAFF_TOTP_KEY}); application.properties holds a development key that production replaces
 * @param totpPreviousKeys keys {@code totpKey} replaced, comma-separated, each 32 bytes in Base64
 *     ({@code CLINIC_STAFF_TOTP_PREVIOUS_KEYS}): they only decrypt, and each app key they open is encrypted again
 *     with {@code totpKey} at its next use (see {@link AppKeyEncryption}); none by default
 */
@ConfigurationProperties("clinic.staff")
public record StaffProperties(@DefaultValue("10h") Duration absoluteSessionTimeout, @DefaultValue SignIn signIn,
		String totpKey, List<String> totpPreviousKeys) {

	@ConstructorBinding
	public StaffProperties {
		totpPreviousKeys = totpPreviousKeys == null ? List.of() : List.copyOf(totpPreviousKeys);
	}

	/** Settings without previous keys: a clinic whose key was never changed. */
	public StaffProperties(Duration absoluteSessionTimeout, SignIn signIn, String totpKey) {
		this(absoluteSessionTimeout, signIn, totpKey, List.of());
	}

	/**
	 * Throttling of failed sign-ins, counted per typed email (whether or not such an account exists) and per client
	 * address.
	 *
	 * @param slowDownAfter failures after which each further attempt must wait, doubling each time
	 * @param slowDownStep the first such wait
	 * @param maxFailuresPerAccount failures for one email after which it is locked for {@code lockout}
	 * @param maxFailuresPerAddress failures from one address after which it is locked for {@code lockout}
	 * @param lockout how long a lock lasts after the last failure; failures older than this are forgotten
	 */
	public record SignIn(@DefaultValue("3") int slowDownAfter, @DefaultValue("2s") Duration slowDownStep,
			@DefaultValue("5") int maxFailuresPerAccount, @DefaultValue("20") int maxFailuresPerAddress,
			@DefaultValue("15m") Duration lockout) {
	}

}

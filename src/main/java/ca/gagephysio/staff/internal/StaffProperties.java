package ca.gagephysio.staff.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Back-office settings ({@code clinic.staff.*}). The idle time-out is the servlet session's own
 * ({@code server.servlet.session.timeout}); the absolute one ends a session however busy it is.
 *
 * @param absoluteSessionTimeout how long a sign-in lasts at most, busy or not
 * @param signIn how failed sign-ins are throttled
 * @param totpKey the AES-256 key (32 bytes, Base64) that encrypts authenticator-app keys at rest
 *     ({@code CLINIC_STAFF_TOTP_KEY}); application.properties holds a development key that production replaces
 */
@ConfigurationProperties("clinic.staff")
public record StaffProperties(@DefaultValue("10h") Duration absoluteSessionTimeout, @DefaultValue SignIn signIn,
		String totpKey) {

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

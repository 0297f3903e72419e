package ca.gagephysio.staff.account;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * On the very first start (no account at all), creates the clinic's first {@code ADMIN}: from
 * {@code CLINIC_ADMIN_EMAIL} and {@code CLINIC_ADMIN_PASSWORD} if set, otherwise with a random password logged
 * once, which must be changed at first sign-in. Without {@code CLINIC_ADMIN_EMAIL} the account is a placeholder
 * ("Administrator", {@code admin@localhost}) whose owner gives their real name and email at first sign-in, with a
 * new password (see {@link PasswordController}). No account is ever built into the code.
 * <p>
 * It is made once every bean exists and before the web server takes its first request (a
 * {@link SmartInitializingSingleton}, which runs before the server's lifecycle starts), not in an
 * {@code ApplicationRunner}, which runs after the port is open: a sign-in in the first moments of a first start
 * (perf/lighthouse.sh signs in as soon as the server answers; a busy machine took 33 s to start and the runner had not
 * run yet) was refused as a wrong password for an account about to exist.
 */
@Component
class FirstAdminAccount implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(FirstAdminAccount.class);

	private static final String DEFAULT_EMAIL = "admin@localhost";

	private final StaffAccounts accounts;

	private final String email;

	private final String password;

	FirstAdminAccount(StaffAccounts accounts, @Value("${clinic.admin.email:}") String email,
			@Value("${clinic.admin.password:}") String password) {
		this.accounts = accounts;
		this.email = email;
		this.password = password;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!accounts.noneExists()) {
			return;
		}
		String adminEmail = email.isBlank() ? DEFAULT_EMAIL : email;
		boolean placeholder = email.isBlank();
		if (!password.isBlank()) {
			try {
				// a placeholder account's password is a start-up secret too: replaced with the name and email
				accounts.addFirstAdmin(adminEmail, "Administrator", password, placeholder, placeholder);
			}
			catch (DataIntegrityViolationException anotherInstanceWasFirst) {
				// two instances starting at once on a new database (perf/two-instances.sh): one creates it
				log.info("The first administrator account {} was created by another instance.", adminEmail);
				return;
			}
			catch (AccountProblem problem) {
				throw new IllegalStateException("CLINIC_ADMIN_PASSWORD is not acceptable (" + problem.messageKey()
						+ "): use at least 12 characters that are not a common password.");
			}
			log.info("Created the first administrator account {} from CLINIC_ADMIN_EMAIL / CLINIC_ADMIN_PASSWORD.",
					adminEmail);
			return;
		}
		String generated = randomPassword();
		accounts.addFirstAdmin(adminEmail, "Administrator", generated, true, placeholder);
		log.warn("FIRST SIGN-IN: no staff account existed, so one was created. Sign in at /login as {} with the "
				+ "one-time password {} and choose your own password{}. (Set CLINIC_ADMIN_EMAIL and "
				+ "CLINIC_ADMIN_PASSWORD before the first start to choose them yourself.)", adminEmail, generated,
				placeholder ? ", then your name and email" : "");
	}

	private static String randomPassword() {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}

package ca.gagephysio.staff.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * What a staff password must be (NIST SP 800-63B style): at least 12 characters, long passphrases welcome and
 * hashed whole (Argon2 has no 72-byte limit), not one of the passwords people choose most, not the account's own
 * email. No composition rules: they push people to predictable patterns.
 */
@Component
class PasswordPolicy {

	static final int MIN_LENGTH = 12;

	/** Far beyond any passphrase, but bounds the hashing work one request can cause. */
	static final int MAX_LENGTH = 256;

	private final Set<String> common;

	PasswordPolicy() {
		this.common = load("staff/common-passwords.txt");
	}

	/**
	 * The message key of the first rule the password breaks, or empty if it is acceptable.
	 */
	Optional<String> problemWith(String password, String email) {
		if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
			return Optional.of("staff.password.too-short");
		}
		if (password.length() > MAX_LENGTH) {
			return Optional.of("staff.password.too-long");
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (common.contains(lower) || password.chars().distinct().count() < 4) {
			return Optional.of("staff.password.too-common");
		}
		if (email != null && !email.isBlank() && lower.contains(StaffAccount.normalise(email))) {
			return Optional.of("staff.password.contains-email");
		}
		return Optional.empty();
	}

	private static Set<String> load(String path) {
		Set<String> passwords = new HashSet<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8))) {
			reader.lines()
				.map(String::strip)
				.filter(line -> !line.isEmpty() && !line.startsWith("#"))
				.map(line -> line.toLowerCase(Locale.ROOT))
				.forEach(passwords::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the common-password list " + path, ex);
		}
		return Set.copyOf(passwords);
	}

}

package ca.gagephysio.staff.account;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTests {

	private final PasswordPolicy policy = new PasswordPolicy();

	@Test
	void refusesPasswordsShorterThanTwelveCharacters() {
		assertThat(policy.problemWith("short pass1", "a@b.ca")).contains("staff.password.too-short");
	}

	@Test
	void refusesTheMostCommonPasswordsWhateverTheirCase() {
		assertThat(policy.problemWith("Password1234", "a@b.ca")).contains("staff.password.too-common");
		assertThat(policy.problemWith("QWERTYUIOP123", "a@b.ca")).contains("staff.password.too-common");
		assertThat(policy.problemWith("aaaaaaaaaaaaaaaa", "a@b.ca")).contains("staff.password.too-common");
	}

	@Test
	void refusesAPasswordContainingTheAccountsEmail() {
		assertThat(policy.problemWith("front@clinic.ca2026", "Front@Clinic.ca")).contains("staff.password.contains-email");
	}

	@Test
	void acceptsALongPassphrase() {
		String passphrase = "the heron stands in the cold river at dawn and waits for the fish to come by again";
		assertThat(passphrase).hasSizeGreaterThan(72);
		assertThat(policy.problemWith(passphrase, "a@b.ca")).isEmpty();
	}

	@Test
	void theHashCoversEveryCharacterOfALongPassphraseUnlikeBcrypt() {
		Argon2PasswordEncoder argon2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
		String base = "x".repeat(80);
		String hash = argon2.encode(base + "one");

		assertThat(argon2.matches(base + "one", hash)).isTrue();
		assertThat(argon2.matches(base + "two", hash)).isFalse();
	}

}

package ca.gagephysio.staff;

import java.io.IOException;
import java.util.List;

import ca.gagephysio.site.SettingRefused;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tests hash with the cheapest Argon2id ({@code src/test/resources/config/application.properties}); these hold
 * the cost the site ships with, read from the main {@code application.properties} alone, to what it was before the
 * cost was a setting (Spring Security's {@code defaultsForSpringSecurity_v5_8()}), and show that hashes made at one
 * cost verify under the other, since each hash carries its own parameters.
 */
class ShippedPasswordHashingTests {

	private static final String PREFIX = "clinic.staff.password-hashing";

	/** What every new hash began with before the cost was a setting: the encoder's id, then Argon2id's parameters. */
	private static final String SHIPPED_HASH_START = "{argon2@SpringSecurity_v5_8}$argon2id$v=19$m=16384,t=2,p=1$";

	/**
	 * A hash of {@code OLD_PASSWORD} made as the site made them before this setting existed
	 * ({@code Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()} under the delegating encoder's id).
	 */
	private static final String OLD_HASH =
			"{argon2@SpringSecurity_v5_8}$argon2id$v=19$m=16384,t=2,p=1$kF6MFhmI2IqZniL+u9v37g$HPkZzcavCqUxHSEEe9gb7WFXFfbzDJXIEElhKsaksaQ";

	private static final String OLD_PASSWORD = "correct horse battery staple";

	@Test
	void theShippedSettingsAreSpringSecuritysDefaultsSince58() throws IOException {
		PasswordHashing shipped = bound("application.properties");

		assertThat(shipped).isEqualTo(new PasswordHashing(16384, 2, 1));
		assertThat(new Binder().bindOrCreate(PREFIX, PasswordHashing.class)).as("the defaults, with no setting at all")
			.isEqualTo(shipped);
	}

	@Test
	void theShippedSettingsHashExactlyAsBefore() throws IOException {
		PasswordEncoder encoder = new StaffSecurityConfig().passwordEncoder(bound("application.properties"));

		String hash = encoder.encode(OLD_PASSWORD);

		assertThat(hash).startsWith(SHIPPED_HASH_START);
		assertThat("{argon2@SpringSecurity_v5_8}"
				+ Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(OLD_PASSWORD))
			.as("Spring Security's own defaults")
			.startsWith(SHIPPED_HASH_START);
		assertThat(encoder.matches(OLD_PASSWORD, hash)).isTrue();
		assertThat(encoder.matches(OLD_PASSWORD + "!", hash)).isFalse();
	}

	@Test
	void theTestsCheapSettingsStillVerifyAHashMadeAtTheShippedCost() throws IOException {
		PasswordHashing tests = bound("config/application.properties");
		PasswordEncoder encoder = new StaffSecurityConfig().passwordEncoder(tests);

		assertThat(tests).isEqualTo(new PasswordHashing(8, 1, 1));
		assertThat(encoder.encode(OLD_PASSWORD)).startsWith("{argon2@SpringSecurity_v5_8}$argon2id$v=19$m=8,t=1,p=1$");
		assertThat(encoder.matches(OLD_PASSWORD, OLD_HASH)).isTrue();
		assertThat(encoder.matches("correct horse battery stapler", OLD_HASH)).isFalse();
	}

	@Test
	void lessThanEightKibibytesPerLaneIsRefusedNamingTheSetting() {
		assertThatThrownBy(() -> new PasswordHashing(15, 2, 2)).isInstanceOfSatisfying(SettingRefused.class,
				refused -> {
					assertThat(refused.setting()).isEqualTo(PREFIX + ".memory-kib");
					assertThat(refused.getMessage()).contains("15 KiB with 2 lanes");
					assertThat(refused.action()).startsWith("at least 16");
				});
	}

	/** The settings as one properties file on the test class path gives them, and nothing else. */
	private static PasswordHashing bound(String file) throws IOException {
		List<PropertySource<?>> sources = new PropertiesPropertySourceLoader().load(file, new ClassPathResource(file));
		return new Binder(ConfigurationPropertySources.from(sources)).bindOrCreate(PREFIX, PasswordHashing.class);
	}

}

package ca.gagephysio.staff;

import ca.gagephysio.site.SettingRefused;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.validation.annotation.Validated;

/**
 * The work factor of every new Argon2id hash the back office stores: staff passwords, the temporary password behind a
 * one-time link, recovery codes ({@code clinic.staff.password-hashing.*}). The defaults, which
 * {@code application.properties} states as well, are exactly those of Spring Security's
 * {@link Argon2PasswordEncoder#defaultsForSpringSecurity_v5_8()}, the encoder the site used before this was a
 * setting: 16 MiB, 2 passes, 1 lane, a 16-byte salt and a 32-byte hash. Each hash records its own parameters
 * ({@code $argon2id$v=19$m=16384,t=2,p=1$...}), so a changed setting applies to new hashes only and every stored
 * hash still verifies, at the cost it was made with.
 *
 * <p>
 * A setting because the cost is a deployment's choice, not the code's: the test configuration lowers it to the
 * minimum, since the tests prove what is hashed and checked, not how slowly, and each fresh test account hashed about
 * a dozen values at the full cost ({@code docs/testing.md}). Production keeps the defaults; raise them (memory first,
 * as RFC 9106 advises) on a machine that can afford it, never lower them.
 *
 * @param memoryKib memory per hash, in KiB (1024 bytes); default 16384 (16 MiB); 8 to 4,194,304 (4 GiB), and at
 *     least 8 per lane
 * @param iterations passes over that memory; default 2; 1 to 100
 * @param parallelism lanes (Argon2's {@code p}); default 1; 1 to 16. Spring Security's encoder computes them one
 *     after another on the calling thread, so more lanes add work, not speed
 */
@Validated
@ConfigurationProperties("clinic.staff.password-hashing")
record PasswordHashing(@DefaultValue("16384") @Min(8) @Max(4_194_304) int memoryKib,
		@DefaultValue("2") @Min(1) @Max(100) int iterations, @DefaultValue("1") @Min(1) @Max(16) int parallelism) {

	/** Spring Security's Argon2 salt length since 5.8, in bytes. */
	static final int SALT_BYTES = 16;

	/** Spring Security's Argon2 hash length since 5.8, in bytes. */
	static final int HASH_BYTES = 32;

	/** Argon2's least memory per lane, in KiB (RFC 9106, section 3.1). */
	static final int MIN_KIB_PER_LANE = 8;

	/** @throws SettingRefused when {@code memoryKib} is less than 8 KiB per lane */
	PasswordHashing {
		if (memoryKib < MIN_KIB_PER_LANE * parallelism) {
			throw new SettingRefused("clinic.staff.password-hashing.memory-kib", "it is " + memoryKib + " KiB with "
					+ parallelism + " lanes, and Argon2 needs at least " + MIN_KIB_PER_LANE + " KiB per lane",
					"at least " + MIN_KIB_PER_LANE * parallelism + ", or the shipped 16384 (16 MiB)");
		}
	}

	/** Spring Security's Argon2id encoder with these parameters. */
	Argon2PasswordEncoder encoder() {
		return new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, parallelism, memoryKib, iterations);
	}

}

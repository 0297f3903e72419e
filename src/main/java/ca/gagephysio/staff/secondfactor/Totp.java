package ca.gagephysio.staff.secondfactor;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords as authenticator apps make them: RFC 6238 over RFC 4226's HOTP, with the parameters
 * every app supports (HMAC-SHA-1, 6 digits, a 30-second step counted from the Unix epoch), and one step of clock
 * drift accepted either way (RFC 6238 section 5.2). Keys are 160 random bits (RFC 4226 section 4 asks for at least
 * 128), written in Base32 (RFC 4648) for the app.
 *
 * <p>
 * Written here (about forty lines over {@link Mac}) rather than taken from a library: the two on Maven Central
 * ({@code dev.samstevens.totp}, {@code com.warrenstrange:googleauth}) have had no release for years, and both
 * answer only "valid or not", where accepting a code once only (OWASP ASVS 5.0 V6.5.1) needs the time step that
 * matched, to refuse it and every earlier one next time.
 */
public final class Totp {

	/** Seconds per step (RFC 6238 "X"). */
	public static final int STEP_SECONDS = 30;

	static final int DIGITS = 6;

	private static final int KEY_BYTES = 20;

	private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

	private static final SecureRandom RANDOM = new SecureRandom();

	private Totp() {
	}

	/** A new random key, 160 bits. */
	static byte[] newKey() {
		byte[] key = new byte[KEY_BYTES];
		RANDOM.nextBytes(key);
		return key;
	}

	/** The RFC 6238 time step of {@code instant}: whole 30-second periods since 1970-01-01T00:00:00Z. */
	public static long stepOf(Instant instant) {
		return Math.floorDiv(instant.getEpochSecond(), STEP_SECONDS);
	}

	/** The 6-digit code for time step {@code step} (RFC 4226 section 5.3, dynamic truncation). */
	public static String code(byte[] key, long step) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(key, "HmacSHA1"));
			byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
			int offset = hash[hash.length - 1] & 0x0f;
			int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
					| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
			return String.format("%06d", binary % 1_000_000);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA1 is part of every Java runtime", ex);
		}
	}

	/**
	 * The time step whose code {@code typed} is, among the step of {@code now} and one either side, that is later
	 * than {@code lastUsedStep}; empty if none. Spaces in what was typed are ignored; compared in constant time.
	 */
	static OptionalLong matchingStep(byte[] key, String typed, Instant now, long lastUsedStep) {
		String digits = typed == null ? "" : typed.replace(" ", "").strip();
		if (digits.length() != DIGITS) {
			return OptionalLong.empty();
		}
		long current = stepOf(now);
		for (long step = current - 1; step <= current + 1; step++) {
			if (step > lastUsedStep && MessageDigest.isEqual(code(key, step).getBytes(), digits.getBytes())) {
				return OptionalLong.of(step);
			}
		}
		return OptionalLong.empty();
	}

	/** Base32 without padding (RFC 4648 section 6), as authenticator apps expect the key. */
	static String base32(byte[] bytes) {
		StringBuilder out = new StringBuilder();
		int buffer = 0;
		int bits = 0;
		for (byte b : bytes) {
			buffer = (buffer << 8) | (b & 0xff);
			bits += 8;
			while (bits >= 5) {
				out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
				bits -= 5;
			}
		}
		if (bits > 0) {
			out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
		}
		return out.toString();
	}

	/** Reads Base32 as {@link #base32} writes it; spaces and case are ignored. */
	public static byte[] fromBase32(String text) {
		String clean = text.replace(" ", "").replace("=", "").toUpperCase(java.util.Locale.ROOT);
		ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
		int buffer = 0;
		int bits = 0;
		for (char c : clean.toCharArray()) {
			int value = BASE32.indexOf(c);
			if (value < 0) {
				throw new IllegalArgumentException("Not Base32");
			}
			buffer = (buffer << 5) | value;
			bits += 5;
			if (bits >= 8) {
				out.put((byte) (buffer >> (bits - 8)));
				bits -= 8;
			}
		}
		return out.array();
	}

}

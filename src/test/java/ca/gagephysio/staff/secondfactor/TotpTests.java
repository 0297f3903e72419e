package ca.gagephysio.staff.secondfactor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TotpTests {

	/** RFC 6238 appendix B's SHA-1 key, "12345678901234567890" in ASCII. */
	private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	@Test
	void makesTheCodesOfRfc6238AppendixBCutToSixDigits() {
		// appendix B lists 8 digits; the 6-digit code is their last six (the same truncation, modulo 10^6)
		assertThat(Totp.code(RFC_KEY, Totp.stepOf(Instant.ofEpochSecond(59)))).isEqualTo("287082");
		assertThat(Totp.code(RFC_KEY, Totp.stepOf(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
		assertThat(Totp.code(RFC_KEY, Totp.stepOf(Instant.ofEpochSecond(1234567890)))).isEqualTo("005924");
		assertThat(Totp.code(RFC_KEY, Totp.stepOf(Instant.ofEpochSecond(20000000000L)))).isEqualTo("353130");
	}

	@Test
	void acceptsOneStepOfDriftEitherWayButNotTwoNorAStepAlreadyUsed() {
		Instant now = Instant.ofEpochSecond(1111111109);
		long step = Totp.stepOf(now);
		assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step - 1), now, Long.MIN_VALUE)).hasValue(step - 1);
		assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step + 1), now, Long.MIN_VALUE)).hasValue(step + 1);
		assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step - 2), now, Long.MIN_VALUE)).isEmpty();
		assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step), now, step)).isEmpty();
		assertThat(Totp.matchingStep(RFC_KEY, "12 34", now, Long.MIN_VALUE)).isEmpty();
	}

	@Test
	void writesAndReadsBase32AsRfc4648SaysWithoutPadding() {
		assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
		assertThat(Totp.fromBase32("mzxw 6ytb oi")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
		byte[] key = Totp.newKey();
		assertThat(key).hasSize(20);
		assertThat(Totp.fromBase32(Totp.base32(key))).isEqualTo(key);
	}

}

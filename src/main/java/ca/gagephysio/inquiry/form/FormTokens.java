package ca.gagephysio.inquiry.form;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Issues and checks the one-time token every inquiry form carries: a random id and the time the form was shown,
 * signed with HMAC-SHA256. Nothing is stored when a form is shown (the public site keeps no session); the id is
 * recorded only when a post uses it, which is what makes it single-use.
 *
 * <p>
 * Format: {@code <id>.<shown-at epoch millis>.<signature>}, all URL-safe, so it is a plain hidden field.
 */
@Component
class FormTokens {

	private static final String ALGORITHM = "HmacSHA256";

	/** Longer than any token this class issues; anything bigger is not worth parsing. */
	private static final int MAX_TOKEN_LENGTH = 120;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final SecureRandom random = new SecureRandom();

	private final SecretKeySpec key;

	private final Duration lifetime;

	private final Duration minimumFillTime;

	private final Clock clock;

	FormTokens(InquiryFormProperties properties, FormTokenKey key, ObjectProvider<Clock> clock) {
		this.key = new SecretKeySpec(key.bytes(), ALGORITHM);
		this.lifetime = properties.tokenLifetime();
		this.minimumFillTime = properties.minimumFillTime();
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/** A token for a form shown now. */
	String issue() {
		return issue(clock.instant());
	}

	/** A token for a form shown at the given time (tests use it to stand for a person who took their time). */
	String issue(Instant shownAt) {
		byte[] id = new byte[16];
		random.nextBytes(id);
		String payload = ENCODER.encodeToString(id) + "." + shownAt.toEpochMilli();
		return payload + "." + ENCODER.encodeToString(sign(payload));
	}

	/** What a posted token says about the post. Never throws, whatever was posted. */
	Check check(String token) {
		if (token == null || token.length() > MAX_TOKEN_LENGTH) {
			return Check.forged();
		}
		int lastDot = token.lastIndexOf('.');
		int firstDot = token.indexOf('.');
		if (firstDot <= 0 || lastDot == firstDot) {
			return Check.forged();
		}
		String payload = token.substring(0, lastDot);
		byte[] signature;
		long shownAtMillis;
		try {
			signature = DECODER.decode(token.substring(lastDot + 1));
			shownAtMillis = Long.parseLong(token.substring(firstDot + 1, lastDot));
		}
		catch (IllegalArgumentException ex) {
			return Check.forged();
		}
		if (!MessageDigest.isEqual(sign(payload), signature)) {
			return Check.forged();
		}
		String id = token.substring(0, firstDot);
		Duration age = Duration.between(Instant.ofEpochMilli(shownAtMillis), clock.instant());
		if (age.compareTo(minimumFillTime) < 0) {
			return new Check(id, Verdict.TOO_FAST);
		}
		if (age.compareTo(lifetime) > 0) {
			return new Check(id, Verdict.EXPIRED);
		}
		return new Check(id, Verdict.GOOD);
	}

	/** How long a token can be used; a used token's record is kept at least this long. */
	Duration lifetime() {
		return lifetime;
	}

	private byte[] sign(String payload) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every Java runtime", ex);
		}
	}

	enum Verdict {

		GOOD(null), TOO_FAST("too-fast"), EXPIRED("expired-token"), FORGED("forged-token");

		/** Stored as the inquiry's spam reason. */
		final String spamReason;

		Verdict(String spamReason) {
			this.spamReason = spamReason;
		}

	}

	/**
	 * The outcome of checking a token.
	 *
	 * @param id the token's id if its signature is genuine (so it can be recorded as used), else {@code null}
	 * @param verdict whether the post looks like a person's
	 */
	record Check(String id, Verdict verdict) {

		static Check forged() {
			return new Check(null, Verdict.FORGED);
		}

		boolean signatureValid() {
			return id != null;
		}

		/** A person may reuse this token when the form comes back with errors. */
		boolean reusable() {
			return verdict == Verdict.GOOD || verdict == Verdict.TOO_FAST;
		}

	}

}

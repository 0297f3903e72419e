package ca.gagephysio.inquiry.form;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

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
 *
 * <p>
 * What a token says decides only between three outcomes, and only one of them is silent: a post without any token
 * is kept as spam, because a browser always sends the hidden field of the form it shows. Everything else a person
 * can cause by ordinary behaviour (a form left open for days, a tab restored after the signing key changed, autofill
 * and one quick tap) is taken, or comes back as the form with what they typed, to be sent again: see {@link Verdict}.
 *
 * <p>
 * New tokens are signed with the current key; a token signed with one of the keys it replaced
 * ({@code clinic.inquiry.token-previous-secrets}) is as good as one signed with it, so a form open while the key
 * changed is sent as it is. Each key is tried in turn, each comparison in constant time.
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

	/** Keys that only verify, {@link FormTokenKey#previous()}. */
	private final List<SecretKeySpec> previousKeys;

	private final Duration lifetime;

	private final Duration minimumFillTime;

	private final Clock clock;

	FormTokens(InquiryFormProperties properties, FormTokenKey key, ObjectProvider<Clock> clock) {
		this.key = new SecretKeySpec(key.bytes(), ALGORITHM);
		this.previousKeys = key.previous().stream().map(bytes -> new SecretKeySpec(bytes, ALGORITHM)).toList();
		this.lifetime = properties.tokenLifetime();
		this.minimumFillTime = properties.minimumFillTime();
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/** A token for a form shown now. */
	String issue() {
		return issue(clock.instant());
	}

	/**
	 * A token for a form that comes back to the person already filled in (to fix a mistake or to be sent again): it
	 * counts as shown {@code minimum-fill-time} ago, so pressing Send at once is not "faster than a person types".
	 * The person has filled the form once; making them wait again would only send it back a second time.
	 */
	String issueForFilledForm() {
		return issue(clock.instant().minus(minimumFillTime));
	}

	/** A token for a form shown at the given time (tests use it to stand for a person who took their time). */
	String issue(Instant shownAt) {
		byte[] id = new byte[16];
		random.nextBytes(id);
		String payload = ENCODER.encodeToString(id) + "." + shownAt.toEpochMilli();
		return payload + "." + ENCODER.encodeToString(sign(payload, key));
	}

	/** What a posted token says about the post. Never throws, whatever was posted. */
	Check check(String token) {
		if (token == null || token.isBlank()) {
			return new Check(null, Verdict.MISSING);
		}
		if (token.length() > MAX_TOKEN_LENGTH) {
			return Check.unverified();
		}
		int lastDot = token.lastIndexOf('.');
		int firstDot = token.indexOf('.');
		if (firstDot <= 0 || lastDot == firstDot) {
			return Check.unverified();
		}
		String payload = token.substring(0, lastDot);
		byte[] signature;
		long shownAtMillis;
		try {
			signature = DECODER.decode(token.substring(lastDot + 1));
			shownAtMillis = Long.parseLong(token.substring(firstDot + 1, lastDot));
		}
		catch (IllegalArgumentException ex) {
			return Check.unverified();
		}
		if (!signedByAnyKey(payload, signature)) {
			return Check.unverified();
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

	/**
	 * How long after the form was shown its token is taken ({@code clinic.inquiry.token-lifetime}); a used token's
	 * record is kept at least this long, which is what keeps a token single-use for its whole life.
	 */
	Duration lifetime() {
		return lifetime;
	}

	private boolean signedByAnyKey(String payload, byte[] signature) {
		if (MessageDigest.isEqual(sign(payload, key), signature)) {
			return true;
		}
		for (SecretKeySpec previous : previousKeys) {
			if (MessageDigest.isEqual(sign(payload, previous), signature)) {
				return true;
			}
		}
		return false;
	}

	private static byte[] sign(String payload, SecretKeySpec key) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every Java runtime", ex);
		}
	}

	/**
	 * What a token says about a post, and so what becomes of it. A genuine signature proves the form came from this
	 * site; its age alone proves nothing about who sent it (a bot can fetch a fresh form as easily as an old one),
	 * so age never makes a post spam.
	 */
	enum Verdict {

		/** Signed by us, shown at least {@code minimum-fill-time} and at most {@code token-lifetime} ago: taken. */
		GOOD(null),

		/**
		 * Sooner than {@code minimum-fill-time} after the form was shown (or "shown" later than now, by an instance
		 * whose clock runs ahead). Autofill and one tap can do that, so the form comes back with the same token,
		 * whose time keeps running: the next press goes through. A bot that posts at once stores nothing.
		 */
		TOO_FAST(null),

		/**
		 * Signed by us, but shown longer than {@code token-lifetime} ago (a tab restored after a week away): the form
		 * comes back with a new token, because an old token could not be kept single-use for ever.
		 */
		EXPIRED(null),

		/**
		 * A token that does not verify: signed with a key since changed, altered, or not one of ours at all. A tab
		 * open while the key changed sends such a token, so the form comes back with a new one.
		 */
		UNVERIFIED(null),

		/** No token at all. A browser always sends the form's hidden field: only a client that never loaded the form. */
		MISSING("forged-token");

		/** Stored as the inquiry's spam reason when the post is kept as spam, else {@code null}. */
		final String spamReason;

		Verdict(String spamReason) {
			this.spamReason = spamReason;
		}

		/** The form goes back to the person, with everything they typed, to be sent again. */
		boolean asksToSendAgain() {
			return this == TOO_FAST || this == EXPIRED || this == UNVERIFIED;
		}

	}

	/**
	 * The outcome of checking a token.
	 *
	 * @param id the token's id if its signature is genuine (so it can be recorded as used), else {@code null}
	 * @param verdict whether and how the post is taken
	 */
	record Check(String id, Verdict verdict) {

		static Check unverified() {
			return new Check(null, Verdict.UNVERIFIED);
		}

		boolean signatureValid() {
			return id != null;
		}

		/** A person may reuse this token when the form comes back: it is ours and still within its lifetime. */
		boolean reusable() {
			return verdict == Verdict.GOOD || verdict == Verdict.TOO_FAST;
		}

	}

}

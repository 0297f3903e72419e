package ca.gagephysio.notification;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signed unsubscribe tokens: {@code <address hash>.<HMAC-SHA256 of it>}, base64url without padding. The token names
 * the address only by its SHA-256 ({@link MailSuppression#hashOf}), so the link (which lands in access logs) does not
 * carry the address; the signature stops anyone from listing an address they do not receive mail at by guessing.
 * Tokens never expire: an unsubscribe link in an old email must still work (RFC 8058 section 3.1 asks the link to
 * keep working for a reasonable time; CASL s. 11(1)(b) for at least 60 days after sending). The key is generated once
 * into {@code mail_unsubscribe_key} (V85), so every instance and a restarted one accept each other's links.
 * Hand-written on the JDK's {@link Mac} because it is one HMAC and one comparison.
 */
@Component
class UnsubscribeTokens {

	private static final int KEY_ROW = 1;

	private static final Pattern TOKEN = Pattern.compile("([0-9a-f]{64})\\.([A-Za-z0-9_-]{43})");

	private final JdbcClient jdbc;

	private volatile byte[] key;

	UnsubscribeTokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The token for this address. */
	String tokenFor(String address) {
		String hash = MailSuppression.hashOf(address);
		return hash + "." + sign(hash);
	}

	/** The address hash the token names, if its signature is the clinic's; empty for anything else. */
	Optional<String> addressHashOf(String token) {
		if (token == null) {
			return Optional.empty();
		}
		var matcher = TOKEN.matcher(token);
		if (!matcher.matches()) {
			return Optional.empty();
		}
		byte[] expected = sign(matcher.group(1)).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, matcher.group(2).getBytes(StandardCharsets.US_ASCII))
				? Optional.of(matcher.group(1)) : Optional.empty();
	}

	/**
	 * The HMAC-SHA256 of a value under the clinic's mail key, base64url without padding (43 characters); also signs
	 * the reply address tokens ({@link ReplyAddressTokens}), which prefix what they sign so the two never overlap.
	 */
	String signatureOf(String value) {
		return sign(value);
	}

	private String sign(String hash) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key(), "HmacSHA256"));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(hash.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("every Java runtime has HmacSHA256", ex);
		}
	}

	private byte[] key() {
		byte[] known = key;
		if (known == null) {
			known = Base64.getUrlDecoder().decode(storedOrNewKey());
			key = known;
		}
		return known;
	}

	private String storedOrNewKey() {
		Optional<String> stored = storedKey();
		if (stored.isPresent()) {
			return stored.get();
		}
		byte[] generated = new byte[32];
		new SecureRandom().nextBytes(generated);
		String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(generated);
		try {
			jdbc.sql("insert into mail_unsubscribe_key (id, secret, created_at) values (?, ?, ?)")
				.params(KEY_ROW, secret, Timestamp.from(Instant.now()))
				.update();
			return secret;
		}
		catch (DuplicateKeyException raced) {
			// another instance generated it at the same moment: theirs it is
			return storedKey().orElseThrow();
		}
	}

	private Optional<String> storedKey() {
		return jdbc.sql("select secret from mail_unsubscribe_key where id = ?").param(KEY_ROW).query(String.class)
			.optional();
	}

}

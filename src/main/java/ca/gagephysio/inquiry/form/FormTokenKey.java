package ca.gagephysio.inquiry.form;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The key that signs inquiry form tokens. Set {@code clinic.inquiry.token-secret} to choose it; otherwise one is
 * generated at first start and kept in the database, so a restart (or another instance on the same database) does
 * not send back every form that was open at the time, to be sent again. Whoever can read the database can read the
 * inquiries themselves, so keeping the key beside them gives nothing away.
 *
 * <p>
 * The keys it replaced ({@code clinic.inquiry.token-previous-secrets}) still verify, so changing it does not send
 * back the forms open at the time either.
 */
@Component
class FormTokenKey {

	private static final Logger log = LoggerFactory.getLogger(FormTokenKey.class);

	private static final int ROW = 1;

	private final byte[] bytes;

	private final List<byte[]> previous;

	FormTokenKey(InquiryFormProperties properties, JdbcClient jdbc) {
		String configured = properties.tokenSecret();
		this.bytes = (configured != null && !configured.isBlank()) ? configured.getBytes(StandardCharsets.UTF_8)
				: storedOrNew(jdbc).getBytes(StandardCharsets.UTF_8);
		this.previous = properties.tokenPreviousSecrets()
			.stream()
			.filter(secret -> secret != null && !secret.isBlank())
			.map(secret -> secret.getBytes(StandardCharsets.UTF_8))
			.toList();
	}

	/** The key that signs new tokens. */
	byte[] bytes() {
		return bytes.clone();
	}

	/** Keys that only verify: those {@link #bytes()} replaced, in the order configured. */
	List<byte[]> previous() {
		return previous.stream().map(byte[]::clone).toList();
	}

	private static String storedOrNew(JdbcClient jdbc) {
		Optional<String> stored = stored(jdbc);
		if (stored.isPresent()) {
			return stored.get();
		}
		byte[] generated = new byte[32];
		new SecureRandom().nextBytes(generated);
		String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(generated);
		try {
			jdbc.sql("insert into inquiry_form_token_key (id, secret, created_at) values (?, ?, ?)")
				.params(ROW, secret, java.sql.Timestamp.from(Instant.now()))
				.update();
			log.info("Generated the inquiry form signing key and kept it in the database "
					+ "(set clinic.inquiry.token-secret to choose one yourself)");
			return secret;
		}
		catch (DuplicateKeyException raced) {
			// Another instance generated it at the same moment: use theirs.
			return stored(jdbc).orElseThrow();
		}
	}

	private static Optional<String> stored(JdbcClient jdbc) {
		return jdbc.sql("select secret from inquiry_form_token_key where id = ?").param(ROW).query(String.class).optional();
	}

}

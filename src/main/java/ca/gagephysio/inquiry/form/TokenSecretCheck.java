package ca.gagephysio.inquiry.form;

import ca.gagephysio.site.SettingRefused;

import org.springframework.stereotype.Component;

/**
 * Refuses to start with a {@code clinic.inquiry.token-secret} too short to keep the form's tokens from being forged
 * (HMAC-SHA256 wants a key of at least 32 bytes, RFC 2104 section 3): anyone who guessed it could sign tokens that
 * get a spam run past the form's checks. The message never repeats the secret. Left empty, a random key is made once
 * and kept in the database ({@link FormTokenKey}), which is the better choice.
 */
@Component
class TokenSecretCheck {

	static final int MIN_LENGTH = 32;

	TokenSecretCheck(InquiryFormProperties properties) {
		String secret = properties.tokenSecret();
		if (secret != null && !secret.isBlank() && secret.strip().length() < MIN_LENGTH) {
			throw new SettingRefused("clinic.inquiry.token-secret", "it has " + secret.strip().length()
					+ " characters; a key that signs the form's tokens needs at least " + MIN_LENGTH + ".",
					"Leave it empty (a random key is made and kept in the database) or set it to at least " + MIN_LENGTH
							+ " random characters, e.g. from `openssl rand -base64 32`.");
		}
	}

}

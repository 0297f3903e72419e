package ca.gagephysio.staff.secondfactor;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts authenticator-app keys at rest with AES-256-GCM (NIST SP 800-38D: a random 96-bit nonce per key, stored
 * before the ciphertext, a 128-bit tag, the table name as associated data), Base64 in the column, under
 * {@code clinic.staff.totp-key}; and decrypts with that key or any of {@code clinic.staff.totp-previous-keys}, so the
 * key can be changed without making every enrolled app unreadable. GCM's tag tells a wrong key from the right one,
 * so no key id needs storing: each configured key is tried in turn, the current one first.
 *
 * <p>
 * Over the JDK's {@link Cipher} rather than Spring Security Crypto's {@code AesBytesEncryptor}: the rows already
 * stored have this layout (12-byte nonce, associated data), which that encryptor (16-byte IV, no associated data)
 * cannot read, and it would add nothing but a second layout to support.
 */
public final class AppKeyEncryption {

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final int KEY_BYTES = 32;

	private static final byte[] ASSOCIATED_DATA = "staff_totp".getBytes(StandardCharsets.US_ASCII);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec current;

	private final List<SecretKeySpec> previous;

	/**
	 * @param currentKey the key that encrypts, 32 bytes in Base64 ({@code clinic.staff.totp-key})
	 * @param previousKeys keys that only decrypt, each 32 bytes in Base64; blank entries are ignored
	 * @throws IllegalStateException naming the setting, when a key is missing, not Base64 or not 32 bytes
	 */
	AppKeyEncryption(String currentKey, List<String> previousKeys) {
		this.current = key(currentKey, "clinic.staff.totp-key");
		List<SecretKeySpec> keys = new ArrayList<>();
		for (String previousKey : previousKeys == null ? List.<String>of() : previousKeys) {
			if (previousKey != null && !previousKey.isBlank()) {
				keys.add(key(previousKey, "clinic.staff.totp-previous-keys"));
			}
		}
		this.previous = List.copyOf(keys);
	}

	/** What a stored key turned out to be. */
	record Decrypted(byte[] plain, boolean underCurrentKey) {
	}

	/** {@code plain} encrypted under the current key, as stored. */
	String encrypt(byte[] plain) {
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			RANDOM.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, current, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(ASSOCIATED_DATA);
			byte[] sealed = cipher.doFinal(plain);
			byte[] out = new byte[nonce.length + sealed.length];
			System.arraycopy(nonce, 0, out, 0, nonce.length);
			System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
			return Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is part of every Java runtime", ex);
		}
	}

	/**
	 * The stored key decrypted by the first configured key that opens it (the current one first), with whether that
	 * was the current one; empty when none does (or the stored text is not ours at all).
	 */
	Optional<Decrypted> decrypt(String stored) {
		byte[] in;
		try {
			in = Base64.getDecoder().decode(stored);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (in.length <= NONCE_BYTES) {
			return Optional.empty();
		}
		Optional<byte[]> plain = decrypt(in, current);
		if (plain.isPresent()) {
			return Optional.of(new Decrypted(plain.get(), true));
		}
		for (SecretKeySpec key : previous) {
			plain = decrypt(in, key);
			if (plain.isPresent()) {
				return Optional.of(new Decrypted(plain.get(), false));
			}
		}
		return Optional.empty();
	}

	private static Optional<byte[]> decrypt(byte[] in, SecretKeySpec key) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
			cipher.updateAAD(ASSOCIATED_DATA);
			return Optional.of(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES));
		}
		catch (AEADBadTagException wrongKey) {
			return Optional.empty();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is part of every Java runtime", ex);
		}
	}

	private static SecretKeySpec key(String base64, String setting) {
		if (base64 == null || base64.isBlank()) {
			throw new IllegalStateException(setting + " is not set: it must be 32 bytes in Base64 (AES-256), "
					+ "e.g. from `openssl rand -base64 32`");
		}
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(setting + " holds a key that is not Base64: each key must be 32 bytes "
					+ "in Base64 (AES-256), e.g. from `openssl rand -base64 32`", ex);
		}
		if (bytes.length != KEY_BYTES) {
			throw new IllegalStateException(setting + " holds a key of " + bytes.length + " bytes: each key must be "
					+ KEY_BYTES + " bytes in Base64 (AES-256), e.g. from `openssl rand -base64 32`");
		}
		return new SecretKeySpec(bytes, "AES");
	}

}

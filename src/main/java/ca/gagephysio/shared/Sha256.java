package ca.gagephysio.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 (FIPS 180-4) of a text's UTF-8 bytes, as 64 lower-case hex digits: how the site keys a value it must
 * recognise again without storing it (an address on the suppression list, a session that raised its account's epoch)
 * or one too long for a unique column (an email's Message-ID). Written with the JDK's {@link MessageDigest} because
 * no library on the class path gives it in one call (Spring's {@code DigestUtils} has MD5 only, and Commons Codec is
 * not a dependency).
 */
public final class Sha256 {

	private Sha256() {
	}

	/**
	 * The digest of {@code text}, in lower-case hex.
	 *
	 * @param text any text, encoded as UTF-8 before it is digested
	 * @return 64 hex digits
	 */
	public static String hex(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException impossible) {
			// every Java platform has SHA-256 (java.security.MessageDigest's Javadoc)
			throw new IllegalStateException(impossible);
		}
	}

}

package ca.gagephysio.site.cache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * One page of {@link PageCache} in both encodings.
 *
 * @param identity the UTF-8 text
 * @param gzip the same, gzipped
 * @param etag a weak ETag: the two encodings are the same page, and Tomcat leaves weak-tagged responses alone
 */
record RenderedPage(byte[] identity, byte[] gzip, String etag) {

	static RenderedPage of(String text) {
		byte[] identity = text.getBytes(StandardCharsets.UTF_8);
		return new RenderedPage(identity, gzip(identity), "W/\"" + digest(identity) + "\"");
	}

	byte[] body(boolean gzipped) {
		return gzipped ? gzip : identity;
	}

	private static byte[] gzip(byte[] bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
		try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
			{
				def.setLevel(Deflater.BEST_COMPRESSION);
			}
		}) {
			gzip.write(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static String digest(byte[] bytes) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
			return HexFormat.of().formatHex(hash, 0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

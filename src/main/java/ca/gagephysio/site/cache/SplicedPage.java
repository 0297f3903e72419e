package ca.gagephysio.site.cache;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A page of {@link PageCache} that differs per request in one place (the inquiry form's one-time token and lead
 * source): kept as the bytes before and after that place, each already compressed, so a request costs two array
 * copies and a checksum, never a compression of the whole page.
 * <p>
 * Why not gzip the spliced page per request: at the highest level that is most of the cost of the request (the
 * form is about 15 KB), and even the fastest level allocates a compressor per request. A gzip member is a sequence of
 * deflate blocks with a CRC-32 and the length at the end (RFC 1951, RFC 1952), and deflate blocks of separately
 * compressed parts can follow one another as long as each part ends on a byte boundary and only the last is marked
 * final. So: the part before is compressed once and flushed with {@link Deflater#SYNC_FLUSH} (byte-aligned, not
 * final); the request's text goes in as a stored (uncompressed) block, which needs no compressor; the part after is
 * compressed once on its own (its back-references reach only into itself) and finished. Per request only the CRC-32 of
 * the whole text is computed (intrinsic, a few microseconds for the form). Browsers and
 * {@link java.util.zip.GZIPInputStream} read it as one ordinary gzip body; the tests check that.
 */
final class SplicedPage {

	/** A gzip header: deflate, no name, no time stamp, unknown operating system. */
	private static final byte[] GZIP_HEADER = { 0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff };

	/** The most a stored deflate block holds. */
	private static final int MAX_STORED = 65_535;

	private final byte[] before;

	private final byte[] after;

	private final byte[] beforeDeflated;

	private final byte[] afterDeflated;

	private SplicedPage(byte[] before, byte[] after) {
		this.before = before;
		this.after = after;
		this.beforeDeflated = deflate(before, false);
		this.afterDeflated = deflate(after, true);
	}

	/** Splits a rendered page where {@code marker} is; the marker must appear exactly once. */
	static SplicedPage of(String html, String marker) {
		int at = html.indexOf(marker);
		if (at < 0 || html.indexOf(marker, at + 1) >= 0) {
			throw new IllegalStateException("The page must contain its splice marker exactly once");
		}
		return new SplicedPage(html.substring(0, at).getBytes(StandardCharsets.UTF_8),
				html.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8));
	}

	byte[] identity(byte[] middle) {
		byte[] page = Arrays.copyOf(before, before.length + middle.length + after.length);
		System.arraycopy(middle, 0, page, before.length, middle.length);
		System.arraycopy(after, 0, page, before.length + middle.length, after.length);
		return page;
	}

	byte[] gzip(byte[] middle) {
		int blocks = Math.max(1, (middle.length + MAX_STORED - 1) / MAX_STORED);
		ByteArrayOutputStream out = new ByteArrayOutputStream(GZIP_HEADER.length + beforeDeflated.length
				+ middle.length + 5 * blocks + afterDeflated.length + 8);
		out.writeBytes(GZIP_HEADER);
		out.writeBytes(beforeDeflated);
		int offset = 0;
		do {
			int length = Math.min(MAX_STORED, middle.length - offset);
			// a stored block: BFINAL 0, BTYPE 00 (the rest of the byte is padding), LEN and its one's complement
			out.write(0);
			out.write(length & 0xff);
			out.write(length >>> 8);
			out.write(~length & 0xff);
			out.write((~length >>> 8) & 0xff);
			out.write(middle, offset, length);
			offset += length;
		}
		while (offset < middle.length);
		out.writeBytes(afterDeflated);
		CRC32 crc = new CRC32();
		crc.update(before);
		crc.update(middle);
		crc.update(after);
		writeInt(out, (int) crc.getValue());
		writeInt(out, before.length + middle.length + after.length);
		return out.toByteArray();
	}

	/**
	 * Raw deflate (no zlib wrapper) at the highest level. The last part is finished (its last block is marked final);
	 * any other is sync-flushed, so it ends on a byte boundary with no block marked final.
	 */
	private static byte[] deflate(byte[] bytes, boolean last) {
		Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
		try {
			deflater.setInput(bytes);
			if (last) {
				deflater.finish();
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
			byte[] buffer = new byte[8192];
			int n;
			do {
				n = deflater.deflate(buffer, 0, buffer.length, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
				out.write(buffer, 0, n);
			}
			while (last ? !deflater.finished() : n == buffer.length);
			return out.toByteArray();
		}
		finally {
			deflater.end();
		}
	}

	/** Little-endian, as gzip's trailer wants. */
	private static void writeInt(ByteArrayOutputStream out, int value) {
		out.write(value);
		out.write(value >>> 8);
		out.write(value >>> 16);
		out.write(value >>> 24);
	}

}

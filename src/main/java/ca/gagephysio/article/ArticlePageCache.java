package ca.gagephysio.article;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import ca.gagephysio.team.ClinicianChanged;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Article pages as they leave the server: the fully rendered HTML, once as is and once gzipped at the highest
 * level, with a weak ETag. A request for a cached article costs no query, no templating and no compression, which
 * is what lets the page keep up with a static file server. Entries are dropped whenever an article
 * changes (see {@link ArticleChangeListener}) or a clinician does.
 */
@Component
class ArticlePageCache {

	private final Map<String, RenderedPage> pages = new ConcurrentHashMap<>();

	/** Moves on at every eviction, so a page rendered from data read before a change is never stored after it. */
	private final AtomicLong generation = new AtomicLong();

	RenderedPage get(String slug, Supplier<String> render) {
		RenderedPage page = pages.get(slug);
		if (page != null) {
			return page;
		}
		long before = generation.get();
		page = RenderedPage.of(render.get());
		if (generation.get() == before) {
			pages.put(slug, page);
		}
		return page;
	}

	void evictAll() {
		generation.incrementAndGet();
		pages.clear();
	}

	/** Every article page shows its author's name, title and bio summary. */
	@EventListener
	void clinicianChanged(ClinicianChanged event) {
		evictAll();
	}

	/**
	 * One page in both encodings.
	 *
	 * @param identity the UTF-8 HTML
	 * @param gzip the same, gzipped
	 * @param etag a weak ETag: the two encodings are the same page, and Tomcat leaves weak-tagged responses alone
	 */
	record RenderedPage(byte[] identity, byte[] gzip, String etag) {

		static RenderedPage of(String html) {
			byte[] identity = html.getBytes(java.nio.charset.StandardCharsets.UTF_8);
			return new RenderedPage(identity, gzip(identity), "W/\"" + digest(identity) + "\"");
		}

		byte[] body(boolean gzipped) {
			return gzipped ? gzip : identity;
		}

		private static byte[] gzip(byte[] bytes) {
			ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3);
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

}

package ca.gagephysio.article;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import ca.gagephysio.site.ClinicFactsChanged;
import ca.gagephysio.team.ClinicianChanged;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Article pages as they leave the server: the fully rendered HTML, once as is and once gzipped at the highest
 * level, with a weak ETag. A request for a cached article costs no query, no templating and no compression, which
 * is what lets the page keep up with a static file server. Entries are dropped whenever an article
 * changes (see {@link ArticleChangeListener}), a clinician does, or the clinic's facts do.
 * <p>
 * A scheduled article changes pages without any write at its time: it appears, and it joins its category's related
 * articles on the others. So the cache also knows the next instant at which a scheduled article goes public, and
 * drops everything on the first request at or after it. That costs one clock reading per request, is exact to the
 * request, follows the injectable {@link Clock} in tests, and needs no job (which could run late, or on every
 * instance of the site at once). The instant is looked up again after every eviction, since an edit may have
 * scheduled something.
 */
@Component
class ArticlePageCache {

	private final Map<String, RenderedPage> pages = new ConcurrentHashMap<>();

	/** Moves on at every eviction, so a page rendered from data read before a change is never stored after it. */
	private final AtomicLong generation = new AtomicLong();

	/** Lazily: the repository's entity manager uses {@link ArticleChangeListener}, which uses this cache. */
	private final ObjectProvider<Schedule> schedule;

	private final Clock clock;

	/** When the next scheduled article goes public ({@link Instant#MAX} if none); {@code null} until looked up. */
	private volatile Instant refreshAt;

	ArticlePageCache(ObjectProvider<Schedule> schedule, ObjectProvider<Clock> clock) {
		this.schedule = schedule;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	RenderedPage get(String slug, Supplier<String> render) {
		Instant due = refreshAt;
		if (due == null || !clock.instant().isBefore(due)) {
			refresh();
		}
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
		refreshAt = null;
	}

	/** Drops every page if a scheduled time has passed, and learns the next one. */
	private synchronized void refresh() {
		Instant now = clock.instant();
		Instant due = refreshAt;
		if (due != null && now.isBefore(due)) {
			return;
		}
		if (due != null) {
			evictAll();
		}
		long before = generation.get();
		Instant next = schedule.getObject().findNextScheduledAfter(now).orElse(Instant.MAX);
		// An article changed while we looked: leave it unknown, so the next request looks again after the commit.
		if (generation.get() == before) {
			refreshAt = next;
		}
	}

	/** Every article page shows its author's name, title and bio summary. */
	@EventListener
	void clinicianChanged(ClinicianChanged event) {
		evictAll();
	}

	/** Every article page shows the clinic's name, phone, address and hours (header, footer, JSON-LD). */
	@EventListener
	void clinicFactsChanged(ClinicFactsChanged event) {
		evictAll();
	}

	/**
	 * When scheduled articles go public; implemented by {@link ArticleRepository}.
	 */
	interface Schedule {

		/** The earliest time still to come at which a scheduled article goes public, if any is scheduled. */
		Optional<Instant> findNextScheduledAfter(Instant now);

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

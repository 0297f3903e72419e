package ca.gagephysio.shared;

import java.util.Arrays;
import java.util.Set;

/**
 * Something readers see on the public site changed. Every feature with public content publishes it (articles,
 * clinicians, the clinic's facts, the fees) in the transaction that makes the change, and {@code site.cache.ContentVersion} is
 * its one listener: inside that transaction it moves the shared content version, so every other instance drops its
 * pages when the change commits (and never for one rolled back), and once the transaction has ended it drops this
 * instance's {@code site.cache.PageCache}.
 * <p>
 * Publish it inside the writing transaction: from a {@code @Transactional} service method, or from a JPA entity
 * listener as articles and clinicians do, which hears every write however it was made. Published outside a
 * transaction it takes effect at once. Publish it too when content will change later at a known time (an article
 * scheduled): the cache then asks the {@code site.cache.PageCache.ChangeSchedule}s for the new time, on this instance and, through
 * the version, on the others.
 *
 * @param kind what changed, a short lowercase name for logs ({@code article}, {@code clinician},
 * {@code clinic facts}); a name rather than an enum, so a new feature publishes it without editing this module
 * @param paths the public addresses of the changed content itself, such as {@code /articles/back-pain}, each
 * starting with {@code /}; empty when it shows on every page ({@link #onEveryPage()}: the clinic's facts are in every
 * footer). Pages that only list or mention the content (the home page, lists, the feed, the sitemap, bylines) are not
 * named: the page cache drops every page on any change anyway (see {@code site.cache.PageCache} for why)
 */
public record PublicContentChanged(String kind, Set<String> paths) {

	/**
	 * @throws IllegalArgumentException if {@code kind} is blank or a path does not start with {@code /}
	 */
	public PublicContentChanged {
		if (kind == null || kind.isBlank()) {
			throw new IllegalArgumentException("What kind of content changed must be named");
		}
		paths = Set.copyOf(paths);
		for (String path : paths) {
			if (!path.startsWith("/")) {
				throw new IllegalArgumentException("Not a path on this site: " + path);
			}
		}
	}

	/** A change that shows on every public page, such as the clinic's phone number in every footer. */
	public static PublicContentChanged everyPage(String kind) {
		return new PublicContentChanged(kind, Set.of());
	}

	/**
	 * A change to the content at these addresses (and on whatever lists or mentions it).
	 * @throws IllegalArgumentException without any path: use {@link #everyPage(String)}
	 */
	public static PublicContentChanged at(String kind, String... paths) {
		if (paths.length == 0) {
			throw new IllegalArgumentException("No path given; a change on every page is everyPage");
		}
		return new PublicContentChanged(kind, Set.copyOf(Arrays.asList(paths)));
	}

	/** Whether the change shows on every public page rather than at {@link #paths()}. */
	public boolean onEveryPage() {
		return paths.isEmpty();
	}

}

package ca.gagephysio.site.seo;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A public page a feature publishes, as the sitemap, the Atom feed and the home page need to know it.
 *
 * @param path path on this site, such as {@code /articles/massage-for-back-pain}
 * @param title the page's title
 * @param summary one or two sentences about it
 * @param published the day it was first published
 * @param updated when it last changed
 * @param authorName who wrote it, or {@code null} for pages without an author
 * @param healthTip true for Health Tips articles: they go in the feed and on the home page
 */
public record PublishedPage(String path, String title, String summary, LocalDate published, Instant updated,
		String authorName, boolean healthTip) {
}

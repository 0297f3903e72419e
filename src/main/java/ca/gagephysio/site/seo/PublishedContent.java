package ca.gagephysio.site.seo;

import java.util.List;
import java.util.Map;

/**
 * Implemented by each feature with public pages (articles, team), so the site's home page, sitemap and feed list
 * them without the site module depending on any feature.
 */
public interface PublishedContent {

	List<PublishedPage> publishedPages();

	/**
	 * Each former address of a page of this feature (one that moved, such as an article whose slug changed) with the
	 * page's address now, so that figures stored under the old address are counted with the page itself. A former
	 * address is never given to another page. Empty for a feature whose pages never move.
	 */
	default Map<String, String> formerPaths() {
		return Map.of();
	}

}

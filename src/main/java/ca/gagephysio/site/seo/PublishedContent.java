package ca.gagephysio.site.seo;

import java.util.List;

/**
 * Implemented by each feature with public pages (articles, team), so the site's home page, sitemap and feed list
 * them without the site module depending on any feature.
 */
public interface PublishedContent {

	List<PublishedPage> publishedPages();

}

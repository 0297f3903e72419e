package ca.gagephysio.site.cache;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Told of every public page a reader was sent whole: a {@code GET} answered 200 with an HTML page of the
 * {@link PageCache} (home, Health Tips list and articles, team and bios, privacy, the inquiry form), whether it came
 * from the kept response or was rendered for this request. Not told of a {@code HEAD}, a {@code POST}, a 304, an
 * error, a redirect, the feed, the sitemap, {@code robots.txt}, static files or any back-office page. Published by
 * the site so a feature can count page views (the {@code visits} module) without the site knowing it.
 * <p>
 * Called on the request's own thread by {@link CachedPageFilter}, after the response is written, for every such
 * request: an implementation must be quick (no I/O, no lock held for long) and must not throw, since it runs on the
 * path that keeps the cached pages near a static file server's speed.
 */
public interface PageViewListener {

	/**
	 * A reader was sent a public page.
	 *
	 * @param request the request, to read its headers from (never its body)
	 * @param path the page's address without its query string, e.g. {@code /articles/massage-for-back-pain}: the
	 * page's own key, so odd spellings of an address and query strings never make another page
	 */
	void pageViewed(HttpServletRequest request, String path);

}

package ca.gagephysio.site;

import java.util.List;

/**
 * What the shared layout needs to know about a page: its title and description for people and search engines,
 * its canonical path, the Open Graph type, breadcrumbs and the page's JSON-LD (already serialised by
 * {@link ca.gagephysio.site.seo.StructuredData}). Controllers put one in the model as {@code page}; texts are
 * already resolved from the message files.
 *
 * @param title the unique {@code <title>}
 * @param description the meta description
 * @param path the canonical path on this site, such as {@code /articles/massage-for-back-pain}
 * @param ogType Open Graph type: {@code website}, {@code article} or {@code profile}
 * @param imagePath path of the share image, or {@code null} for the site default
 * @param breadcrumbs the trail from Home to this page, last one being this page; empty on the home page
 * @param jsonLd the page's JSON-LD {@code @graph}, or {@code null}
 * @param indexable false for pages search engines should leave out (errors, form states, staff pages)
 */
public record PageMeta(String title, String description, String path, String ogType, String imagePath,
		List<Breadcrumb> breadcrumbs, String jsonLd, boolean indexable) {

	/** The share image used when a page has none of its own: Open Graph wants a raster image. */
	public static final String DEFAULT_IMAGE = "/img/share.png";

	public static PageMeta of(String title, String description, String path) {
		return new PageMeta(title, description, path, "website", null, List.of(), null, true);
	}

	/** The {@code <title>}: the page's own title followed by the site's name, unless it already names the site. */
	public String titleWith(String siteName) {
		return title.contains(siteName) ? title : title + " | " + siteName;
	}

	/** The page's share image, or the site's default one. */
	public String image() {
		return imagePath != null ? imagePath : DEFAULT_IMAGE;
	}

	public PageMeta withBreadcrumbs(List<Breadcrumb> trail) {
		return new PageMeta(title, description, path, ogType, imagePath, List.copyOf(trail), jsonLd, indexable);
	}

	public PageMeta withJsonLd(String json) {
		return new PageMeta(title, description, path, ogType, imagePath, breadcrumbs, json, indexable);
	}

	public PageMeta withOgType(String type, String image) {
		return new PageMeta(title, description, path, type, image, breadcrumbs, jsonLd, indexable);
	}

	public PageMeta notIndexed() {
		return new PageMeta(title, description, path, ogType, imagePath, breadcrumbs, jsonLd, false);
	}

	/**
	 * One step of a breadcrumb trail.
	 *
	 * @param name the visible name
	 * @param path the path it links to
	 */
	public record Breadcrumb(String name, String path) {
	}

}

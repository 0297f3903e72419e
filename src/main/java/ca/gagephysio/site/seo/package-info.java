/**
 * What search engines and feed readers read: each page's structured data (JSON-LD), the sitemap, robots.txt and the
 * Atom feed, and the {@link ca.gagephysio.site.seo.PublishedContent} features implement to be listed there.
 */
@org.springframework.modulith.NamedInterface("seo")
package ca.gagephysio.site.seo;

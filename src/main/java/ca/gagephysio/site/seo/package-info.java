/**
 * What search engines and feed readers read: each page's structured data (JSON-LD), the sitemap, robots.txt and the
 * Atom feed, and the {@link ca.gagephysio.site.seo.PublishedContent} features implement to be listed there (and
 * {@link ca.gagephysio.site.seo.ClinicOffers}, through which the fees put the clinic's prices in its structured data,
 * and {@link ca.gagephysio.site.seo.NextOpenings}, through which the availability puts the next new-client opening).
 */
@org.springframework.modulith.NamedInterface("seo")
package ca.gagephysio.site.seo;

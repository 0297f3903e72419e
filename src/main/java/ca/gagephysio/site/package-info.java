/**
 * The site shell every feature sits in: clinic facts and how phone numbers are read in the clinic's country, the
 * shared page model, the cache every public page is served from ({@link ca.gagephysio.site.PageCache}), security
 * headers, error pages, the home and privacy pages, and what search engines read (structured data, sitemap,
 * robots.txt, the Atom feed).
 */
package ca.gagephysio.site;

/**
 * The web shell every feature sits in: the shared page model ({@link ca.gagephysio.site.PageMeta}) and layout advice,
 * back-office form errors, the home and privacy pages, the start-up settings checks, the reply-to address and the
 * scheduled jobs' locks. Its parts: the page cache and its front door ({@code site.cache}), what search engines read
 * ({@code site.seo}), error pages ({@code site.error}), and security headers and request filters ({@code site.http}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "clinic", "shared" })
package ca.gagephysio.site;

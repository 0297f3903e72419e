/**
 * The cache every public page is served from ({@link ca.gagephysio.site.cache.PageCache}), its front door that answers
 * before Spring Security and Spring MVC, the number that carries a change to the other instances
 * ({@link ca.gagephysio.site.cache.ContentVersion}), and the page-view hook a feature may implement.
 */
@org.springframework.modulith.NamedInterface("cache")
package ca.gagephysio.site.cache;

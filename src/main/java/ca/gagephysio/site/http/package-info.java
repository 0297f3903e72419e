/**
 * The public side of the site's security and the filters every request passes: security headers, the one canonical
 * host, forms and uploads read or refused before Spring Security, and the request timer.
 */
@org.springframework.modulith.NamedInterface("http")
package ca.gagephysio.site.http;

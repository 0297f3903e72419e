/**
 * Error pages: every error, whether raised by the application or refused by Tomcat itself, answered as a page in the
 * site's layout, never a stack trace; {@link ca.gagephysio.site.error.NotFoundException} for missing content.
 */
@org.springframework.modulith.NamedInterface("error")
package ca.gagephysio.site.error;

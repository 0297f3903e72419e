/**
 * The site shell every feature sits in: clinic facts, the shared page model, security headers and error pages.
 */
package ca.gagephysio.site;

/**
 * The real-browser suite: Debian's Chromium driven by Selenium, axe-core and the Nu HTML Checker, run by
 * {@code ./mvnw -Pbrowser test}.
 */
package ca.gagephysio.browser;

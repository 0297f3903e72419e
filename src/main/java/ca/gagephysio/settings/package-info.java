/**
 * The clinic's facts edited by an administrator at {@code /staff/settings}: the form, its checks and the back-office
 * notice while the shipped sample values are still in force. The facts themselves live in {@code site}
 * ({@link ca.gagephysio.site.ClinicFacts}), which every reader asks.
 */
package ca.gagephysio.settings;

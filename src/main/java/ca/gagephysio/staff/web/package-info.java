/**
 * The back office's shell for every module: its layout, page titles, error pages and web settings.
 */
package ca.gagephysio.staff.web;

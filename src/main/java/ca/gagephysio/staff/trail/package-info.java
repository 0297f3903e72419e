/**
 * The access trail: who opened, changed or exported what, stored append-only, and the page that reads it.
 */
package ca.gagephysio.staff.trail;

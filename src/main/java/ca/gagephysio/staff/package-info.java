/**
 * Staff accounts, sign-in and the append-only access trail that PHIPA expects.
 */
package ca.gagephysio.staff;

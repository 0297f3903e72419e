/**
 * Staff accounts, sign-in with throttling, password rules, user management and the stored access trail.
 */
package ca.gagephysio.staff.internal;

/**
 * Staff sessions: ending them when the account changes or time is up, what they carry through a sign-in (form
 * drafts), and the settings they depend on.
 */
package ca.gagephysio.staff.session;

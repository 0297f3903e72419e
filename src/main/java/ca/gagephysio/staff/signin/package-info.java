/**
 * Signing in with a password: the sign-in page, what a sign-in records and starts, and the throttle every attempt
 * is counted by.
 */
package ca.gagephysio.staff.signin;

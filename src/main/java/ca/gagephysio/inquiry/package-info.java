/**
 * The 35-second cost-and-availability inquiry: the public form, spam control, storage and the staff inbox.
 */
package ca.gagephysio.inquiry;

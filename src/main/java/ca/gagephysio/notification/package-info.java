/**
 * Tells the front desk (and the person who asked) about new inquiries by email, through a transactional outbox.
 */
package ca.gagephysio.notification;

/**
 * Writing articles in the back office on {@code /staff/articles}: the editor and its form, revisions and their
 * differences, the quality check before publishing, scheduling and the review reminders.
 */
package ca.gagephysio.article.staff;

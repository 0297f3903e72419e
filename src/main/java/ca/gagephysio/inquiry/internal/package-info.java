/**
 * The stored inquiry, shared by the public form and the staff inbox; not for other modules.
 */
package ca.gagephysio.inquiry.internal;

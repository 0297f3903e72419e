/**
 * Reply templates an administrator keeps at {@code /staff/templates}, and the placeholders their text may use.
 */
package ca.gagephysio.inquiry.reply;

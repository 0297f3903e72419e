/**
 * The public 35-second inquiry form: validation, the signed one-time token, spam and flood control, lead source and
 * consent recording, and storing the inquiry before the person sees the confirmation.
 */
package ca.gagephysio.inquiry.form;

/**
 * The second factor: authenticator apps (TOTP, keys encrypted at rest), recovery codes, passkeys (the WebAuthn
 * relying party), the rule every back-office route applies, and the pages that set them up.
 */
package ca.gagephysio.staff.secondfactor;

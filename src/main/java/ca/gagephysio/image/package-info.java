/**
 * Uploaded pictures (clinicians' photos, article images): checked to really be a JPEG, PNG or WebP, re-encoded
 * without metadata, stored with their resized variants and served under content-hashed URLs.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "site :: error", "staff" })
package ca.gagephysio.image;

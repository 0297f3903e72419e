/**
 * Staff accounts, sign-in and the append-only access trail that PHIPA expects.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "clinic", "site", "site :: http" })
package ca.gagephysio.staff;

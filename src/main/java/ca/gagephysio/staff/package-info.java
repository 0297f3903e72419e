/**
 * Staff accounts, sign-in and the append-only access trail that PHIPA expects; the back office's door, which opens
 * only the pages a module declared ({@link ca.gagephysio.staff.BackOfficePages}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "clinic", "site", "site :: http" })
package ca.gagephysio.staff;

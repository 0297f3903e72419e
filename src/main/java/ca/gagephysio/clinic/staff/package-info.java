/**
 * The clinic's facts edited by an administrator at {@code /staff/settings}: the form, its checks and the back-office
 * notice while the shipped sample values are still in force. A nested module: it uses the staff module (access
 * trail, staff notices), which itself reads {@link ca.gagephysio.clinic.ClinicFacts}, so the form cannot be part of
 * the {@code clinic} module itself without a cycle.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Clinic facts form",
		allowedDependencies = { "clinic", "shared", "site", "staff" })
package ca.gagephysio.clinic.staff;

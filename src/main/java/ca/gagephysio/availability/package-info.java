/**
 * The next opening for new clients: set by the front desk at {@code /staff/availability} (overall or per
 * clinician), shown on the inquiry form and the articles' call to action through {@link
 * ca.gagephysio.availability.NewClientOpenings} until its day has passed, never on a day the clinic is closed.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
		"clinic",
		"shared",
		"site",
		"site :: cache",
		"staff",
		"team" })
package ca.gagephysio.availability;

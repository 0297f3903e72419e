/**
 * The next opening for new clients: set by the front desk at {@code /staff/availability} (overall or per
 * clinician), shown on the inquiry form and the articles' call to action through {@link
 * ca.gagephysio.availability.NewClientOpenings} until its day has passed, never on a day the clinic is closed, and
 * in every page's structured data through {@link ca.gagephysio.site.seo.NextOpenings}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
		"clinic",
		"shared",
		"site",
		"site :: cache",
		"site :: seo",
		"staff",
		"team" })
package ca.gagephysio.availability;

/**
 * The 35-second cost-and-availability inquiry: the public form, spam control, storage and the staff inbox.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
		"availability",
		"clinic",
		"shared",
		"site",
		"site :: cache",
		"site :: error",
		"site :: seo",
		"staff" })
package ca.gagephysio.inquiry;

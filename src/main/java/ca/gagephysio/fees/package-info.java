/**
 * Fees and insurance: the public page {@code /fees} and the administrators' editor at {@code /staff/fees}, with
 * every saved version kept. Nothing is public until an administrator saves real fees. Other modules read it through
 * {@link ca.gagephysio.fees.Fees}; the clinic's structured data gets its offers through
 * {@link ca.gagephysio.site.seo.ClinicOffers}, and every page's model gets the page's address ({@code feesPath}) once
 * it is public, for the footer, the inquiry form and the articles' call to action.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
		"clinic",
		"shared",
		"site",
		"site :: cache",
		"site :: error",
		"site :: seo",
		"staff" })
package ca.gagephysio.fees;

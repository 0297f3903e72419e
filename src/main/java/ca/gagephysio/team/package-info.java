/**
 * The clinic's clinicians and their bios.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
		"clinic",
		"image",
		"shared",
		"site",
		"site :: cache",
		"site :: error",
		"site :: seo",
		"staff" })
package ca.gagephysio.team;

/**
 * Tells the front desk (and the person who asked) about new inquiries by email, through a transactional outbox.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
		"clinic",
		"inquiry",
		"insights",
		"shared",
		"site",
		"staff" })
package ca.gagephysio.notification;

/**
 * The owner's insights at {@code /staff/insights} (administrators only): visits, inquiries, sources, articles,
 * spam and response times over a period, as server-drawn SVG charts with their numbers in tables and as CSV. Reads
 * other modules only through {@link ca.gagephysio.inquiry.InquiryFigures} and {@link ca.gagephysio.visits.VisitFigures}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
		"clinic",
		"inquiry",
		"shared",
		"site",
		"site :: error",
		"site :: seo",
		"staff",
		"visits" })
package ca.gagephysio.insights;

/**
 * Health Tips articles: stored as Markdown, rendered once, published on public pages, and written, scheduled and
 * reviewed in the back office on {@code /staff/articles}. The article itself, its states and slugs live here; its
 * parts: the public pages and rendering ({@code article.reading}) and the back-office editing ({@code article.staff}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
		"availability",
		"clinic",
		"image",
		"shared",
		"site",
		"site :: cache",
		"site :: error",
		"site :: seo",
		"staff",
		"team" })
package ca.gagephysio.article;

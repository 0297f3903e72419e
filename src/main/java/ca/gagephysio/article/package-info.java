/**
 * Health Tips articles: stored as Markdown, rendered once, published on public pages, and written, scheduled and
 * reviewed in the back office on {@code /staff/articles}.
 */
package ca.gagephysio.article;

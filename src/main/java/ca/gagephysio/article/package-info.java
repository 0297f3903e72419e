/**
 * Health Tips articles: stored as Markdown, rendered once, published on public pages.
 */
package ca.gagephysio.article;

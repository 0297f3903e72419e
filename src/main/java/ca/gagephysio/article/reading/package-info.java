/**
 * The public Health Tips pages: the list and each article, rendered once from Markdown into sanitised HTML with the
 * inquiry box in place, and the answers for an article that moved or is gone.
 */
package ca.gagephysio.article.reading;

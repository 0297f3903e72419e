package ca.gagephysio.article;

import java.util.List;

/**
 * An article's body rendered to safe HTML, with what the page shows around it.
 *
 * @param html the sanitised HTML of the body
 * @param contents the table of contents: the body's section headings, in order
 * @param readingMinutes estimated reading time, at least one minute
 */
record ArticleBody(String html, List<Heading> contents, int readingMinutes) {

	/**
	 * A section heading and the anchor the table of contents links to.
	 */
	record Heading(String id, String text) {
	}

}

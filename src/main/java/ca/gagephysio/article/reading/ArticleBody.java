package ca.gagephysio.article.reading;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An article's body rendered to safe HTML, with what the page shows around it.
 *
 * @param parts the body in reading order: runs of text and the inquiry boxes between them
 * @param contents the table of contents: the body's section headings, in order
 * @param readingMinutes estimated reading time, at least one minute
 */
record ArticleBody(List<Part> parts, List<Heading> contents, int readingMinutes) {

	/** The sanitised HTML of every part, boxes' text included, in order. */
	String html() {
		return parts.stream().map(Part::html).collect(Collectors.joining());
	}

	/**
	 * A section heading and the anchor the table of contents links to.
	 */
	record Heading(String id, String text) {
	}

	/**
	 * A run of the article's text, or an "Inquire About Cost &amp; Availability" box.
	 *
	 * @param box true for an inquiry box
	 * @param closing true for a box that ends the article (drawn as the closing call to action)
	 * @param heading the box's heading, plain text; empty for text
	 * @param html the sanitised HTML of the text, or of what the box says above its button
	 */
	record Part(boolean box, boolean closing, String heading, String html) {
	}

}

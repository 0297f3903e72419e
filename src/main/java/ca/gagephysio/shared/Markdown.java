package ca.gagephysio.shared;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Markdown written in the back office, turned into HTML a public page can carry: commonmark-java renders it and the
 * OWASP sanitiser keeps only text formatting and links, so no script, event handler, {@code javascript:} or
 * {@code data:} link, iframe or style attribute can reach a page, whatever was typed. It lives in
 * {@code shared} because every feature that shows edited text needs it (bios in {@code team}, and {@code article},
 * which depends on {@code team} and so cannot be depended on by it).
 * <p>
 * Thread-safe: the parser, renderers and policy are immutable.
 */
public final class Markdown {

	private static final Parser PARSER = Parser.builder().build();

	private static final HtmlRenderer HTML = HtmlRenderer.builder().build();

	private static final TextContentRenderer TEXT = TextContentRenderer.builder().build();

	/**
	 * Prose with headings, lists, quotes and links: no images (a bio's photo is a field of its own, with alt text)
	 * and no raw HTML that survives. The one allow-list of the site: a feature that needs more (articles add their
	 * images and heading anchors) adds to this one with {@link PolicyFactory#and}, never starts its own.
	 */
	public static final PolicyFactory PROSE = new HtmlPolicyBuilder()
		.allowElements("h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "blockquote", "a", "code", "pre",
				"hr", "br")
		.allowUrlProtocols("https", "http", "mailto")
		.allowAttributes("href").onElements("a")
		.toFactory();

	private Markdown() {
	}

	/**
	 * @param markdown CommonMark text, possibly {@code null}
	 * @return sanitised HTML, empty for {@code null} or blank text
	 */
	public static String toSafeHtml(String markdown) {
		if (markdown == null || markdown.isBlank()) {
			return "";
		}
		return PROSE.sanitize(HTML.render(PARSER.parse(markdown)));
	}

	/**
	 * The words alone, without Markdown syntax, for meta descriptions, summaries and structured data.
	 * @param markdown CommonMark text, possibly {@code null}
	 * @return plain text with paragraphs separated by line breaks, empty for {@code null}
	 */
	public static String toPlainText(String markdown) {
		if (markdown == null) {
			return "";
		}
		return TEXT.render(PARSER.parse(markdown)).strip();
	}

}

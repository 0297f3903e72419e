package ca.gagephysio.article.staff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.owasp.html.HtmlStreamEventReceiver;

import org.springframework.stereotype.Component;

import ca.gagephysio.article.ArticleContent;
import ca.gagephysio.article.reading.ArticleRenderer;

/**
 * The accessibility and quality check an editor sees beside the article on every save and preview. It reads the
 * article as readers will get it: the headings commonmark finds in the Markdown, and the images, links and headings
 * of the sanitised HTML as the OWASP sanitiser's own HTML lexer reports them (raw HTML in the Markdown included),
 * never by pattern-matching the text. Every finding is a warning, except an image without alt text, which blocks
 * publishing: a reader using a screen reader would get nothing from it.
 */
@Component
class ArticleQualityCheck {

	/** Search results cut titles off at about this many characters. */
	static final int TITLE_LIMIT = 60;

	/** Search results cut descriptions off at about this many characters. */
	static final int SUMMARY_LIMIT = 160;

	/** Link texts that say nothing about where the link goes, as a screen reader's list of links shows them. */
	private static final Set<String> VAGUE_LINK_TEXTS = Set.of("click here", "click", "here", "read more", "more",
			"learn more", "this link", "link", "this", "go", "continue");

	private final ArticleRenderer renderer;

	ArticleQualityCheck(ArticleRenderer renderer) {
		this.renderer = renderer;
	}

	List<Finding> check(ArticleContent content) {
		List<Finding> findings = new ArrayList<>();
		if (content.title().length() > TITLE_LIMIT) {
			findings.add(Finding.warning("articles.quality.title-long", content.title().length(), TITLE_LIMIT));
		}
		if (content.summary() == null || content.summary().isBlank()) {
			findings.add(Finding.warning("articles.quality.summary-missing"));
		}
		else if (content.summary().length() > SUMMARY_LIMIT) {
			findings.add(Finding.warning("articles.quality.summary-long", content.summary().length(), SUMMARY_LIMIT));
		}
		renderer.parse(content.bodyMarkdown()).accept(new AbstractVisitor() {
			@Override
			public void visit(Heading heading) {
				if (heading.getLevel() == 1) {
					findings.add(Finding.warning("articles.quality.heading-one"));
				}
				visitChildren(heading);
			}
		});
		HtmlFindings html = new HtmlFindings(findings);
		renderer.sanitizedEvents(content.bodyMarkdown(), html);
		return List.copyOf(findings);
	}

	/**
	 * One thing the check found.
	 *
	 * @param messageKey the message key of its explanation
	 * @param arguments the message's arguments
	 * @param blocksPublishing true if the article may not be published until it is fixed
	 */
	record Finding(String messageKey, List<Object> arguments, boolean blocksPublishing) {

		static Finding warning(String key, Object... arguments) {
			return new Finding(key, List.of(arguments), false);
		}

		static Finding blocking(String key, Object... arguments) {
			return new Finding(key, List.of(arguments), true);
		}

		public Object[] argumentArray() {
			return arguments.toArray();
		}

	}

	/** Whether any finding stops the article from being published. */
	static boolean blocksPublishing(List<Finding> findings) {
		return findings.stream().anyMatch(Finding::blocksPublishing);
	}

	/** Reads the sanitised body's elements: images' alt text, link texts, heading levels in order. */
	private static final class HtmlFindings implements HtmlStreamEventReceiver {

		private final List<Finding> findings;

		/** The level of the heading before; the page's title is the one level-1 heading. */
		private int previousHeading = 1;

		private StringBuilder linkText;

		private String linkHref;

		private int imagesWithoutAlt;

		HtmlFindings(List<Finding> findings) {
			this.findings = findings;
		}

		@Override
		public void openDocument() {
		}

		@Override
		public void closeDocument() {
			if (imagesWithoutAlt > 0) {
				findings.add(0, Finding.blocking("articles.quality.image-alt", imagesWithoutAlt));
			}
		}

		@Override
		public void openTag(String element, List<String> attributes) {
			switch (element) {
				case "img" -> {
					String alt = attribute(attributes, "alt");
					if (alt == null || alt.isBlank()) {
						imagesWithoutAlt++;
					}
				}
				case "a" -> {
					linkText = new StringBuilder();
					linkHref = attribute(attributes, "href");
				}
				case "h2", "h3", "h4" -> {
					int level = element.charAt(1) - '0';
					if (level > previousHeading + 1) {
						findings.add(Finding.warning("articles.quality.heading-skip", previousHeading, level));
					}
					previousHeading = level;
				}
				default -> {
				}
			}
		}

		@Override
		public void closeTag(String element) {
			if (element.equals("a") && linkText != null) {
				String text = linkText.toString().strip();
				String plain = text.toLowerCase(Locale.ROOT).replaceAll("[\\p{Punct}\\s]+", " ").strip();
				if (VAGUE_LINK_TEXTS.contains(plain)) {
					findings.add(Finding.warning("articles.quality.link-text", text));
				}
				else if (looksLikeAddress(text)) {
					findings.add(Finding.warning("articles.quality.bare-url", text));
				}
				else if (text.isEmpty()) {
					findings.add(Finding.warning("articles.quality.link-empty", linkHref == null ? "" : linkHref));
				}
				linkText = null;
			}
		}

		@Override
		public void text(String text) {
			if (linkText != null) {
				linkText.append(text);
			}
		}

		private static boolean looksLikeAddress(String text) {
			String lower = text.toLowerCase(Locale.ROOT);
			return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("www.");
		}

		private static String attribute(List<String> attributes, String name) {
			for (int i = 0; i + 1 < attributes.size(); i += 2) {
				if (attributes.get(i).equals(name)) {
					return attributes.get(i + 1);
				}
			}
			return null;
		}

	}

}

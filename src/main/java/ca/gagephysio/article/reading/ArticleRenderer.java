package ca.gagephysio.article.reading;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import ca.gagephysio.shared.Markdown;

import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.AttributePolicy;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.HtmlSanitizer;
import org.owasp.html.HtmlStreamEventReceiver;
import org.owasp.html.PolicyFactory;

import ca.gagephysio.article.Article;
import ca.gagephysio.shared.Markdown;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * Turns an article's Markdown into HTML once per version: commonmark-java parses it (with the {@code ::: inquire}
 * boxes of {@link InquiryBoxDirective}), every section heading gets an anchor for the table of contents, and the
 * OWASP sanitiser keeps only the elements an article needs, so a slip in stored content can never put a script, an
 * event handler, a {@code javascript:} or {@code data:} link, an iframe or a style on the page. Local images get
 * their content-hashed URL, so they can be cached for a year and still change.
 */
@Component
public class ArticleRenderer {

	/** Words a reader gets through per minute, for the reading-time estimate. */
	private static final int WORDS_PER_MINUTE = 200;

	private static final Pattern ANCHOR = Pattern.compile("[a-z0-9-]+");

	private static final Pattern NUMBER = Pattern.compile("[0-9]{1,4}");

	private final Parser parser = InquiryBoxDirective.register(Parser.builder()).build();

	private final PolicyFactory policy;

	private final ResourceUrlProvider resourceUrls;

	/** Latest rendering per slug; replaced when the article's version moves on. */
	private final Map<String, Rendered> cache = new ConcurrentHashMap<>();

	public ArticleRenderer(ResourceUrlProvider resourceUrls) {
		this.resourceUrls = resourceUrls;
		// The site's prose allow-list (site.Markdown), plus what an article has beyond a bio: its own images (from
		// this site only) and the anchors the table of contents links to.
		this.policy = Markdown.PROSE.and(new HtmlPolicyBuilder().allowElements("img", "h2", "h3", "h4")
			.allowUrlProtocols("https", "http")
			.allowAttributes("id").matching(ANCHOR).onElements("h2", "h3", "h4")
			.allowAttributes("src").matching(localImage()).onElements("img")
			.allowAttributes("alt").onElements("img")
			.allowAttributes("width", "height").matching(NUMBER).onElements("img")
			.allowAttributes("loading").matching(Pattern.compile("lazy|eager")).onElements("img")
			.allowAttributes("decoding").matching(Pattern.compile("async|sync|auto")).onElements("img")
			.toFactory());
	}

	ArticleBody body(Article article) {
		Rendered cached = cache.get(article.slug());
		if (cached != null && cached.version() == article.version()
				&& cached.updatedAt().equals(article.updatedAt().toString())) {
			return cached.body();
		}
		ArticleBody body = render(article.bodyMarkdown());
		cache.put(article.slug(), new Rendered(article.version(), article.updatedAt().toString(), body));
		return body;
	}

	/**
	 * Renders Markdown as the public page shows it: top-level inquiry boxes become parts of their own, so the page
	 * draws each box (with its button) between runs of text, and a box at the very end as the closing one.
	 */
	public ArticleBody render(String markdown) {
		Node document = parse(markdown);
		List<ArticleBody.Heading> contents = new ArrayList<>();
		AnchoredHeadings anchors = new AnchoredHeadings(contents);
		HtmlRenderer html = HtmlRenderer.builder().attributeProviderFactory(context -> anchors).build();
		List<ArticleBody.Part> parts = new ArrayList<>();
		StringBuilder text = new StringBuilder();
		for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
			if (node instanceof InquiryBoxDirective.InquiryBox box) {
				flush(text, parts);
				StringBuilder inside = new StringBuilder();
				for (Node child = box.getFirstChild(); child != null; child = child.getNext()) {
					inside.append(html.render(child));
				}
				parts.add(new ArticleBody.Part(true, node.getNext() == null, box.heading(),
						policy.sanitize(inside.toString())));
			}
			else {
				text.append(html.render(node));
			}
		}
		flush(text, parts);
		return new ArticleBody(List.copyOf(parts), List.copyOf(contents), readingMinutes(document));
	}

	/** Markdown as commonmark sees it, inquiry boxes included; for the quality check. */
	public Node parse(String markdown) {
		return parser.parse(markdown);
	}

	/** The HTML the page would show for this Markdown, as the sanitiser's stream of events; for the quality check. */
	public void sanitizedEvents(String markdown, HtmlStreamEventReceiver receiver) {
		HtmlSanitizer.sanitize(render(markdown).html(), policy.apply(receiver));
	}

	private void flush(StringBuilder text, List<ArticleBody.Part> parts) {
		if (!text.isEmpty()) {
			parts.add(new ArticleBody.Part(false, false, "", policy.sanitize(text.toString())));
			text.setLength(0);
		}
	}

	/** The article's own words: the inquiry boxes are the same on every article and are not counted. */
	private static int readingMinutes(Node document) {
		int[] words = { 0 };
		document.accept(new AbstractVisitor() {
			@Override
			public void visit(Text text) {
				words[0] += text.getLiteral().trim().isEmpty() ? 0 : text.getLiteral().trim().split("\\s+").length;
			}

			@Override
			public void visit(CustomBlock block) {
				if (!(block instanceof InquiryBoxDirective.InquiryBox)) {
					visitChildren(block);
				}
			}
		});
		return Math.max(1, (words[0] + WORDS_PER_MINUTE - 1) / WORDS_PER_MINUTE);
	}

	/** Only images served by this site (the CSP allows no other), with their content-hashed URL. */
	private AttributePolicy localImage() {
		return (element, attribute, value) -> {
			if (!value.startsWith("/") || value.startsWith("//")) {
				return null;
			}
			String versioned = resourceUrls.getForLookupPath(value);
			return versioned != null ? versioned : value;
		};
	}

	/**
	 * Gives each heading an anchor with commonmark's heading-anchor {@link IdGenerator} (unique within the
	 * document), and records the level-two ones (the article's sections) for the table of contents, so the
	 * contents and the anchors can never disagree.
	 */
	private static final class AnchoredHeadings implements AttributeProvider {

		private final IdGenerator ids = IdGenerator.builder().build();

		private final List<ArticleBody.Heading> contents;

		AnchoredHeadings(List<ArticleBody.Heading> contents) {
			this.contents = contents;
		}

		@Override
		public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
			if (node instanceof Heading heading) {
				String text = textOf(heading);
				String id = ids.generateId(text.toLowerCase());
				attributes.put("id", id);
				if (heading.getLevel() == 2) {
					contents.add(new ArticleBody.Heading(id, text));
				}
			}
		}

		private static String textOf(Node node) {
			StringBuilder text = new StringBuilder();
			node.accept(new AbstractVisitor() {
				@Override
				public void visit(Text literal) {
					text.append(literal.getLiteral());
				}

				@Override
				public void visit(Code code) {
					text.append(code.getLiteral());
				}
			});
			return text.toString().strip();
		}

	}

	private record Rendered(long version, String updatedAt, ArticleBody body) {
	}

}

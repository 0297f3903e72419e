package ca.gagephysio.inquiry.inbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import ca.gagephysio.site.seo.PublishedContent;
import ca.gagephysio.site.seo.PublishedPage;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Turns the page an inquiry came from, as the form stored it, into the page staff can recognise and open. The form
 * stores either the call to action's {@code from=} (an article's or a clinician's slug, or {@code home}) or the
 * path of a same-site referrer, so both are looked up among the pages the features publish today. A page that is
 * not published (any more) stays as stored, with no link that would lead to a "not found" page.
 */
@Component
class SourcePages {

	/** What the home page's call to action puts in {@code from=}. */
	private static final String HOME_SLUG = "home";

	private static final String HOME_PATH = "/";

	private final List<PublishedContent> content;

	private final MessageSource messages;

	SourcePages(List<PublishedContent> content, MessageSource messages) {
		this.content = content;
		this.messages = messages;
	}

	/** The source of one inquiry. */
	SourcePage of(String stored) {
		return resolver().apply(stored);
	}

	/** Looks up many sources against one reading of the published pages, as an export needs. */
	Function<String, SourcePage> resolver() {
		Map<String, PublishedPage> byPath = new HashMap<>();
		Map<String, PublishedPage> bySlug = new HashMap<>();
		content.stream().flatMap(source -> source.publishedPages().stream()).forEach(page -> {
			byPath.putIfAbsent(page.path(), page);
			bySlug.putIfAbsent(page.path().substring(page.path().lastIndexOf('/') + 1), page);
		});
		// the home page is the site's own, not published by a feature; its title there is the clinic's name and city
		String homeTitle = messages.getMessage("inbox.source.home", null, LocaleContextHolder.getLocale());
		return stored -> {
			if (stored == null) {
				return SourcePage.NONE;
			}
			if (stored.equals(HOME_SLUG) || stored.equals(HOME_PATH)) {
				return new SourcePage(stored, homeTitle, HOME_PATH);
			}
			PublishedPage page = stored.startsWith("/") ? byPath.get(withoutTrailingSlash(stored))
					: bySlug.get(stored);
			return page == null ? new SourcePage(stored, null, null) : new SourcePage(stored, page.title(), page.path());
		};
	}

	private static String withoutTrailingSlash(String path) {
		return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

	/**
	 * Where an inquiry came from, as staff see it.
	 *
	 * @param stored the value as the form stored it, or {@code null} if none was recorded
	 * @param title the page's title, or {@code null} when the page is not published (any more)
	 * @param path the page's path on this site to link to, or {@code null} when there is no page to link to
	 */
	record SourcePage(String stored, String title, String path) {

		static final SourcePage NONE = new SourcePage(null, null, null);

		public boolean known() {
			return path != null;
		}

	}

}

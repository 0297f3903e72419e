package ca.gagephysio.article.reading;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import ca.gagephysio.article.Article;
import ca.gagephysio.article.ArticleRepository;
import ca.gagephysio.article.ArticleSlugRedirectRepository;
import ca.gagephysio.article.ArticleState;
import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.image.Images;
import ca.gagephysio.image.StoredImage;
import ca.gagephysio.site.PageMeta.Breadcrumb;
import ca.gagephysio.site.PageMeta;
import ca.gagephysio.site.cache.PageCache;
import ca.gagephysio.site.cache.PublicCaching;
import ca.gagephysio.site.error.NotFoundException;
import ca.gagephysio.site.seo.StructuredData;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Health Tips list and each article's page, each rendered by Thymeleaf once, then served from the site's
 * {@link PageCache} in whichever encoding the reader accepts. A former slug answers 301 to the current one,
 * an unpublished article 410 Gone, a draft or a scheduled one 404 until its time.
 */
@Controller
public class ArticleController {

	static final String LIST_VIEW = "article/list";

	public static final String ARTICLE_VIEW = "article/article";

	private static final int PAGE_SIZE = 10;

	private final ArticleRepository articles;

	private final ArticleSlugRedirectRepository redirects;

	private final ArticleRenderer renderer;

	private final PageCache pages;

	private final ArticlePageModel pageModel;

	private final ClinicFacts clinic;

	private final MessageSource messages;

	private final StructuredData structuredData;

	private final Images images;

	private final Clock clock;

	ArticleController(ArticleRepository articles, ArticleSlugRedirectRepository redirects, ArticleRenderer renderer,
			PageCache pages, ArticlePageModel pageModel, ClinicFacts clinic, MessageSource messages,
			StructuredData structuredData, Images images, ObjectProvider<Clock> clock) {
		this.images = images;
		this.articles = articles;
		this.redirects = redirects;
		this.renderer = renderer;
		this.pages = pages;
		this.pageModel = pageModel;
		this.clinic = clinic;
		this.messages = messages;
		this.structuredData = structuredData;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/**
	 * The Health Tips list, ten to a page. Only {@code ?page=} makes a different page (any other parameter, such as
	 * {@code utm_source}, serves the same one), and only once checked: a page past the last is a 404 and not kept.
	 */
	@GetMapping("/articles")
	ResponseEntity<byte[]> list(@RequestParam(name = "page", defaultValue = "1") int number,
			@RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		if (number < 1) {
			throw new NotFoundException("Articles page " + number);
		}
		String path = number == 1 ? "/articles" : "/articles?page=" + number;
		return pages.serve(path, PageCache.HTML, acceptEncoding, () -> {
			Page<Article> found = articles.findPublishedNewestFirst(clock.instant(),
					PageRequest.of(number - 1, PAGE_SIZE));
			if (number > 1 && found.isEmpty()) {
				throw new NotFoundException("Articles page " + number);
			}
			String title = number == 1 ? text("articles.title") : text("articles.title.page", number);
			PageMeta page = PageMeta.of(title, text("articles.description"), path)
				.withBreadcrumbs(List.of(new Breadcrumb(text("articles.heading"), "/articles")));
			model.addAttribute("page", page.withJsonLd(structuredData.forPage(page)));
			model.addAttribute("articles", found.map(article -> new Card(article.path(), article.title(),
					article.description(), article.publishedOn(clinic.timeZone()), heroOf(article),
					article.heroAlt())));
			model.addAttribute("pageNumber", number);
			return pages.render(LIST_VIEW, model.asMap(), request, response);
		});
	}

	@GetMapping("/articles/{slug}")
	ResponseEntity<byte[]> article(@PathVariable String slug,
			@RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		return pages.serve("/articles/" + slug, PageCache.HTML, acceptEncoding, () -> {
			Article article = articles.findPublished(slug, clock.instant()).orElseThrow(() -> missing(slug));
			pageModel.populate(article, renderer.body(article), article.publishedOn(clinic.timeZone()), model);
			return pages.render(ARTICLE_VIEW, model.asMap(), request, response);
		});
	}

	/**
	 * A former address of an article: permanently moved, so links and search engines follow it for good. The query
	 * string goes along as it came (still percent-encoded), so a link's campaign tags ({@code utm_source}...) reach
	 * the article and are counted there.
	 */
	@ExceptionHandler
	ResponseEntity<Void> moved(ArticleMovedException moved, HttpServletRequest request) {
		String query = request.getQueryString();
		return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY)
			.header(HttpHeaders.LOCATION, query == null || query.isEmpty() ? moved.path() : moved.path() + "?" + query)
			.cacheControl(PublicCaching.REDIRECT)
			.build();
	}

	/** Why no public article has this slug: it moved, it was taken down, or there is none (yet). */
	private RuntimeException missing(String slug) {
		var redirect = redirects.findByOldSlug(slug);
		if (redirect.isPresent()) {
			var article = articles.findById(redirect.get().articleId());
			if (article.isPresent()) {
				return new ArticleMovedException(article.get().path());
			}
		}
		var article = articles.findBySlug(slug);
		if (article.isPresent() && article.get().state(clock.instant()) == ArticleState.UNPUBLISHED) {
			return new ArticleGoneException(slug);
		}
		return new NotFoundException("Article " + slug);
	}

	/** The article's hero image, if it has one that is still stored. */
	private StoredImage heroOf(Article article) {
		return article.heroImageId() == null ? null : images.find(article.heroImageId()).orElse(null);
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, LocaleContextHolder.getLocale());
	}

	/**
	 * An article as the Health Tips list shows it.
	 *
	 * @param path its address
	 * @param title its title
	 * @param description its summary
	 * @param publishedOn the day it was published, clinic time
	 * @param hero its hero image, or {@code null}
	 * @param heroAlt the hero's alt text, or {@code null} without one
	 */
	record Card(String path, String title, String description, LocalDate publishedOn, StoredImage hero,
			String heroAlt) {
	}

}

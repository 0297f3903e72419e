package ca.gagephysio.article;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import ca.gagephysio.site.ClinicProperties;
import ca.gagephysio.site.NotFoundException;
import ca.gagephysio.site.PageMeta;
import ca.gagephysio.site.PageMeta.Breadcrumb;
import ca.gagephysio.site.PublicCaching;
import ca.gagephysio.site.StructuredData;
import ca.gagephysio.team.Clinician;
import ca.gagephysio.team.Team;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.View;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.UriUtils;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * The Health Tips list and each article's page. An article page is rendered by Thymeleaf once, then served from
 * {@link ArticlePageCache} in whichever encoding the reader accepts.
 */
@Controller
class ArticleController {

	static final String LIST_VIEW = "articles/list";

	static final String ARTICLE_VIEW = "articles/article";

	private static final int PAGE_SIZE = 10;

	private static final int RELATED = 3;

	private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

	private final ArticleRepository articles;

	private final ArticleRenderer renderer;

	private final ArticlePageCache pages;

	private final Team team;

	private final ClinicProperties clinic;

	private final MessageSource messages;

	private final StructuredData structuredData;

	private final ThymeleafViewResolver views;

	ArticleController(ArticleRepository articles, ArticleRenderer renderer, ArticlePageCache pages, Team team,
			ClinicProperties clinic, MessageSource messages, StructuredData structuredData,
			ThymeleafViewResolver views) {
		this.articles = articles;
		this.renderer = renderer;
		this.pages = pages;
		this.team = team;
		this.clinic = clinic;
		this.messages = messages;
		this.structuredData = structuredData;
		this.views = views;
	}

	@GetMapping("/articles")
	String list(@RequestParam(name = "page", defaultValue = "1") int number, Model model,
			HttpServletResponse response) {
		if (number < 1) {
			throw new NotFoundException("Articles page " + number);
		}
		Page<Article> found = articles.findPublishedNewestFirst(today(), PageRequest.of(number - 1, PAGE_SIZE));
		if (number > 1 && found.isEmpty()) {
			throw new NotFoundException("Articles page " + number);
		}
		String path = number == 1 ? "/articles" : "/articles?page=" + number;
		String title = number == 1 ? text("articles.title") : text("articles.title.page", number);
		PageMeta page = PageMeta.of(title, text("articles.description"), path)
			.withBreadcrumbs(List.of(new Breadcrumb(text("articles.heading"), "/articles")));
		model.addAttribute("page", page.withJsonLd(structuredData.forPage(page)));
		model.addAttribute("articles", found);
		model.addAttribute("pageNumber", number);
		PublicCaching.cacheable(response);
		return LIST_VIEW;
	}

	@GetMapping("/articles/{slug}")
	ResponseEntity<byte[]> article(@PathVariable String slug,
			@RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		ArticlePageCache.RenderedPage page = pages.get(slug, () -> render(slug, model, request, response));
		boolean gzip = acceptsGzip(acceptEncoding);
		ResponseEntity.BodyBuilder ok = ResponseEntity.ok()
			.contentType(HTML)
			.cacheControl(PublicCaching.PUBLIC_PAGE)
			.eTag(page.etag())
			.varyBy(HttpHeaders.ACCEPT_ENCODING);
		if (gzip) {
			// Set here, Tomcat sees the body is already encoded and does not compress it again.
			ok.header(HttpHeaders.CONTENT_ENCODING, "gzip");
		}
		return ok.body(page.body(gzip));
	}

	/** Renders the article page with the ordinary Thymeleaf view, into a string instead of the response. */
	private String render(String slug, Model model, HttpServletRequest request, HttpServletResponse response) {
		populate(slug, model);
		try {
			View view = views.resolveViewName(ARTICLE_VIEW, LocaleContextHolder.getLocale());
			ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
			view.render(model.asMap(), request, captured);
			captured.flushBuffer();
			return new String(captured.getContentAsByteArray(), StandardCharsets.UTF_8);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not render article " + slug, ex);
		}
	}

	private void populate(String slug, Model model) {
		Article article = articles.findPublished(slug, today())
			.orElseThrow(() -> new NotFoundException("Article " + slug));
		Clinician author = clinician(article.authorSlug());
		Clinician reviewer = clinician(article.reviewedBySlug());
		String url = clinic.url(article.path());

		PageMeta page = PageMeta.of(article.title(), article.description(), article.path())
			.withOgType("article", article.shareImagePath())
			.withBreadcrumbs(List.of(new Breadcrumb(text("articles.heading"), "/articles"),
					new Breadcrumb(article.title(), article.path())));
		StructuredData.ArticleFacts facts = new StructuredData.ArticleFacts(article.category(),
				article.publishedOn(), LocalDate.ofInstant(article.updatedAt(), ZoneOffset.UTC),
				article.lastReviewedOn(), person(author), person(reviewer), article.aboutCondition());

		model.addAttribute("page", page.withJsonLd(structuredData.forArticle(page, facts)));
		model.addAttribute("article", article);
		model.addAttribute("body", renderer.body(article));
		model.addAttribute("author", author);
		model.addAttribute("reviewer", reviewer);
		model.addAttribute("related", articles.findRelated(article.category(), article.slug(), today(),
				PageRequest.of(0, RELATED)));
		model.addAttribute("shareLinks", ShareLink.forPage(url, article.title()));
	}

	private Clinician clinician(String slug) {
		return team.find(slug).orElseThrow(() -> new IllegalStateException("Unknown clinician " + slug));
	}

	private static StructuredData.Person person(Clinician clinician) {
		return new StructuredData.Person(clinician.path(), clinician.name(), clinician.profession(),
				clinician.summary());
	}

	/** True unless the reader does not accept gzip or refuses it with {@code q=0}. */
	static boolean acceptsGzip(String acceptEncoding) {
		if (acceptEncoding == null) {
			return false;
		}
		for (String coding : acceptEncoding.split(",")) {
			String[] parts = coding.trim().split(";");
			if (parts[0].trim().equalsIgnoreCase("gzip")) {
				for (int i = 1; i < parts.length; i++) {
					String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
					if (parameter.startsWith("q=") && parameter.substring(2).matches("0(\\.0{0,3})?")) {
						return false;
					}
				}
				return true;
			}
		}
		return false;
	}

	private LocalDate today() {
		return LocalDate.now(clinic.timeZone());
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, LocaleContextHolder.getLocale());
	}

	/**
	 * A plain link to a network's share page: no third-party script, nothing loaded until a reader clicks.
	 *
	 * @param network message key suffix and CSS hook: facebook, x, linkedin, email
	 * @param href the share URL
	 */
	record ShareLink(String network, String href) {

		static List<ShareLink> forPage(String url, String title) {
			String u = UriUtils.encode(url, StandardCharsets.UTF_8);
			String t = UriUtils.encode(title, StandardCharsets.UTF_8);
			return List.of(new ShareLink("facebook", "https://www.facebook.com/sharer/sharer.php?u=" + u),
					new ShareLink("x", "https://x.com/intent/post?url=" + u + "&text=" + t),
					new ShareLink("linkedin", "https://www.linkedin.com/sharing/share-offsite/?url=" + u),
					new ShareLink("email", "mailto:?subject=" + t + "&body=" + u));
		}

	}

}

package ca.gagephysio.article.reading;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import ca.gagephysio.availability.NewClientOpenings;
import ca.gagephysio.article.Article;
import ca.gagephysio.article.ArticleRepository;
import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.image.Images;
import ca.gagephysio.image.StoredImage;
import ca.gagephysio.site.PageMeta.Breadcrumb;
import ca.gagephysio.site.PageMeta;
import ca.gagephysio.site.seo.StructuredData;
import ca.gagephysio.team.Clinician;
import ca.gagephysio.team.Team;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;

/**
 * Everything an article's page shows, for the public page and for the back office's preview alike, so a preview is
 * the page exactly as readers will get it: same template, same model, same rendering of the body.
 */
@Component
public class ArticlePageModel {

	private static final int RELATED = 3;

	private final ArticleRepository articles;

	private final Team team;

	private final ClinicFacts clinic;

	private final MessageSource messages;

	private final StructuredData structuredData;

	private final Images images;

	private final Clock clock;

	private final NewClientOpenings openings;

	ArticlePageModel(ArticleRepository articles, Team team, ClinicFacts clinic, MessageSource messages,
			StructuredData structuredData, Images images, ObjectProvider<Clock> clock, NewClientOpenings openings) {
		this.openings = openings;
		this.articles = articles;
		this.images = images;
		this.team = team;
		this.clinic = clinic;
		this.messages = messages;
		this.structuredData = structuredData;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/**
	 * Fills the model of {@code articles/article}.
	 *
	 * @param article the article (a preview passes one that is not stored)
	 * @param body its rendered body
	 * @param publishedOn the day shown as "Published" (a preview of an unpublished article shows today)
	 */
	public void populate(Article article, ArticleBody body, LocalDate publishedOn, Model model) {
		Clinician author = clinician(article.authorSlug());
		Clinician reviewer = clinician(article.reviewedBySlug());
		String url = clinic.url(article.path());

		StoredImage hero = article.heroImageId() == null ? null : images.find(article.heroImageId()).orElse(null);
		// Share cards and search engines get the largest variant of the hero image (Open Graph asks for 1200 px).
		String shareImage = hero != null ? hero.url(hero.width()) : article.shareImagePath();
		PageMeta page = PageMeta.of(article.title(), article.description(), article.path())
			.withOgType("article", shareImage)
			.withBreadcrumbs(List.of(new Breadcrumb(text("articles.heading"), "/articles"),
					new Breadcrumb(article.title(), article.path())));
		// lastReviewed and reviewedBy come from the editor's "reviewed by" fields (the medical review).
		StructuredData.ArticleFacts facts = new StructuredData.ArticleFacts(article.category(), publishedOn,
				LocalDate.ofInstant(article.updatedAt(), ZoneOffset.UTC), article.lastReviewedOn(), person(author),
				person(reviewer), article.aboutCondition());

		model.addAttribute("page", page.withJsonLd(structuredData.forArticle(page, facts)));
		model.addAttribute("article", article);
		model.addAttribute("hero", hero);
		model.addAttribute("publishedOn", publishedOn);
		model.addAttribute("body", body);
		model.addAttribute("author", author);
		model.addAttribute("reviewer", reviewer);
		model.addAttribute("related", articles.findRelated(article.category(), article.slug(), clock.instant(),
				PageRequest.of(0, RELATED)));
		model.addAttribute("shareLinks", ShareLink.forPage(url, article.title()));
		// the call to action says when a new client could next be seen (issue 22), as the inquiry form does
		model.addAttribute("openings", openings.shown());
	}

	private Clinician clinician(String slug) {
		return team.find(slug).orElseThrow(() -> new IllegalStateException("Unknown clinician " + slug));
	}

	private static StructuredData.Person person(Clinician clinician) {
		return new StructuredData.Person(clinician.path(), clinician.name(), clinician.profession(),
				clinician.summary(), clinician.published());
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

package ca.gagephysio.article;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.site.seo.PublishedContent;
import ca.gagephysio.site.seo.PublishedPage;
import ca.gagephysio.team.Clinician;
import ca.gagephysio.team.Team;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lists the published articles for the home page, the sitemap and the Atom feed, newest first: asked at each
 * request, so a scheduled article is listed from its time on and an unpublished one no longer.
 */
@Component
class ArticlePages implements PublishedContent {

	private final ArticleRepository articles;

	private final ArticleSlugRedirectRepository redirects;

	private final Team team;

	private final ClinicFacts clinic;

	private final Clock clock;

	ArticlePages(ArticleRepository articles, ArticleSlugRedirectRepository redirects, Team team, ClinicFacts clinic,
			ObjectProvider<Clock> clock) {
		this.articles = articles;
		this.redirects = redirects;
		this.team = team;
		this.clinic = clinic;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	@Override
	@Transactional(readOnly = true)
	public List<PublishedPage> publishedPages() {
		Map<String, String> authors = team.everyone()
			.stream()
			.collect(Collectors.toMap(Clinician::slug, Clinician::name));
		return articles.findAllPublishedNewestFirst(clock.instant())
			.stream()
			.map(article -> new PublishedPage(article.path(), article.title(), article.description(),
					article.publishedOn(clinic.timeZone()), article.updatedAt(), authors.get(article.authorSlug()), true))
			.toList();
	}

	/**
	 * Every former address of an article that still exists, with its address now, whether it is public or not: the
	 * owner's figures follow an article through each change of slug (a redirect points at the article, never at a
	 * slug, so the address now is always the last one).
	 */
	@Override
	@Transactional(readOnly = true)
	public Map<String, String> formerPaths() {
		List<ArticleSlugRedirect> moved = redirects.findAll();
		if (moved.isEmpty()) {
			return Map.of();
		}
		Map<Long, String> now = articles.findAllById(moved.stream().map(ArticleSlugRedirect::articleId).toList())
			.stream()
			.collect(Collectors.toMap(Article::id, Article::path));
		Map<String, String> former = new java.util.HashMap<>();
		moved.stream()
			.filter(redirect -> now.containsKey(redirect.articleId()))
			.forEach(redirect -> former.put("/articles/" + redirect.oldSlug(), now.get(redirect.articleId())));
		return Map.copyOf(former);
	}

}

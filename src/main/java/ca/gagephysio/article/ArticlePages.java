package ca.gagephysio.article;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import ca.gagephysio.site.ClinicProperties;
import ca.gagephysio.site.PublishedContent;
import ca.gagephysio.site.PublishedPage;
import ca.gagephysio.team.Clinician;
import ca.gagephysio.team.Team;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lists the published articles for the home page, the sitemap and the Atom feed, newest first.
 */
@Component
class ArticlePages implements PublishedContent {

	private final ArticleRepository articles;

	private final Team team;

	private final ClinicProperties clinic;

	ArticlePages(ArticleRepository articles, Team team, ClinicProperties clinic) {
		this.articles = articles;
		this.team = team;
		this.clinic = clinic;
	}

	@Override
	@Transactional(readOnly = true)
	public List<PublishedPage> publishedPages() {
		Map<String, String> authors = team.everyone()
			.stream()
			.collect(Collectors.toMap(Clinician::slug, Clinician::name));
		return articles.findAllPublishedNewestFirst(LocalDate.now(clinic.timeZone()))
			.stream()
			.map(article -> new PublishedPage(article.path(), article.title(), article.description(),
					article.publishedOn(), article.updatedAt(), authors.get(article.authorSlug()), true))
			.toList();
	}

}

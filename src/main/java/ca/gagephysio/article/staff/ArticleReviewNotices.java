package ca.gagephysio.article.staff;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import ca.gagephysio.article.Article;
import ca.gagephysio.article.ArticleProperties;
import ca.gagephysio.article.ArticleRepository;
import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.staff.StaffNotice;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Puts "articles due for medical review" in the notice bar of every back-office page (the inbox included), so health
 * advice never goes stale without anyone noticing: a published article is due once its last review by a clinician is
 * older than {@code clinic.articles.review-due-after}.
 */
@Component
class ArticleReviewNotices implements StaffNotice.Source {

	private final ArticleRepository articles;

	private final ArticleProperties properties;

	private final ClinicFacts clinic;

	private final Clock clock;

	ArticleReviewNotices(ArticleRepository articles, ArticleProperties properties, ClinicFacts clinic,
			ObjectProvider<Clock> clock) {
		this.articles = articles;
		this.properties = properties;
		this.clinic = clinic;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	@Override
	@Transactional(readOnly = true)
	public List<StaffNotice> currentNotices() {
		int due = dueForReview().size();
		if (due == 0) {
			return List.of();
		}
		return List.of(new StaffNotice("articles.admin.review-due.notice", List.of(due), ArticleAdminController.PATH));
	}

	/** Published articles whose last review is older than the configured period, longest-unreviewed first. */
	List<Article> dueForReview() {
		LocalDate today = LocalDate.ofInstant(clock.instant(), clinic.timeZone());
		return articles.findPublishedReviewedBefore(today.minus(properties.reviewDueAfter()));
	}

}

package ca.gagephysio.article.staff;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import ca.gagephysio.article.ArticleContent;

/**
 * One saved version of an article's whole text, kept for good: who saved it, when, and everything an editor can
 * change. Revisions are numbered from 1 per article and never edited; restoring one saves its text as a new one.
 */
@Entity
@Table(name = "article_revision")
class ArticleRevision {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long articleId;

	private int number;

	private String slug;

	private String title;

	private String category;

	private String authorSlug;

	private String description;

	private String reviewedBySlug;

	private LocalDate lastReviewedOn;

	private String bodyMarkdown;

	/** Its hero image's id in the image module, or {@code null}. */
	private Long heroImageId;

	/** The hero image's alt text: never blank with an image. */
	private String heroAlt;

	/** Display name of who saved it; {@code null} for text a migration put in. */
	private String savedBy;

	private Instant savedAt;

	/** The number of the revision this one restored, or {@code null}. */
	private Integer restoredFrom;

	protected ArticleRevision() {
	}

	ArticleRevision(long articleId, int number, ArticleContent content, String savedBy, Instant savedAt,
			Integer restoredFrom) {
		this.articleId = articleId;
		this.number = number;
		this.slug = content.slug();
		this.title = content.title();
		this.category = content.category();
		this.authorSlug = content.authorSlug();
		this.description = content.summary();
		this.reviewedBySlug = content.reviewedBySlug();
		this.lastReviewedOn = content.lastReviewedOn();
		this.bodyMarkdown = content.bodyMarkdown();
		this.heroImageId = content.heroImageId();
		this.heroAlt = content.heroAlt();
		this.savedBy = savedBy;
		this.savedAt = savedAt;
		this.restoredFrom = restoredFrom;
	}

	ArticleContent content() {
		return new ArticleContent(slug, title, description, category, authorSlug, reviewedBySlug, lastReviewedOn,
				bodyMarkdown, heroImageId, heroAlt);
	}

	public int number() {
		return number;
	}

	public String title() {
		return title;
	}

	public String savedBy() {
		return savedBy;
	}

	public Instant savedAt() {
		return savedAt;
	}

	public Integer restoredFrom() {
		return restoredFrom;
	}

}

package ca.gagephysio.article;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A Health Tips article. The body is Markdown; the opening call-to-action box and the closing call to action are
 * kept apart from it so every article's page places them, with the inquiry button, in the same spots. The class
 * stays package-private; its accessors are public only so the templates' expressions can call them.
 */
@Entity
@Table(name = "article")
@EntityListeners(ArticleChangeListener.class)
class Article {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String slug;

	private String title;

	private String category;

	/** Slug of the clinician who wrote it (team module). */
	private String authorSlug;

	private LocalDate publishedOn;

	private LocalDate lastReviewedOn;

	/** Slug of the clinician who last reviewed it. */
	private String reviewedBySlug;

	/** The meta description: a sentence about the article for search results and share cards. */
	private String description;

	/** The health condition it is about, for structured data; may be {@code null}. */
	private String aboutCondition;

	private String ctaHeading;

	private String ctaText;

	private String closingCta;

	private String bodyMarkdown;

	/** A raster image for share cards; {@code null} means the site's default. */
	private String shareImagePath;

	private Instant updatedAt;

	@Version
	private long version;

	protected Article() {
	}

	Article(String slug, String title, String category, String authorSlug, LocalDate publishedOn,
			String description, String ctaHeading, String ctaText, String closingCta, String bodyMarkdown,
			Instant updatedAt) {
		this.slug = slug;
		this.title = title;
		this.category = category;
		this.authorSlug = authorSlug;
		this.publishedOn = publishedOn;
		this.lastReviewedOn = publishedOn;
		this.reviewedBySlug = authorSlug;
		this.description = description;
		this.ctaHeading = ctaHeading;
		this.ctaText = ctaText;
		this.closingCta = closingCta;
		this.bodyMarkdown = bodyMarkdown;
		this.updatedAt = updatedAt;
	}

	/** A clinician reworked the text: readers (and caches) must see the new version. */
	void revise(String newTitle, String newBodyMarkdown, Instant at) {
		this.title = newTitle;
		this.bodyMarkdown = newBodyMarkdown;
		this.updatedAt = at;
	}

	public String slug() {
		return slug;
	}

	public String title() {
		return title;
	}

	public String category() {
		return category;
	}

	public String authorSlug() {
		return authorSlug;
	}

	public LocalDate publishedOn() {
		return publishedOn;
	}

	public LocalDate lastReviewedOn() {
		return lastReviewedOn;
	}

	public String reviewedBySlug() {
		return reviewedBySlug;
	}

	public String description() {
		return description;
	}

	public String aboutCondition() {
		return aboutCondition;
	}

	public String ctaHeading() {
		return ctaHeading;
	}

	public String ctaText() {
		return ctaText;
	}

	public String closingCta() {
		return closingCta;
	}

	public String bodyMarkdown() {
		return bodyMarkdown;
	}

	public String shareImagePath() {
		return shareImagePath;
	}

	public Instant updatedAt() {
		return updatedAt;
	}

	public long version() {
		return version;
	}

	public String path() {
		return "/articles/" + slug;
	}

}

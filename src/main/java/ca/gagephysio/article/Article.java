package ca.gagephysio.article;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A Health Tips article. The body is Markdown, with the "Inquire About Cost &amp; Availability" boxes written in it
 * as {@code ::: inquire} directives. Readers see it while it is {@code PUBLISHED} and its {@code publishedAt} has
 * come; an earlier instant is "scheduled", which no job has to flip. The class stays package-private; its accessors
 * are public only so the templates' expressions can call them.
 */
@Entity
@Table(name = "article")
@EntityListeners(ArticleChangeListener.class)
public class Article {

	/** What is stored: scheduled is worked out from {@code publishedAt}. */
	enum Status {

		DRAFT, PUBLISHED, UNPUBLISHED

	}

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String slug;

	private String title;

	private String category;

	/** Slug of the clinician who wrote it (team module). */
	private String authorSlug;

	@Enumerated(EnumType.STRING)
	private Status status;

	/** When it is (or was, or will be) public from; {@code null} for a draft never published. */
	private Instant publishedAt;

	private LocalDate lastReviewedOn;

	/** Slug of the clinician who last reviewed it. */
	private String reviewedBySlug;

	/** The meta description: a sentence about the article for search results and share cards; may be empty. */
	private String description;

	/** The health condition it is about, for structured data; may be {@code null}. */
	private String aboutCondition;

	private String bodyMarkdown;

	/** Its hero image's id in the image module, or {@code null}. */
	private Long heroImageId;

	/** The hero image's alt text: never blank with an image. */
	private String heroAlt;

	/**
	 * A raster image for share cards when the article has no hero image; {@code null} means the site's default. Set
	 * only by migrations: the editor sets the hero image, which share cards then use.
	 */
	private String shareImagePath;

	private Instant updatedAt;

	/** Display name of the staff member who made the last change; {@code null} for a migration. */
	private String updatedBy;

	@Version
	private long version;

	protected Article() {
	}

	private Article(ArticleContent content, Status status, Instant publishedAt, String by, Instant at) {
		apply(content, by, at);
		this.status = status;
		this.publishedAt = publishedAt;
	}

	/** A new draft, not public until it is published. */
	public static Article draft(ArticleContent content, String by, Instant at) {
		return new Article(content, Status.DRAFT, null, by, at);
	}

	/** An article public from {@code publishedAt} on (for tests and imports that skip the draft stage). */
	static Article published(ArticleContent content, Instant publishedAt, String by, Instant at) {
		return new Article(content, Status.PUBLISHED, publishedAt, by, at);
	}

	/** An editor saved new text: readers (and caches) must see the new version once it is public. */
	public void edit(ArticleContent content, String by, Instant at) {
		apply(content, by, at);
	}

	private void apply(ArticleContent content, String by, Instant at) {
		this.slug = content.slug();
		this.title = content.title();
		this.description = content.summary() == null ? "" : content.summary();
		this.category = content.category();
		this.authorSlug = content.authorSlug();
		this.reviewedBySlug = content.reviewedBySlug();
		this.lastReviewedOn = content.lastReviewedOn();
		this.bodyMarkdown = content.bodyMarkdown();
		this.heroImageId = content.heroImageId();
		this.heroAlt = content.heroAlt();
		this.updatedBy = by;
		this.updatedAt = at;
	}

	/** Public from {@code from} on: a time that has come (published) or a time to come (scheduled). */
	public void publish(Instant from, String by, Instant at) {
		this.status = Status.PUBLISHED;
		this.publishedAt = from;
		this.updatedBy = by;
		this.updatedAt = at;
	}

	public void unpublish(String by, Instant at) {
		this.status = Status.UNPUBLISHED;
		this.updatedBy = by;
		this.updatedAt = at;
	}

	public ArticleContent content() {
		return new ArticleContent(slug, title, description, category, authorSlug, reviewedBySlug, lastReviewedOn,
				bodyMarkdown, heroImageId, heroAlt);
	}

	public ArticleState state(Instant now) {
		return switch (status) {
			case DRAFT -> ArticleState.DRAFT;
			case UNPUBLISHED -> ArticleState.UNPUBLISHED;
			case PUBLISHED -> publishedAt.isAfter(now) ? ArticleState.SCHEDULED : ArticleState.PUBLISHED;
		};
	}

	/** Whether readers may see it at {@code now}. */
	boolean isPublicAt(Instant now) {
		return state(now) == ArticleState.PUBLISHED;
	}

	/** Whether it has ever been (or is about to be) published: its address is then known and must keep working. */
	public boolean hasBeenPublished() {
		return status != Status.DRAFT;
	}

	public Long id() {
		return id;
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

	public Instant publishedAt() {
		return publishedAt;
	}

	/** The day readers see as "Published", in the clinic's time zone; {@code null} before a first publication. */
	public LocalDate publishedOn(ZoneId zone) {
		return publishedAt == null ? null : LocalDate.ofInstant(publishedAt, zone);
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

	public String bodyMarkdown() {
		return bodyMarkdown;
	}

	/** Its hero image's id in the image module, or {@code null} for none. */
	public Long heroImageId() {
		return heroImageId;
	}

	/** The hero image's alt text, or {@code null} without an image. */
	public String heroAlt() {
		return heroAlt;
	}

	public String shareImagePath() {
		return shareImagePath;
	}

	public Instant updatedAt() {
		return updatedAt;
	}

	public String updatedBy() {
		return updatedBy;
	}

	public long version() {
		return version;
	}

	public String path() {
		return "/articles/" + slug;
	}

}

package ca.gagephysio.article;

import java.time.LocalDate;

/**
 * Everything an editor writes in an article, as one value: what a save changes, what a revision keeps and what two
 * revisions are compared on. Publishing state and dates are not part of it.
 *
 * @param slug the last part of its address, {@code /articles/<slug>}
 * @param title the headline, also the page title
 * @param summary the meta description and the text of its cards; empty when none was written
 * @param category its section, such as {@code Health Tips}
 * @param authorSlug the clinician who wrote it (their team slug)
 * @param reviewedBySlug the clinician who last reviewed it for accuracy
 * @param lastReviewedOn the day of that review, in the clinic's time zone
 * @param bodyMarkdown the body, in Markdown with {@code ::: inquire} boxes (see
 *        {@link ca.gagephysio.article.reading.ArticleRenderer})
 * @param heroImageId its hero image's id in the image module, or {@code null} for none
 * @param heroAlt the hero image's alt text; never blank with an image, {@code null} without one
 */
public record ArticleContent(String slug, String title, String summary, String category, String authorSlug,
		String reviewedBySlug, LocalDate lastReviewedOn, String bodyMarkdown, Long heroImageId, String heroAlt) {

	/** Content without a hero image. */
	public ArticleContent(String slug, String title, String summary, String category, String authorSlug,
			String reviewedBySlug, LocalDate lastReviewedOn, String bodyMarkdown) {
		this(slug, title, summary, category, authorSlug, reviewedBySlug, lastReviewedOn, bodyMarkdown, null, null);
	}

	/** The same text with this hero image ({@code null} for none; its alt text is then dropped too). */
	public ArticleContent withHero(Long imageId, String alt) {
		return new ArticleContent(slug, title, summary, category, authorSlug, reviewedBySlug, lastReviewedOn,
				bodyMarkdown, imageId, imageId == null ? null : alt);
	}

}

package ca.gagephysio.article.staff;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import ca.gagephysio.article.Article;
import ca.gagephysio.article.ArticleContent;

/**
 * What the article editor posts; never bound to the entity. {@code version} is the article's version when the
 * editor was opened, so a save over someone else's newer one is caught (empty for a new article). A blank slug is
 * made from the title.
 *
 * Dates and the version are kept as typed (strings), so a mangled value comes back as a message beside its field
 * with everything else kept, rather than failing the whole binding.
 *
 * @param version the article's version the editor started from; empty for a new article
 * @param title the headline, up to 200 characters
 * @param slug the last part of the address: lower-case letters, digits and single hyphens, up to 150; blank to
 * make it from the title
 * @param summary the meta description and the text of the article's cards, up to 300 characters; may be blank
 * @param category its section, such as "Health Tips"
 * @param authorSlug the clinician who wrote it
 * @param reviewedBySlug the clinician who last reviewed it for accuracy
 * @param lastReviewedOn the day of that review (clinic time), as {@code yyyy-mm-dd}
 * @param bodyMarkdown the body, Markdown, up to 100,000 characters
 */
@ArticleForm.UsableSlug
record ArticleForm(String version,
		@NotBlank(message = "{articles.admin.title.required}") @Size(max = 200,
				message = "{articles.admin.title.too-long}") String title,
		@Size(max = 150, message = "{articles.admin.slug.too-long}") String slug,
		@Size(max = 300, message = "{articles.admin.summary.too-long}") String summary,
		@NotBlank(message = "{articles.admin.category.required}") @Size(max = 100,
				message = "{articles.admin.category.too-long}") String category,
		@NotBlank(message = "{articles.admin.author.required}") String authorSlug,
		@NotBlank(message = "{articles.admin.reviewer.required}") String reviewedBySlug,
		@NotBlank(message = "{articles.admin.reviewed-on.required}") String lastReviewedOn,
		@NotBlank(message = "{articles.admin.body.required}") @Size(max = 100_000,
				message = "{articles.admin.body.too-long}") String bodyMarkdown) {

	static final String DEFAULT_CATEGORY = "Health Tips";

	/** The longest body, in characters, as the {@code @Size} on {@code bodyMarkdown} says. */
	static final int BODY_LIMIT = 100_000;

	private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");

	/** A blank form for a new article by this clinician, reviewed by them today. */
	static ArticleForm blank(String authorSlug, LocalDate today) {
		return new ArticleForm("", "", "", "", DEFAULT_CATEGORY, authorSlug, authorSlug, today.toString(), "");
	}

	static ArticleForm of(Article article) {
		ArticleContent content = article.content();
		return of(content, article.version());
	}

	static ArticleForm of(ArticleContent content, Long version) {
		return new ArticleForm(version == null ? "" : version.toString(), content.title(), content.slug(),
				content.summary(), content.category(), content.authorSlug(), content.reviewedBySlug(),
				String.valueOf(content.lastReviewedOn()), content.bodyMarkdown());
	}

	/** The version the editor started from, or {@code null} if there is none or it was tampered with. */
	Long versionNumber() {
		try {
			return version == null || version.isBlank() ? null : Long.valueOf(version.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** The review day, or {@code null} if what was typed is not a date. */
	LocalDate reviewedOn() {
		try {
			return lastReviewedOn == null ? null : LocalDate.parse(lastReviewedOn.strip());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** The content to store: trimmed, with the slug made from the title when none was typed. */
	ArticleContent content() {
		return new ArticleContent(effectiveSlug(), title.strip(), summary == null ? "" : summary.strip(),
				category.strip(), authorSlug, reviewedBySlug, reviewedOn(), bodyMarkdown.strip() + "\n");
	}

	String effectiveSlug() {
		return slug == null || slug.isBlank() ? slugOf(title) : slug.strip();
	}

	/**
	 * A slug made from a title: accents dropped, lower case, every run of other characters one hyphen, cut at a
	 * hyphen to at most 80 characters (a short address reads better than a long one).
	 */
	static String slugOf(String title) {
		if (title == null) {
			return "";
		}
		String plain = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		String slug = NOT_SLUG.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll("-").replaceAll("^-|-$", "");
		if (slug.length() > 80) {
			slug = slug.substring(0, 80);
			int lastHyphen = slug.lastIndexOf('-');
			slug = lastHyphen > 0 ? slug.substring(0, lastHyphen) : slug;
		}
		return slug;
	}

	/**
	 * The slug typed, or the one made from the title when none was, must be a usable address: a title of only
	 * punctuation makes none, and a typed slug must be lower-case words joined by hyphens.
	 */
	@Documented
	@Constraint(validatedBy = UsableSlugValidator.class)
	@Target(ElementType.TYPE)
	@Retention(RetentionPolicy.RUNTIME)
	@interface UsableSlug {

		String message() default "{articles.admin.slug.invalid}";

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};

	}

	static final class UsableSlugValidator implements ConstraintValidator<UsableSlug, ArticleForm> {

		@Override
		public boolean isValid(ArticleForm form, ConstraintValidatorContext context) {
			boolean typed = form.slug() != null && !form.slug().isBlank();
			if (!typed && (form.title() == null || form.title().isBlank())) {
				return true;
			}
			String slug = form.effectiveSlug();
			if (slug.length() <= 150 && SLUG.matcher(slug).matches()) {
				return true;
			}
			context.disableDefaultConstraintViolation();
			context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
				.addPropertyNode("slug")
				.addConstraintViolation();
			return false;
		}

	}

}

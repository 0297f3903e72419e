package ca.gagephysio.article.staff;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Size;

import org.springframework.web.multipart.MultipartFile;

import ca.gagephysio.article.Article;

/**
 * What the article editor's hero image panel posts (its own small multipart form, apart from the text: the text
 * form stays a plain form that {@link ArticleFormBodyFilter} reads, whatever its length). Never bound to the entity.
 *
 * @param image a newly chosen file, or {@code null}/empty to keep the current image
 * @param imageId the image kept from before: the article's current one, or one uploaded with a submission that was
 * refused for another reason (a missing alt text), so it need not be chosen again; {@code null} for none
 * @param alt the image's alt text, up to 300 characters; required with an image (WCAG 2.2, 1.1.1 Non-text Content)
 * @param remove whether to take the current image off ({@code null}, as an unticked box sends nothing, is no)
 */
@HeroImageForm.HasAltText
record HeroImageForm(MultipartFile image, Long imageId,
		@Size(max = 300, message = "{articles.admin.hero.alt.too-long}") String alt, Boolean remove) {

	static HeroImageForm of(Article article) {
		return new HeroImageForm(null, article.heroImageId(), article.heroAlt(), null);
	}

	boolean hasUpload() {
		return image != null && !image.isEmpty();
	}

	/** The image kept from before, unless the editor asked to remove it. */
	Long keptImageId() {
		return Boolean.TRUE.equals(remove) ? null : imageId;
	}

	String strippedAlt() {
		return alt == null ? null : alt.strip();
	}

	/** An image, new or kept, needs alt text: screen-reader users and search engines get nothing from it otherwise. */
	@Documented
	@Constraint(validatedBy = HasAltText.Check.class)
	@Target(ElementType.TYPE)
	@Retention(RetentionPolicy.RUNTIME)
	@interface HasAltText {

		String message() default "{articles.admin.hero.alt.required}";

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};

		class Check implements ConstraintValidator<HasAltText, HeroImageForm> {

			@Override
			public boolean isValid(HeroImageForm form, ConstraintValidatorContext context) {
				boolean hasImage = form.hasUpload() || form.keptImageId() != null;
				if (!hasImage || (form.alt() != null && !form.alt().isBlank())) {
					return true;
				}
				context.disableDefaultConstraintViolation();
				context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
					.addPropertyNode("alt")
					.addConstraintViolation();
				return false;
			}

		}

	}

}

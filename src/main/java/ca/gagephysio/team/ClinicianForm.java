package ca.gagephysio.team;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.web.multipart.MultipartFile;

/**
 * The clinician editor's form. The photo arrives either as a new upload ({@code photo}) or as the id of one already
 * stored ({@code photoId}: the current photo, or one uploaded with a submission that had other mistakes, so it need
 * not be chosen again).
 *
 * @param name their name
 * @param jobTitle as shown to readers
 * @param profession the regulated profession alone, for structured data
 * @param credentials letters after the name, optional
 * @param bio Markdown
 * @param photo a newly chosen file, or {@code null}/empty
 * @param photoId the photo kept from before, or {@code null}
 * @param photoAlt the photo's alt text, required with a photo
 * @param removePhoto whether to drop the kept photo ({@code null}, as an unticked box sends nothing, is no)
 * @param version the version the editor opened, {@code null} for a new clinician
 */
@ClinicianForm.PhotoHasAltText
record ClinicianForm(
		@NotBlank(message = "{team.edit.name.required}") @Size(max = 100,
				message = "{team.edit.name.too-long}") String name,
		@NotBlank(message = "{team.edit.jobTitle.required}") @Size(max = 100,
				message = "{team.edit.jobTitle.too-long}") String jobTitle,
		@NotBlank(message = "{team.edit.profession.required}") @Size(max = 100,
				message = "{team.edit.profession.too-long}") String profession,
		@Size(max = 200, message = "{team.edit.credentials.too-long}") String credentials,
		@NotBlank(message = "{team.edit.bio.required}") @Size(max = 10000,
				message = "{team.edit.bio.too-long}") String bio,
		MultipartFile photo, Long photoId,
		@Size(max = 300, message = "{team.edit.photoAlt.too-long}") String photoAlt, Boolean removePhoto,
		Long version) {

	static ClinicianForm empty() {
		return new ClinicianForm(null, null, null, null, null, null, null, null, null, null);
	}

	static ClinicianForm of(ClinicianDetails details, long version) {
		return new ClinicianForm(details.name(), details.jobTitle(), details.profession(), details.credentials(),
				details.bio(), null, details.photoImageId(), details.photoAlt(), null, version);
	}

	boolean hasUpload() {
		return photo != null && !photo.isEmpty();
	}

	/** The photo the clinician had, unless the editor asked to remove it. */
	Long keptPhotoId() {
		return Boolean.TRUE.equals(removePhoto) ? null : photoId;
	}

	ClinicianDetails details(Long photoImageId) {
		return new ClinicianDetails(name.strip(), jobTitle.strip(), profession.strip(), blankToNull(credentials),
				bio.strip(), photoImageId, photoImageId == null ? null : photoAlt.strip());
	}

	private static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

	/** A photo, new or kept, needs alt text: screen-reader users and search engines get nothing from it otherwise. */
	@Target(ElementType.TYPE)
	@Retention(RetentionPolicy.RUNTIME)
	@Constraint(validatedBy = PhotoHasAltText.Check.class)
	@interface PhotoHasAltText {

		String message() default "{team.edit.photoAlt.required}";

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};

		class Check implements ConstraintValidator<PhotoHasAltText, ClinicianForm> {

			@Override
			public boolean isValid(ClinicianForm form, ConstraintValidatorContext context) {
				boolean hasPhoto = form.hasUpload() || form.keptPhotoId() != null;
				if (!hasPhoto || (form.photoAlt() != null && !form.photoAlt().isBlank())) {
					return true;
				}
				context.disableDefaultConstraintViolation();
				context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
					.addPropertyNode("photoAlt")
					.addConstraintViolation();
				return false;
			}

		}

	}

}

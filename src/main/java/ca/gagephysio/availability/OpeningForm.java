package ca.gagephysio.availability;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The next-opening form.
 *
 * @param clinician the clinician's bio slug, or empty for the clinic overall
 * @param date the day, clinic time zone, as an HTML date field sends it (ISO 8601, {@code 2026-12-08}); text, so
 * that what was typed comes back as it was when it is not a date
 * @param partOfDay morning, afternoon or evening
 */
record OpeningForm(@Size(max = 120) String clinician,
		@NotBlank(message = "{availability.date.required}") @Size(max = 30) String date,
		@NotNull(message = "{availability.part.required}") PartOfDay partOfDay) {

	static OpeningForm empty() {
		return new OpeningForm("", "", PartOfDay.MORNING);
	}

	/** The day, if {@link #date} is one in ISO 8601 form. */
	Optional<LocalDate> day() {
		try {
			return date == null ? Optional.empty() : Optional.of(LocalDate.parse(date.strip()));
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	/** The clinician's slug, or {@code null} for the clinic overall. */
	public String clinicianSlug() {
		return clinician == null || clinician.isBlank() ? null : clinician.strip();
	}

}

package ca.gagephysio.availability;

import java.time.LocalDate;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * The next-opening form.
 *
 * @param clinician the clinician's bio slug, or empty for the clinic overall
 * @param date the day, clinic time zone, as an HTML date field sends it (ISO 8601, {@code 2026-12-08})
 * @param partOfDay morning, afternoon or evening
 */
record OpeningForm(@Size(max = 120) String clinician,
		@NotNull(message = "{availability.date.required}") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
		@NotNull(message = "{availability.part.required}") PartOfDay partOfDay) {

	static OpeningForm empty() {
		return new OpeningForm("", null, PartOfDay.MORNING);
	}

	/** The clinician's slug, or {@code null} for the clinic overall. */
	public String clinicianSlug() {
		return clinician == null || clinician.isBlank() ? null : clinician.strip();
	}

}

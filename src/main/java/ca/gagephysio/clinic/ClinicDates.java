package ca.gagephysio.clinic;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * The one way the site writes a date or a moment for people, public pages and back office alike, in the clinic's
 * time zone ({@link ClinicFacts#timeZone()}): "November 24, 2026" and "November 24, 2026, 7:00 p.m." (Canadian
 * English, as the Canadian Press style writes a.m. and p.m.). Templates reach it as {@code @dates}; machine-readable
 * values ({@code <time datetime>}, CSV, JSON-LD) keep ISO 8601.
 */
@Component("dates")
public class ClinicDates {

	static final Locale CANADIAN_ENGLISH = Locale.forLanguageTag("en-CA");

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", CANADIAN_ENGLISH);

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("MMMM d, yyyy, h:mm a",
			CANADIAN_ENGLISH);

	private final ClinicFacts clinic;

	ClinicDates(ClinicFacts clinic) {
		this.clinic = clinic;
	}

	/** A day, such as "November 24, 2026"; empty for {@code null}. */
	public String date(LocalDate day) {
		return day == null ? "" : DATE.format(day);
	}

	/** A moment in the clinic's time zone, such as "November 24, 2026, 7:00 p.m."; empty for {@code null}. */
	public String dateTime(Instant moment) {
		return moment == null ? "" : DATE_TIME.format(moment.atZone(clinic.timeZone()));
	}

	/** A moment already placed in a zone, shown in the clinic's time zone; empty for {@code null}. */
	public String dateTime(ZonedDateTime moment) {
		return moment == null ? "" : dateTime(moment.toInstant());
	}

}

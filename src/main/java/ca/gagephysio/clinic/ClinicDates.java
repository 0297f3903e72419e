package ca.gagephysio.clinic;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * The one way the site writes a date or a moment for people, public pages, back office, CSV and emails alike, in the
 * clinic's time zone ({@link ClinicFacts#timeZone()}): "November 24, 2026", "Tuesday, November 24, 2026",
 * "7:00 p.m." and "November 24, 2026, 7:00 p.m." (Canadian English, as the Canadian Press style writes a.m. and
 * p.m.; month and day names from CLDR for {@code en-CA}). Templates reach it as {@code @dates}; machine-readable
 * values ({@code <time datetime>}, form fields, JSON-LD, HTTP and mail headers, CSV code columns) keep ISO 8601,
 * and the two a template needs are here too ({@link #iso(Instant)}, {@link #inputValue(Instant)}), so no template
 * or class spells a pattern of its own ({@code DatesInOneFormatTests} checks).
 * <p>
 * Every method returns the empty string for {@code null}, so a missing moment shows as nothing rather than failing
 * the page.
 */
@Component("dates")
public class ClinicDates {

	static final Locale CANADIAN_ENGLISH = Locale.forLanguageTag("en-CA");

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", CANADIAN_ENGLISH);

	private static final DateTimeFormatter WEEKDAY_DATE = DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy",
			CANADIAN_ENGLISH);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a", CANADIAN_ENGLISH);

	private static final DateTimeFormatter TIME_WITH_SECONDS = DateTimeFormatter.ofPattern("h:mm:ss a",
			CANADIAN_ENGLISH);

	private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("zzzz", CANADIAN_ENGLISH);

	private static final DateTimeFormatter ZONE_ABBREVIATION = DateTimeFormatter.ofPattern("z", CANADIAN_ENGLISH);

	/** What an HTML {@code <input type="datetime-local">} reads and sends: local time, to the minute. */
	private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm", Locale.ROOT);

	private final ClinicFacts clinic;

	/**
	 * @param clinic whose time zone every moment is shown in (read at each call, so a changed zone shows at once)
	 */
	public ClinicDates(ClinicFacts clinic) {
		this.clinic = clinic;
	}

	/** A day, such as "November 24, 2026". */
	public String date(LocalDate day) {
		return day == null ? "" : DATE.format(day);
	}

	/** The day a moment falls on in the clinic's time zone, such as "November 24, 2026". */
	public String dateOf(Instant moment) {
		return moment == null ? "" : DATE.format(local(moment));
	}

	/** A day with its weekday, such as "Tuesday, November 24, 2026": for days a person plans around. */
	public String weekdayDate(LocalDate day) {
		return day == null ? "" : WEEKDAY_DATE.format(day);
	}

	/** A time of day, such as "7:00 p.m." (a wall-clock time, no zone: opening hours). */
	public String time(LocalTime time) {
		return time == null ? "" : TIME.format(time);
	}

	/** A moment in the clinic's time zone, such as "November 24, 2026, 7:00 p.m.". */
	public String dateTime(Instant moment) {
		return moment == null ? "" : DATE.format(local(moment)) + ", " + TIME.format(local(moment));
	}

	/** A moment already placed in a zone, shown in the clinic's time zone, as {@link #dateTime(Instant)}. */
	public String dateTime(ZonedDateTime moment) {
		return moment == null ? "" : dateTime(moment.toInstant());
	}

	/**
	 * A moment with its weekday, in the clinic's time zone, such as "Tuesday, November 24, 2026, 7:00 p.m.": for
	 * what is due or comes back in the days ahead.
	 */
	public String weekdayDateTime(Instant moment) {
		return moment == null ? "" : WEEKDAY_DATE.format(local(moment)) + ", " + TIME.format(local(moment));
	}

	/**
	 * A moment to the second, in the clinic's time zone with its abbreviation, such as "November 24, 2026, 7:00:05
	 * p.m. EST": for the access trail, where the order of entries within a minute matters, and the abbreviation tells
	 * the two 1 a.m. hours of the night clocks go back apart.
	 */
	public String dateTimeWithSeconds(Instant moment) {
		return moment == null ? "" : DATE.format(local(moment)) + ", " + TIME_WITH_SECONDS.format(local(moment)) + " "
				+ ZONE_ABBREVIATION.format(local(moment));
	}

	/**
	 * A moment with the clinic's time zone named, such as "November 24, 2026, 7:00 p.m. Eastern Standard Time": for
	 * a reader who may be elsewhere (emails, links that expire), where a bare time would be taken as theirs.
	 */
	public String dateTimeInZone(Instant moment) {
		return moment == null ? "" : dateTime(moment) + " " + ZONE_NAME.format(local(moment));
	}

	/** The clinic's time zone by name at {@code moment}, such as "Eastern Standard Time" (or daylight time). */
	public String zoneName(Instant moment) {
		return moment == null ? "" : ZONE_NAME.format(local(moment));
	}

	/**
	 * A moment for machines, ISO 8601 in UTC to the second, such as "2026-11-25T00:00:00Z": the
	 * {@code <time datetime>} attribute beside one of the forms above.
	 */
	public String iso(Instant moment) {
		return moment == null ? "" : moment.truncatedTo(ChronoUnit.SECONDS).toString();
	}

	/**
	 * A moment as an {@code <input type="datetime-local">} value (HTML Living Standard, "valid normalized local
	 * date and time string"), in the clinic's time zone to the minute, such as "2026-11-24T19:00".
	 */
	public String inputValue(Instant moment) {
		return moment == null ? "" : INPUT.format(local(moment));
	}

	private ZonedDateTime local(Instant moment) {
		return moment.atZone(clinic.timeZone());
	}

}

package ca.gagephysio.clinic;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import ca.gagephysio.shared.PhoneNumbers;

/**
 * The clinic's facts as first shipped, set in {@code application.properties} (or {@code CLINIC_*} environment
 * variables): the defaults until an administrator saves the clinic's own at {@code /staff/settings}. Nothing outside
 * {@code clinic} reads their values directly: every reader asks {@link ClinicFacts}, which answers with the saved
 * facts once there are any. The seed text only gives the clinic's name; the address,
 * phone, hours and base URL shipped in {@code application.properties} are clearly marked sample values that the
 * clinic must replace (see the README).
 *
 * @param name the clinic's public name
 * @param baseUrl absolute URL the site is served from, used for canonical links, sitemaps, feeds and emails
 * @param phone phone number as shown to people
 * @param email public contact email, optional
 * @param address street address
 * @param geo coordinates for maps and structured data
 * @param timeZone the clinic's time zone, for opening hours and business-day arithmetic
 * @param hours weekly opening hours
 * @param sampleValues true while the shipped sample facts are still in use; start-up warns about it
 * @param closedOnStatutoryHolidays whether the clinic closes on Ontario's statutory holidays (see {@link ClinicFacts})
 * @param bookingUrl the clinic's online booking page, or {@code null} for none
 * @param acceptingNewClients whether the public pages say "Now booking new clients"
 */
@Validated
@ConfigurationProperties("clinic")
public record ClinicProperties(@NotBlank String name, @NotNull URI baseUrl, @NotBlank String phone, String email,
		@Valid @NotNull Address address, @Valid @NotNull Geo geo, @NotNull ZoneId timeZone,
		@Valid @NotEmpty List<OpeningHours> hours, boolean sampleValues, boolean closedOnStatutoryHolidays,
		URI bookingUrl, boolean acceptingNewClients) {

	/**
	 * A {@code tel:} link that dials the clinic (RFC 3966, read as {@link PhoneNumbers} reads every number, in the
	 * clinic's country), or {@code null} if {@code clinic.phone} is not a possible phone number: a link that dials a
	 * wrong number is worse than none.
	 */
	public String phoneHref() {
		return PhoneNumbers.in(address.country()).parse(phone).map(PhoneNumbers.Phone::telUri).orElse(null);
	}

	/** An absolute URL on this site for a path such as {@code /articles}. */
	public String url(String path) {
		String base = baseUrl.toString();
		if (base.endsWith("/")) {
			base = base.substring(0, base.length() - 1);
		}
		return base + (path.startsWith("/") ? path : "/" + path);
	}

	public record Address(@NotBlank String street, @NotBlank String city, @NotBlank String region,
			@NotBlank String postalCode, @NotBlank String country) {

		/** One line, as in a footer. */
		public String oneLine() {
			return street + ", " + city + ", " + region + " " + postalCode;
		}
	}

	public record Geo(double latitude, double longitude) {
	}

	/**
	 * One block of opening hours: the same times on a set of days.
	 */
	public record OpeningHours(@NotEmpty Set<DayOfWeek> days, @NotNull LocalTime opens, @NotNull LocalTime closes) {

		public boolean isOpenOn(DayOfWeek day) {
			return days.contains(day);
		}

		/** Monday – Thursday for a run of days, Monday, Wednesday otherwise, in the reader's language. */
		public String dayRange(Locale locale) {
			return ClinicProperties.dayRange(days, locale);
		}
	}

	/**
	 * Days as people read them, in the reader's language: {@code Monday – Thursday} for a run of three or more,
	 * {@code Saturday, Sunday} otherwise; Monday first (ISO 8601). Empty text for no days.
	 */
	public static String dayRange(Collection<DayOfWeek> days, Locale locale) {
		List<DayOfWeek> sorted = days.stream().sorted().distinct().toList();
		if (sorted.isEmpty()) {
			return "";
		}
		boolean consecutive = sorted.get(sorted.size() - 1).getValue() - sorted.get(0).getValue() == sorted.size() - 1;
		if (sorted.size() > 2 && consecutive) {
			return dayName(sorted.get(0), locale) + " – " + dayName(sorted.get(sorted.size() - 1), locale);
		}
		return String.join(", ", sorted.stream().map(day -> dayName(day, locale)).toList());
	}

	private static String dayName(DayOfWeek day, Locale locale) {
		return day.getDisplayName(TextStyle.FULL, locale);
	}

}

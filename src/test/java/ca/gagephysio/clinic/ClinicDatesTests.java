package ca.gagephysio.clinic;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one way the site writes dates and times (issue 21: "2026-11-24 19:00" on one list and "Nov. 24, 2026 7:00
 * p.m." on the next), for a clinic in Toronto: every form in the clinic's time zone, across both daylight-saving
 * changes, and the machine forms beside them in UTC or as an HTML field reads them.
 */
class ClinicDatesTests {

	private final ClinicDates dates = new ClinicDates(FixedClinicFacts.of(new ClinicProperties("Clinic",
			URI.create("https://clinic.example/"), "905-555-0100", "info@clinic.example",
			new ClinicProperties.Address("1 Main St", "Hamilton", "ON", "L8A 0A0", "CA"),
			new ClinicProperties.Geo(43.2, -79.8), ZoneId.of("America/Toronto"),
			List.of(new ClinicProperties.OpeningHours(Set.of(DayOfWeek.MONDAY), LocalTime.of(8, 0),
					LocalTime.of(17, 30))),
			true, false, null, false)));

	/** Tuesday, November 24, 2026, 7:00 p.m. in Toronto (EST, UTC-5). */
	private static final Instant EVENING = Instant.parse("2026-11-25T00:00:00Z");

	@Test
	void aMomentIsWrittenInTheClinicsTimeZoneNotInUtc() {
		assertThat(dates.dateTime(EVENING)).as("already the next day in UTC").isEqualTo("November 24, 2026, 7:00 p.m.");
		assertThat(dates.dateTime(EVENING.atZone(ZoneId.of("Asia/Tokyo")))).isEqualTo("November 24, 2026, 7:00 p.m.");
		assertThat(dates.dateOf(EVENING)).isEqualTo("November 24, 2026");
		assertThat(dates.weekdayDateTime(EVENING)).isEqualTo("Tuesday, November 24, 2026, 7:00 p.m.");
		assertThat(dates.dateTimeWithSeconds(EVENING.plusSeconds(5))).isEqualTo("November 24, 2026, 7:00:05 p.m. EST");
		assertThat(dates.dateTimeInZone(EVENING)).isEqualTo("November 24, 2026, 7:00 p.m. Eastern Standard Time");
	}

	@Test
	void daysAndTimesOfDayReadAsTheRestOfTheSite() {
		assertThat(dates.date(LocalDate.of(2026, 12, 8))).isEqualTo("December 8, 2026");
		assertThat(dates.weekdayDate(LocalDate.of(2026, 12, 8))).isEqualTo("Tuesday, December 8, 2026");
		assertThat(dates.time(LocalTime.of(8, 0))).isEqualTo("8:00 a.m.");
		assertThat(dates.time(LocalTime.of(12, 30))).isEqualTo("12:30 p.m.");
	}

	@Test
	void theDaylightSavingChangesMoveTheClockAsTorontoDoes() {
		// clocks went forward at 2:00 on Sunday March 8, 2026 and back at 2:00 on Sunday November 1, 2026
		assertThat(dates.dateTime(Instant.parse("2026-03-08T06:59:00Z"))).isEqualTo("March 8, 2026, 1:59 a.m.");
		assertThat(dates.dateTime(Instant.parse("2026-03-08T07:00:00Z"))).isEqualTo("March 8, 2026, 3:00 a.m.");
		assertThat(dates.dateTimeWithSeconds(Instant.parse("2026-11-01T05:30:00Z")))
			.isEqualTo("November 1, 2026, 1:30:00 a.m. EDT");
		assertThat(dates.dateTimeWithSeconds(Instant.parse("2026-11-01T06:30:00Z")))
			.as("the same hour again, told apart").isEqualTo("November 1, 2026, 1:30:00 a.m. EST");
		assertThat(dates.zoneName(Instant.parse("2026-07-01T12:00:00Z"))).isEqualTo("Eastern Daylight Time");
	}

	@Test
	void theMachineFormsAreIsoInUtcAndWhatADateTimeFieldReads() {
		assertThat(dates.iso(EVENING.plusNanos(123_456_789))).isEqualTo("2026-11-25T00:00:00Z");
		assertThat(dates.inputValue(EVENING)).isEqualTo("2026-11-24T19:00");
	}

	@Test
	void nothingIsWrittenForAMissingValue() {
		assertThat(List.of(dates.date(null), dates.dateOf(null), dates.weekdayDate(null), dates.time(null),
				dates.dateTime((Instant) null), dates.weekdayDateTime(null), dates.dateTimeWithSeconds(null),
				dates.dateTimeInZone(null), dates.zoneName(null), dates.iso(null), dates.inputValue(null)))
			.containsOnly("");
	}

}

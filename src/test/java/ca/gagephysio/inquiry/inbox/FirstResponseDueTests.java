package ca.gagephysio.inquiry.inbox;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import ca.gagephysio.clinic.ClinicProperties.OpeningHours;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clinic's sample hours: Monday to Thursday 8:00 to 19:00, Friday 8:00 to 17:00, closed on the weekend.
 * November 2026: Monday the 23rd to Sunday the 29th.
 */
class FirstResponseDueTests {

	private static final ZoneId TORONTO = ZoneId.of("America/Toronto");

	private final FirstResponseDue calendar = new FirstResponseDue(TORONTO, List.of(
			new OpeningHours(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY),
					LocalTime.of(8, 0), LocalTime.of(19, 0)),
			new OpeningHours(EnumSet.of(DayOfWeek.FRIDAY), LocalTime.of(8, 0), LocalTime.of(17, 0))), date -> false);

	@Test
	void anInquiryDuringOpeningHoursIsDueAtTheSameTimeNextBusinessDay() {
		Instant tuesdayTen = at(2026, 11, 24, 10, 0);

		assertThat(calendar.isOverdue(tuesdayTen, at(2026, 11, 25, 9, 59))).isFalse();
		assertThat(calendar.isOverdue(tuesdayTen, at(2026, 11, 25, 10, 0))).isTrue();
	}

	@Test
	void theWeekendDoesNotCount() {
		Instant fridayFour = at(2026, 11, 27, 16, 0);

		assertThat(calendar.isOverdue(fridayFour, at(2026, 11, 29, 23, 0))).isFalse();
		assertThat(calendar.isOverdue(fridayFour, at(2026, 11, 30, 15, 59))).isFalse();
		assertThat(calendar.isOverdue(fridayFour, at(2026, 11, 30, 16, 0))).isTrue();
	}

	@Test
	void anInquiryWhileClosedCountsFromTheNextOpening() {
		Instant saturday = at(2026, 11, 28, 11, 0);

		assertThat(calendar.responseDue(saturday)).contains(at(2026, 12, 1, 8, 0));
	}

	@Test
	void anInquiryBeforeOpeningCountsThatWholeDay() {
		Instant tuesdaySeven = at(2026, 11, 24, 7, 0);

		assertThat(calendar.responseDue(tuesdaySeven)).contains(at(2026, 11, 25, 8, 0));
	}

	@Test
	void aDueTimePastTheNextDaysClosingIsBroughtBackToClosing() {
		Instant thursdayHalfSix = at(2026, 11, 26, 18, 30);

		assertThat(calendar.responseDue(thursdayHalfSix)).contains(at(2026, 11, 27, 17, 0));
	}

	@Test
	void anInquiryAfterClosingIsDueAtOpeningTheDayAfterNext() {
		Instant mondayEvening = at(2026, 11, 23, 20, 0);

		assertThat(calendar.responseDue(mondayEvening)).contains(at(2026, 11, 25, 8, 0));
	}

	@Test
	void aHolidayTheClinicClosesOnCountsAsAClosedDay() {
		LocalDate christmas = LocalDate.of(2026, 12, 25);
		FirstResponseDue closedAtChristmas = new FirstResponseDue(TORONTO, List.of(new OpeningHours(
				EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 0), LocalTime.of(17, 0))),
				christmas::equals);
		Instant thursdayTen = at(2026, 12, 24, 10, 0);

		assertThat(calendar.responseDue(thursdayTen)).contains(at(2026, 12, 25, 10, 0));
		assertThat(closedAtChristmas.responseDue(thursdayTen)).as("Friday the 25th skipped, then the weekend")
			.contains(at(2026, 12, 28, 10, 0));
		assertThat(closedAtChristmas.responseDue(at(2026, 12, 25, 9, 0))).as("received on the holiday")
			.contains(at(2026, 12, 29, 8, 0));
	}

	@Test
	void openTimeCountsOnlyOpeningHours() {
		Instant fridayFour = at(2026, 11, 27, 16, 0);

		assertThat(calendar.openTimeBetween(fridayFour, at(2026, 11, 27, 16, 30))).isEqualTo(Duration.ofMinutes(30));
		assertThat(calendar.openTimeBetween(fridayFour, at(2026, 11, 29, 23, 0))).as("Friday's last hour, no weekend")
			.isEqualTo(Duration.ofHours(1));
		assertThat(calendar.openTimeBetween(fridayFour, at(2026, 11, 30, 9, 30))).as("and Monday from 8:00")
			.isEqualTo(Duration.ofMinutes(150));
		assertThat(calendar.openTimeBetween(at(2026, 11, 28, 11, 0), at(2026, 11, 29, 12, 0))).as("all weekend")
			.isZero();
		assertThat(calendar.openTimeBetween(at(2026, 11, 30, 9, 0), fridayFour)).as("backwards").isZero();
	}

	@Test
	void openTimeLeavesOutAHolidayTheClinicClosesOn() {
		LocalDate christmas = LocalDate.of(2026, 12, 25);
		FirstResponseDue closedAtChristmas = new FirstResponseDue(TORONTO, List.of(new OpeningHours(
				EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 0), LocalTime.of(17, 0))),
				christmas::equals);

		assertThat(closedAtChristmas.openTimeBetween(at(2026, 12, 24, 16, 0), at(2026, 12, 28, 9, 0)))
			.isEqualTo(Duration.ofHours(2));
	}

	private static Instant at(int year, int month, int day, int hour, int minute) {
		return LocalDateTime.of(year, month, day, hour, minute).atZone(TORONTO).toInstant();
	}

}

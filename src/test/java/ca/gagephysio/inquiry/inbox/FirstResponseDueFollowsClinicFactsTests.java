package ca.gagephysio.inquiry.inbox;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.clinic.ClinicFacts.DayHours;
import ca.gagephysio.clinic.ClinicFacts.Facts;
import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.clinic.SavedClinicFacts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox's due times follow the clinic's saved facts at once: hours and the statutory holidays it closes on, the
 * holidays taken from Jollyday's Ontario calendar. December 2026: Christmas is Friday the 25th, Boxing Day Saturday
 * the 26th.
 */
@ClinicIntegrationTest
class FirstResponseDueFollowsClinicFactsTests {

	private static final ZoneId CLINIC = ZoneId.of("America/Toronto");

	@Autowired
	FirstResponseDue firstResponseDue;

	@Autowired
	ClinicFacts clinic;

	@Autowired
	ApplicationContext context;

	@AfterEach
	void backToTheDefaults() {
		SavedClinicFacts.forget(context);
	}

	@Test
	void closingOnStatutoryHolidaysMovesTheDueTimePastChristmas() {
		Instant christmasEveTen = at(2026, 12, 24, 10, 0);
		assertThat(firstResponseDue.responseDue(christmasEveTen)).as("the shipped defaults: holidays not closed")
			.contains(at(2026, 12, 25, 10, 0));

		clinic.save(withHolidaysClosed(clinic.facts(), true), clinic.version(), "Test");

		assertThat(firstResponseDue.responseDue(christmasEveTen)).as("Friday the 25th is Christmas, then the weekend")
			.contains(at(2026, 12, 28, 10, 0));
		assertThat(firstResponseDue.isOverdue(christmasEveTen, at(2026, 12, 25, 10, 0))).isFalse();
	}

	@Test
	void savedHoursApplyAtOnce() {
		Map<DayOfWeek, DayHours> week = new EnumMap<>(DayOfWeek.class);
		week.put(DayOfWeek.MONDAY, new DayHours(LocalTime.of(9, 0), LocalTime.of(17, 0)));
		week.put(DayOfWeek.WEDNESDAY, new DayHours(LocalTime.of(9, 0), LocalTime.of(17, 0)));
		Facts now = clinic.facts();
		clinic.save(new Facts(now.name(), now.baseUrl(), now.phone(), now.email(), now.address(), now.geo(), week,
				false, null, false), clinic.version(), "Test");

		assertThat(firstResponseDue.responseDue(at(2026, 11, 23, 10, 0))).as("Monday, now open only Mon and Wed")
			.contains(at(2026, 11, 25, 10, 0));
	}

	private static Facts withHolidaysClosed(Facts facts, boolean closed) {
		return new Facts(facts.name(), facts.baseUrl(), facts.phone(), facts.email(), facts.address(), facts.geo(),
				facts.week(), closed, facts.bookingUrl(), facts.acceptingNewClients());
	}

	private static Instant at(int year, int month, int day, int hour, int minute) {
		return LocalDateTime.of(year, month, day, hour, minute).atZone(CLINIC).toInstant();
	}

}

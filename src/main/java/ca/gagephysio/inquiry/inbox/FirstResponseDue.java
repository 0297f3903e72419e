package ca.gagephysio.inquiry.inbox;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.clinic.ClinicProperties.OpeningHours;

/**
 * When a new inquiry's first response is due: within one business day, by the same time of day on the next day the
 * clinic is open. One that arrives while the clinic is closed counts from the next opening, and a due time past that
 * day's closing is brought back to it. So Tuesday 10:00 is due Wednesday 10:00, Friday 16:00 is due Monday 16:00,
 * and Saturday is due Tuesday at opening. Business days come from the clinic's current facts ({@link ClinicFacts}):
 * its opening hours, time zone, and the statutory holidays it closes on, which count as closed days.
 */
@Component
class FirstResponseDue {

	/** Looking further than this for an open day means the hours are misconfigured; never overdue then. */
	private static final int MAX_DAYS_AHEAD = 14;

	/** {@link #openTimeBetween} counts at most this many days back: a year of waiting says enough. */
	private static final int MAX_DAYS_COUNTED = 366;

	private final Supplier<Rules> rules;

	/** Reads the clinic's facts at each call, so a saved change of hours or holidays applies at once. */
	@Autowired
	FirstResponseDue(ClinicFacts clinic) {
		this.rules = () -> new Rules(clinic.timeZone(), clinic.hours(), clinic::isHoliday);
	}

	FirstResponseDue(ZoneId zone, List<OpeningHours> hours, Predicate<LocalDate> holiday) {
		Rules fixed = new Rules(zone, List.copyOf(hours), holiday);
		this.rules = () -> fixed;
	}

	/** When the first response to an inquiry received at this time is due, or empty if the clinic never opens. */
	Optional<Instant> responseDue(Instant receivedAt) {
		Rules rules = this.rules.get();
		ZoneId zone = rules.zone();
		ZonedDateTime received = receivedAt.atZone(zone);
		Optional<ZonedDateTime> start = countingFrom(received, rules);
		if (start.isEmpty()) {
			return Optional.empty();
		}
		LocalDate day = start.get().toLocalDate();
		for (int ahead = 1; ahead <= MAX_DAYS_AHEAD; ahead++) {
			LocalDate next = day.plusDays(ahead);
			Optional<Day> open = openOn(next, rules);
			if (open.isPresent()) {
				LocalTime time = open.get().clamp(start.get().toLocalTime());
				return Optional.of(next.atTime(time).atZone(zone).toInstant());
			}
		}
		return Optional.empty();
	}

	/** True if the inquiry received at this time has waited longer than one business day by {@code now}. */
	boolean isOverdue(Instant receivedAt, Instant now) {
		return responseDue(receivedAt).map(due -> !now.isBefore(due)).orElse(false);
	}

	/**
	 * True if a response at {@code respondedAt} came within one business day of {@code receivedAt}: by the time
	 * {@link #responseDue} gives, the same rule that marks an inquiry overdue in the inbox (a clinic that never opens
	 * never makes one late).
	 */
	boolean answeredInTime(Instant receivedAt, Instant respondedAt) {
		return responseDue(receivedAt).map(due -> !respondedAt.isAfter(due)).orElse(true);
	}

	/**
	 * Whether the clinic is open at {@code now}: an open day (not a statutory holiday it closes on) between that day's
	 * opening and closing, in the clinic's time zone.
	 */
	boolean isOpenAt(Instant now) {
		Rules rules = this.rules.get();
		ZonedDateTime at = now.atZone(rules.zone());
		return openOn(at.toLocalDate(), rules)
			.map(day -> !at.toLocalTime().isBefore(day.opens()) && at.toLocalTime().isBefore(day.closes()))
			.orElse(false);
	}

	/** The clinic's time zone, as its facts say now. */
	ZoneId zone() {
		return rules.get().zone();
	}

	/**
	 * How much of the clinic's opening hours (its business time, as {@link #responseDue} counts it: open days and
	 * hours in the clinic's time zone, statutory holidays it closes on left out) lies between two instants; zero if
	 * {@code to} is not after {@code from}. Only the last {@value #MAX_DAYS_COUNTED} days before {@code to} are
	 * counted.
	 */
	Duration openTimeBetween(Instant from, Instant to) {
		if (!from.isBefore(to)) {
			return Duration.ZERO;
		}
		Rules rules = this.rules.get();
		ZoneId zone = rules.zone();
		LocalDate last = to.atZone(zone).toLocalDate();
		LocalDate first = from.atZone(zone).toLocalDate();
		if (first.isBefore(last.minusDays(MAX_DAYS_COUNTED))) {
			first = last.minusDays(MAX_DAYS_COUNTED);
		}
		Duration open = Duration.ZERO;
		for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
			Optional<Day> day = openOn(date, rules);
			if (day.isPresent()) {
				Instant opens = date.atTime(day.get().opens()).atZone(zone).toInstant();
				Instant closes = date.atTime(day.get().closes()).atZone(zone).toInstant();
				Instant start = opens.isAfter(from) ? opens : from;
				Instant end = closes.isBefore(to) ? closes : to;
				if (start.isBefore(end)) {
					open = open.plus(Duration.between(start, end));
				}
			}
		}
		return open;
	}

	/** The moment the business-day clock starts: the arrival itself if open, otherwise the next opening. */
	private static Optional<ZonedDateTime> countingFrom(ZonedDateTime received, Rules rules) {
		ZoneId zone = rules.zone();
		LocalDate day = received.toLocalDate();
		Optional<Day> today = openOn(day, rules);
		if (today.isPresent() && received.toLocalTime().isBefore(today.get().closes())) {
			LocalTime time = today.get().clamp(received.toLocalTime());
			return Optional.of(day.atTime(time).atZone(zone));
		}
		for (int ahead = 1; ahead <= MAX_DAYS_AHEAD; ahead++) {
			LocalDate next = day.plusDays(ahead);
			Optional<Day> open = openOn(next, rules);
			if (open.isPresent()) {
				return Optional.of(next.atTime(open.get().opens()).atZone(zone));
			}
		}
		return Optional.empty();
	}

	/**
	 * The day's opening hours: from the earliest opening to the latest closing of the blocks that include it; none on
	 * a holiday the clinic closes on.
	 */
	private static Optional<Day> openOn(LocalDate date, Rules rules) {
		if (rules.holiday().test(date)) {
			return Optional.empty();
		}
		DayOfWeek day = date.getDayOfWeek();
		List<OpeningHours> blocks = rules.hours().stream()
			.filter(block -> block.isOpenOn(day) && block.opens().isBefore(block.closes()))
			.toList();
		if (blocks.isEmpty()) {
			return Optional.empty();
		}
		LocalTime opens = blocks.stream().map(OpeningHours::opens).min(LocalTime::compareTo).orElseThrow();
		LocalTime closes = blocks.stream().map(OpeningHours::closes).max(LocalTime::compareTo).orElseThrow();
		return Optional.of(new Day(opens, closes));
	}

	private record Rules(ZoneId zone, List<OpeningHours> hours, Predicate<LocalDate> holiday) {
	}

	private record Day(LocalTime opens, LocalTime closes) {

		LocalTime clamp(LocalTime time) {
			if (time.isBefore(opens)) {
				return opens;
			}
			return time.isAfter(closes) ? closes : time;
		}

	}

}

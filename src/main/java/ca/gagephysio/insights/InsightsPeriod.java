package ca.gagephysio.insights;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import jakarta.validation.constraints.AssertTrue;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;

import ca.gagephysio.inquiry.InquiryFigures;

/**
 * The period the owner asks about, as the insights form sends it ({@code GET}, so a period can be bookmarked): one of
 * the rolling ranges ending today, or {@code CUSTOM} with both dates. Dates are calendar days in the clinic's time
 * zone, both included ({@code yyyy-MM-dd}), from 1900 to 9999. No range means the last 12 weeks; dates sent with a
 * rolling range are refused, since they would be ignored.
 *
 * @param range which period, or {@code null} for the default
 * @param from first day of a custom period
 * @param to last day of a custom period
 */
record InsightsPeriod(Range range, @DateTimeFormat(iso = ISO.DATE) LocalDate from,
		@DateTimeFormat(iso = ISO.DATE) LocalDate to) {

	/** The longest custom period, in days: about three years, what the figures accept ({@link InquiryFigures}). */
	static final int MAX_DAYS = InquiryFigures.MAX_DAYS;

	/** The names Bean Validation gives the rules below, which span both dates. */
	static final java.util.Set<String> ACROSS_FIELDS = java.util.Set.of("datesGiven", "forwards", "notTooLong",
			"datesWithTheirChoice", "inTheCalendar");

	/** The earliest and latest days a period may name: wider than any clinic's records, narrow enough to count weeks. */
	static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

	static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

	InsightsPeriod {
		// no choice (the first visit, a bookmark of the bare address) is the last 12 weeks, and the form shows it
		range = range == null ? Range.WEEKS_12 : range;
	}

	/** A custom period needs both dates; a rolling one ignores them. */
	@AssertTrue(message = "{insights.period.dates-needed}")
	boolean isDatesGiven() {
		return range != Range.CUSTOM || (from != null && to != null);
	}

	/**
	 * Dates typed beside a rolling period would be ignored without a word (the person typed them and pressed Show
	 * without choosing "From and to the dates below"), so they are refused with a message saying what to choose.
	 */
	@AssertTrue(message = "{insights.period.choose-custom}")
	boolean isDatesWithTheirChoice() {
		return range == Range.CUSTOM || (from == null && to == null);
	}

	/** A year such as +999999999 parses as a date but cannot be counted in weeks: refused, not a 500. */
	@AssertTrue(message = "{insights.period.out-of-range}")
	boolean isInTheCalendar() {
		return (from == null || (!from.isBefore(EARLIEST) && !from.isAfter(LATEST)))
				&& (to == null || (!to.isBefore(EARLIEST) && !to.isAfter(LATEST)));
	}

	@AssertTrue(message = "{insights.period.backwards}")
	boolean isForwards() {
		return range != Range.CUSTOM || from == null || to == null || !from.isAfter(to);
	}

	@AssertTrue(message = "{insights.period.too-long}")
	boolean isNotTooLong() {
		return range != Range.CUSTOM || from == null || to == null || from.isAfter(to) || !isInTheCalendar()
				|| ChronoUnit.DAYS.between(from, to) < MAX_DAYS;
	}

	/** The first and last day, both included, for a valid period; rolling ranges end {@code today}. */
	Days days(LocalDate today) {
		return switch (range) {
			case WEEKS_4 -> new Days(today.minusWeeks(4).plusDays(1), today);
			case WEEKS_12 -> new Days(today.minusWeeks(12).plusDays(1), today);
			case MONTHS_12 -> new Days(today.minusMonths(12).plusDays(1), today);
			case CUSTOM -> new Days(from, to);
		};
	}

	/** The choices of period, in the form's order. */
	enum Range {

		WEEKS_4, WEEKS_12, MONTHS_12, CUSTOM

	}

	/** First and last day of a period, both included. */
	record Days(LocalDate from, LocalDate to) {

		/** The period of the same number of days that ends the day before this one starts. */
		Days previous() {
			long length = java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1;
			return new Days(from.minusDays(length), from.minusDays(1));
		}

	}

}

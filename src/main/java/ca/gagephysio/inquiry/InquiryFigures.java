package ca.gagephysio.inquiry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Counts of inquiries over a period, for the owner's insights: every count is an aggregate the database computes,
 * every median and percentile is defined as SQL's {@code percentile_cont} (linear interpolation between the closest
 * ranks), and no figure names or identifies a person. Days are calendar days in the clinic's time zone, both ends
 * included; an inquiry belongs to the day (and week) it arrived. A week starts on Monday (ISO 8601). "Inquiries"
 * leaves out those marked as spam; "spam" counts only those.
 * <p>
 * An inquiry "reached booked" if it is booked now or was moved to booked before it was closed. Response times are
 * seconds of the clinic's opening hours (its time zone, open days and hours, and the statutory holidays it closes
 * on) between arrival and the first response: a reply, a call that reached the person or left a message, or the
 * first change of status; "in time" is within one business day, the rule by which the inbox marks an inquiry
 * overdue.
 * <p>
 * Periods are limited to {@value #MAX_DAYS} days, which keeps each query to one bounded statement; the lists per
 * source and per reason hold at most {@value #MAX_ROWS} rows, the largest.
 */
public interface InquiryFigures {

	/** The longest period, in days, any method accepts. */
	int MAX_DAYS = 1200;

	/**
	 * The most rows a list per source, service or reason returns: more than the pages a clinic's site has (each can
	 * be stored as its path and as its slug), while the form's hidden source fields, which anyone can fill, cannot
	 * make a list without end.
	 */
	int MAX_ROWS = 200;

	/**
	 * Inquiries, spam and first-response times per week that has a day in {@code [from, to]}, oldest first; a week
	 * cut by the period counts only its days inside it.
	 */
	List<WeeklyInquiries> perWeek(LocalDate from, LocalDate to);

	/**
	 * {@link #perWeek} and {@link #totals} of the same period, read together for fewer passes over its inquiries:
	 * the totals' counts are the weeks' counts added up (a week cut by the period counts only its days inside it,
	 * so the weeks add up to the period exactly), and the period's median is taken beside the weeks' percentiles.
	 * The same figures as the two methods give.
	 */
	WeeksAndTotals perWeekAndTotals(LocalDate from, LocalDate to);

	/**
	 * A period's weeks and its totals.
	 *
	 * @param weeks as {@link #perWeek} gives them
	 * @param totals as {@link #totals} gives them
	 */
	record WeeksAndTotals(List<WeeklyInquiries> weeks, Totals totals) {
	}

	/** Inquiries per service asked about, most first. */
	List<Count> perService(LocalDate from, LocalDate to);

	/**
	 * Inquiries per page of this site they came from, as the form stored it: a path such as
	 * {@code /articles/massage-for-back-pain}, a call to action's bare slug such as {@code massage-for-back-pain}, or
	 * {@code home}; the empty string when none was recorded. Most first.
	 */
	List<SourceCount> perSourcePage(LocalDate from, LocalDate to);

	/** Inquiries per referring site (host, lower case, with a port if one was given; empty when none), most first. */
	List<SourceCount> perReferringSite(LocalDate from, LocalDate to);

	/** Inquiries per UTM campaign of the link the person followed (empty when none), most first. */
	List<SourceCount> perCampaign(LocalDate from, LocalDate to);

	/**
	 * The inquiries overdue at {@code now}: still new (no response), not spam, past their first-response due time
	 * (one business day, the inbox's rule), oldest first; at most {@value #MAX_ROWS}. References only, never a
	 * person's details.
	 */
	List<Overdue> overdueAt(Instant now);

	/** Inquiries spam control caught, per reason (the empty string for those staff marked as spam), most first. */
	List<Count> spamPerReason(LocalDate from, LocalDate to);

	/**
	 * The period's totals, for the headline numbers of the insights: inquiries (spam left out), how many of them
	 * reached booked, how many have a first response, and the median first response over the whole period (not a
	 * median of weekly medians).
	 */
	Totals totals(LocalDate from, LocalDate to);

	/**
	 * A period's totals.
	 *
	 * @param inquiries inquiries that arrived in it, spam left out
	 * @param booked of those, how many reached booked (booked now, or closed after being booked)
	 * @param answered of those, how many have a first response so far
	 * @param medianResponseSeconds the median first response of the answered ones, seconds of opening hours, or
	 * {@code null} when none was answered
	 */
	record Totals(long inquiries, long booked, long answered, Double medianResponseSeconds) {
	}

	/**
	 * The time from a patient's answer by email to the clinic's next reply (a reply from the inbox, or a call that
	 * reached them or left a message), over the answers replied to within {@code [from, to]} (calendar days in the
	 * clinic's time zone): how many, and the median in seconds of the clinic's opening hours.
	 */
	AnswerReplyTimes answerToReply(LocalDate from, LocalDate to);

	/**
	 * @param replied answers replied to in the period
	 * @param medianSeconds the median wait, seconds of opening hours ({@code percentile_cont(0.5)}), or {@code null}
	 * when none was replied to
	 */
	record AnswerReplyTimes(long replied, Double medianSeconds) {
	}

	/**
	 * The waiting list per week that has a day in {@code [from, to]}, oldest first (issue 22): who joined, who was
	 * contacted (their first response: a reply, a call that reached them or left a message, a change of status) and
	 * how many were still waiting at the end of the week (its last day in the period, midnight clinic time). Entries
	 * marked as spam are left out.
	 */
	List<WeeklyWaitingList> waitingListPerWeek(LocalDate from, LocalDate to);

	/**
	 * One week of the waiting list.
	 *
	 * @param weekStarting its Monday
	 * @param joined entries that arrived in it (its days inside the period)
	 * @param contacted entries whose first response came in it
	 * @param waitingAtEnd entries that had joined and were not yet contacted when the week ended
	 * @param medianDaysWaited of {@code contacted}, the median of the days (24 hours each, calendar time, not opening
	 * hours) from joining to the first response; {@code null} when none was contacted
	 */
	record WeeklyWaitingList(LocalDate weekStarting, long joined, long contacted, long waitingAtEnd,
			Double medianDaysWaited) {
	}

	/**
	 * One week.
	 *
	 * @param weekStarting its Monday
	 * @param inquiries inquiries that arrived in it, spam left out
	 * @param spam spam caught
	 * @param answered of {@code inquiries}, those with a first response so far
	 * @param medianResponseSeconds median of the answered ones' response times, seconds of opening hours, or
	 * {@code null} when none was answered
	 * @param p90ResponseSeconds their 90th percentile (linear interpolation, as {@code percentile_cont}), or
	 * {@code null}
	 * @param answeredInTime of {@code answered}, those answered within one business day
	 * @param answeredWithinHour of {@code answered}, those answered within one business hour (3,600 seconds of
	 * opening hours)
	 */
	record WeeklyInquiries(LocalDate weekStarting, long inquiries, long spam, long answered,
			Double medianResponseSeconds, Double p90ResponseSeconds, long answeredInTime, long answeredWithinHour) {
	}

	/**
	 * One overdue inquiry.
	 *
	 * @param inquiryId its id, for the inbox's link
	 * @param reference its reference
	 * @param dueAt when its first response was due
	 */
	record Overdue(long inquiryId, String reference, Instant dueAt) {
	}

	/**
	 * A number of inquiries under one name.
	 *
	 * @param name for services the message key suffix ({@code back-pain}, as {@code inquiry.service.back-pain}); for
	 * spam the reason spam control gave
	 * @param inquiries how many
	 */
	record Count(String name, long inquiries) {
	}

	/**
	 * Inquiries from one source and how many of them reached booked.
	 *
	 * @param source the page, site or campaign; empty when none was recorded
	 * @param inquiries how many, spam left out
	 * @param booked of those, how many reached booked
	 */
	record SourceCount(String source, long inquiries, long booked) {
	}

}

package ca.gagephysio.inquiry.inbox;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.inquiry.InquiryFigures;
import ca.gagephysio.inquiry.internal.ArrivalDays;
import ca.gagephysio.inquiry.internal.HelpWith;
import ca.gagephysio.inquiry.internal.Inquiry;

/**
 * {@link InquiryFigures} as aggregate SQL over the {@code inquiry} table, in the SQL both H2 (2.x) and PostgreSQL
 * run. A period is a range of the stored arrival day and a week is the stored arrival week, both in the clinic's time
 * zone and fixed when the inquiry arrived ({@link ArrivalDays}); every statement reads only columns of one of the
 * indexes migration V58 made for it, so both databases answer from the index without reading the rows
 * ({@code InquiryArrivalDayMigration}; the weekly figures and the totals read V105's). The counts are aggregates;
 * the medians and percentiles are worked out by {@link Percentiles} from the answered inquiries' times, read in the
 * same pass (it says why). The weekly figures take two statements (the counts, and the answered inquiries' weeks and
 * times) and first have {@link FirstResponseTimes} fill in answered inquiries without a business time, so none is
 * left out.
 */
@Component
class JdbcInquiryFigures implements InquiryFigures {

	/**
	 * Reached booked: booked now, or closed after being booked ({@code reached_booked}, set by every move to
	 * booked; a booking taken back to "contacted" does not count). A condition, for {@code count(*) filter (where
	 * ...)}: H2 counts with a filter in about two thirds of the time it adds up a {@code case} (JDBC harness on
	 * 100,000 inquiries, issue 24's fourth pass), and PostgreSQL no slower.
	 */
	private static final String BOOKED = """
			i.status = 'BOOKED' or (i.status = 'CLOSED' and i.reached_booked = true)""";

	/** One business hour, in seconds of opening hours: the "answered within the hour" share. */
	static final int ONE_BUSINESS_HOUR = 3600;

	/** New inquiries read to find the overdue ones: far more than a clinic leaves unanswered. */
	private static final int NEW_READ = 2000;

	private static final String IN_PERIOD = "i.arrival_day >= :from and i.arrival_day <= :to";

	private final JdbcClient jdbc;

	private final FirstResponseTimes responseTimes;

	private final ArrivalDays arrivalDays;

	private final ClinicFacts clinic;

	private final FirstResponseDue due;

	JdbcInquiryFigures(JdbcClient jdbc, FirstResponseTimes responseTimes, ArrivalDays arrivalDays, ClinicFacts clinic,
			FirstResponseDue due) {
		this.clinic = clinic;
		this.due = due;
		this.jdbc = jdbc;
		this.responseTimes = responseTimes;
		this.arrivalDays = arrivalDays;
	}

	@Override
	public List<WeeklyInquiries> perWeek(LocalDate from, LocalDate to) {
		return weeks(from, to, false).weeks();
	}

	@Override
	public WeeksAndTotals perWeekAndTotals(LocalDate from, LocalDate to) {
		return weeks(from, to, true);
	}

	/**
	 * The weeks of the period and, when {@code withTotals}, its totals: the counts added up from the weeks', the
	 * median from the same answered times as the weeks' percentiles (both statements read index
	 * {@code inquiry_arrival_figures_idx}, V105, without the rows); otherwise the totals are {@code null}.
	 */
	private WeeksAndTotals weeks(LocalDate from, LocalDate to, boolean withTotals) {
		check(from, to);
		responseTimes.fillMissing();
		// The answered inquiries' weeks and times, for the percentiles (worked out here: Percentiles says why). The
		// where clause, not a filter, leaves spam out: H2 reads only the index entries of the answered ones.
		Map<LocalDate, DoubleStream.Builder> times = new HashMap<>();
		DoubleStream.Builder periodTimes = DoubleStream.builder();
		period(jdbc.sql("""
				select i.arrival_week, i.first_response_open_seconds
				from inquiry i
				where %s and i.status <> 'SPAM' and i.first_response_open_seconds is not null""".formatted(IN_PERIOD)),
				from, to)
			.query(rs -> {
				double seconds = rs.getLong(2);
				times.computeIfAbsent(rs.getObject(1, LocalDate.class), week -> DoubleStream.builder()).add(seconds);
				if (withTotals) {
					periodTimes.add(seconds);
				}
			});
		Map<LocalDate, long[]> counts = new HashMap<>();
		period(jdbc.sql("""
				select i.arrival_week,
				       count(*) filter (where i.status <> 'SPAM'),
				       count(*) filter (where i.status = 'SPAM'),
				       count(*) filter (where i.status <> 'SPAM' and i.first_response_open_seconds is not null),
				       count(*) filter (where i.status <> 'SPAM' and i.first_response_in_time = true),
				       count(*) filter (where i.status <> 'SPAM' and i.first_response_open_seconds <= %d),
				       count(*) filter (where %s)
				from inquiry i where %s
				group by i.arrival_week""".formatted(ONE_BUSINESS_HOUR, BOOKED, IN_PERIOD)), from, to)
			.query(rs -> {
				counts.put(rs.getObject(1, LocalDate.class), new long[] { rs.getLong(2), rs.getLong(3), rs.getLong(4),
						rs.getLong(5), rs.getLong(6), rs.getLong(7) });
			});
		// Every week of the period has a row, those without an inquiry too: a chart's gap is a zero, not a skip.
		List<WeeklyInquiries> weeks = new ArrayList<>();
		for (LocalDate monday = Inquiry.weekOf(from); !monday.isAfter(to); monday = monday.plusWeeks(1)) {
			long[] c = counts.getOrDefault(monday, new long[6]);
			DoubleStream.Builder answered = times.get(monday);
			double[] percentiles = answered == null ? null : Percentiles.medianAnd90th(answered.build().toArray());
			weeks.add(new WeeklyInquiries(monday, c[0], c[1], c[2], percentiles == null ? null : percentiles[0],
					percentiles == null ? null : percentiles[1], c[3], c[4]));
		}
		if (!withTotals) {
			return new WeeksAndTotals(weeks, null);
		}
		// each inquiry of the period is in exactly one week's counts: added up, they are the period's
		long inquiries = 0;
		long booked = 0;
		long answeredCount = 0;
		for (long[] week : counts.values()) {
			inquiries += week[0];
			answeredCount += week[2];
			booked += week[5];
		}
		return new WeeksAndTotals(weeks,
				new Totals(inquiries, booked, answeredCount, Percentiles.median(periodTimes.build().toArray())));
	}

	@Override
	public Totals totals(LocalDate from, LocalDate to) {
		check(from, to);
		responseTimes.fillMissing();
		long[] counts = period(jdbc.sql("""
				select count(*) filter (where i.status <> 'SPAM'),
				       count(*) filter (where %s),
				       count(*) filter (where i.status <> 'SPAM' and i.first_response_open_seconds is not null)
				from inquiry i where %s""".formatted(BOOKED, IN_PERIOD)), from, to)
			.query((rs, row) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) })
			.single();
		DoubleStream.Builder times = DoubleStream.builder();
		period(jdbc.sql("""
				select i.first_response_open_seconds
				from inquiry i
				where %s and i.status <> 'SPAM' and i.first_response_open_seconds is not null""".formatted(IN_PERIOD)),
				from, to)
			.query(rs -> {
				times.add(rs.getLong(1));
			});
		Double median = Percentiles.median(times.build().toArray());
		return new Totals(counts[0], counts[1], counts[2], median);
	}

	@Override
	public AnswerReplyTimes answerToReply(LocalDate from, LocalDate to) {
		check(from, to);
		java.time.ZoneId zone = clinic.timeZone();
		DoubleStream.Builder waits = DoubleStream.builder();
		jdbc.sql("""
				select a.reply_open_seconds
				from inquiry_answer a
				where a.replied_at >= :start and a.replied_at < :end and a.reply_open_seconds is not null""")
			.param("start", java.sql.Timestamp.from(from.atStartOfDay(zone).toInstant()))
			.param("end", java.sql.Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant()))
			.query(rs -> {
				waits.add(rs.getLong(1));
			});
		double[] seconds = waits.build().toArray();
		// none replied to: no median (null), so the page says there were none rather than "Median 0.0 hours"
		return new AnswerReplyTimes(seconds.length, Percentiles.median(seconds));
	}

	@Override
	public List<Count> perService(LocalDate from, LocalDate to) {
		check(from, to);
		return period(jdbc.sql("""
				select i.service, count(*) as inquiries from inquiry i
				where %s and i.status <> 'SPAM'
				group by i.service
				order by inquiries desc, i.service
				fetch first %d rows only""".formatted(IN_PERIOD, MAX_ROWS)), from, to)
			.query((rs, row) -> new Count(HelpWith.valueOf(rs.getString(1)).key(), rs.getLong(2)))
			.list();
	}

	@Override
	public List<SourceCount> perSourcePage(LocalDate from, LocalDate to) {
		return perSource("source_page", "coalesce(s.stored, '')", from, to);
	}

	@Override
	public List<SourceCount> perReferringSite(LocalDate from, LocalDate to) {
		// the form stores only scheme://host[:port] of another site (LeadSource), so the host is what follows "://"
		return perSource("referrer", """
				lower(case when position('://' in s.stored) > 0
				           then substring(s.stored from position('://' in s.stored) + 3)
				           else coalesce(s.stored, '') end)""", from, to);
	}

	@Override
	public List<SourceCount> perCampaign(LocalDate from, LocalDate to) {
		return perSource("utm_campaign", "coalesce(s.stored, '')", from, to);
	}

	/**
	 * The due time is worked out here, from the clinic's current hours and holidays ({@link FirstResponseDue}), not in
	 * SQL: the rule walks the calendar, and the new inquiries it is asked about are few.
	 */
	@Override
	public List<Overdue> overdueAt(Instant now) {
		List<Overdue> overdue = new ArrayList<>();
		jdbc.sql("""
				select i.id, i.reference, i.created_at from inquiry i
				where i.status = 'NEW' and i.created_at <= :now
				order by i.created_at, i.id
				fetch first %d rows only""".formatted(NEW_READ))
			.param("now", java.sql.Timestamp.from(now))
			.query(rs -> {
				Instant created = rs.getTimestamp(3).toInstant();
				long id = rs.getLong(1);
				String reference = rs.getString(2);
				due.responseDue(created)
					.filter(dueAt -> !now.isBefore(dueAt))
					.filter(dueAt -> overdue.size() < MAX_ROWS)
					.ifPresent(dueAt -> overdue.add(new Overdue(id, reference, dueAt)));
			});
		return overdue;
	}

	@Override
	public List<Count> spamPerReason(LocalDate from, LocalDate to) {
		check(from, to);
		return period(jdbc.sql("""
				select coalesce(i.spam_reason, '') as reason, count(*) as caught from inquiry i
				where %s and i.status = 'SPAM'
				group by coalesce(i.spam_reason, '')
				order by caught desc, reason
				fetch first %d rows only""".formatted(IN_PERIOD, MAX_ROWS)), from, to)
			.query((rs, row) -> new Count(rs.getString(1), rs.getLong(2)))
			.list();
	}

	/**
	 * Reads the waiting-list entries that overlap the period (joined before its end, not contacted before its start)
	 * in one statement and counts each week from them here. A running count ("still waiting when the week ended")
	 * and a median per week of the response's own day would need the clinic's time zone in SQL, which H2 and
	 * PostgreSQL write differently; the rows are few (a clinic's waiting list, not its inquiries).
	 */
	@Override
	public List<WeeklyWaitingList> waitingListPerWeek(LocalDate from, LocalDate to) {
		check(from, to);
		ZoneId zone = clinic.timeZone();
		Instant start = from.atStartOfDay(zone).toInstant();
		Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
		record Entry(Instant joined, Instant contacted) {
		}
		List<Entry> entries = jdbc.sql("""
				select i.created_at, i.first_responded_at from inquiry i
				where i.waiting_list = true and i.status <> 'SPAM' and i.created_at < :end
				  and (i.first_responded_at is null or i.first_responded_at >= :start)""")
			.param("start", Timestamp.from(start))
			.param("end", Timestamp.from(end))
			.query((rs, row) -> new Entry(rs.getTimestamp(1).toInstant(),
					rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant()))
			.list();
		List<WeeklyWaitingList> weeks = new ArrayList<>();
		for (LocalDate monday = Inquiry.weekOf(from); !monday.isAfter(to); monday = monday.plusWeeks(1)) {
			Instant weekStart = (monday.isBefore(from) ? from : monday).atStartOfDay(zone).toInstant();
			LocalDate lastDay = monday.plusDays(6).isAfter(to) ? to : monday.plusDays(6);
			Instant weekEnd = lastDay.plusDays(1).atStartOfDay(zone).toInstant();
			long joined = entries.stream().filter(e -> within(e.joined(), weekStart, weekEnd)).count();
			double[] waited = entries.stream()
				.filter(e -> e.contacted() != null && within(e.contacted(), weekStart, weekEnd))
				.mapToDouble(e -> Duration.between(e.joined(), e.contacted()).toSeconds() / 86_400.0)
				.toArray();
			long waiting = entries.stream()
				.filter(e -> e.joined().isBefore(weekEnd) && (e.contacted() == null || !e.contacted().isBefore(weekEnd)))
				.count();
			weeks.add(new WeeklyWaitingList(monday, joined, waited.length, waiting, Percentiles.median(waited)));
		}
		return weeks;
	}

	private static boolean within(Instant instant, Instant from, Instant until) {
		return !instant.isBefore(from) && instant.isBefore(until);
	}

	/**
	 * Inquiries (spam left out) and those that reached booked per source: counted per value of {@code column} as
	 * stored, then added up per source, the {@code source} expression over the stored value {@code s.stored} (the
	 * empty string for none, a referring site's host). Grouping the stored values first works the expression out
	 * once per stored value (a few hundred at most) instead of once per inquiry: a quarter to a third less of H2's
	 * time, and for the referring site less than half of PostgreSQL's (JDBC harness, 100,000 inquiries, issue 24's
	 * fourth pass).
	 */
	private List<SourceCount> perSource(String column, String source, LocalDate from, LocalDate to) {
		check(from, to);
		return period(jdbc.sql("""
				select %2$s as source, sum(s.stored_inquiries) as inquiries, sum(s.stored_booked) from (
				  select i.%1$s as stored, count(*) as stored_inquiries, count(*) filter (where %3$s) as stored_booked
				  from inquiry i
				  where %4$s and i.status <> 'SPAM'
				  group by i.%1$s) s
				group by %2$s
				order by inquiries desc, source
				fetch first %5$d rows only""".formatted(column, source, BOOKED, IN_PERIOD, MAX_ROWS)), from, to)
			.query((rs, row) -> new SourceCount(rs.getString(1), rs.getLong(2), rs.getLong(3)))
			.list();
	}

	private static JdbcClient.StatementSpec period(JdbcClient.StatementSpec statement, LocalDate from, LocalDate to) {
		return statement.param("from", from).param("to", to);
	}

	/**
	 * Refuses a period that runs backwards or is too long, then has {@link ArrivalDays} fill in any inquiry stored
	 * without its arrival day (by the previous release, during a rolling upgrade), so none is left out.
	 */
	private void check(LocalDate from, LocalDate to) {
		if (from.isAfter(to) || from.plusDays(MAX_DAYS).isBefore(to)) {
			throw new IllegalArgumentException("Period must run forwards and last at most " + MAX_DAYS + " days: "
					+ from + " to " + to);
		}
		arrivalDays.fillMissing();
	}

}

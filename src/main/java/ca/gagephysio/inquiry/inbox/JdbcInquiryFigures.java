package ca.gagephysio.inquiry.inbox;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import ca.gagephysio.inquiry.InquiryFigures;
import ca.gagephysio.inquiry.internal.HelpWith;
import ca.gagephysio.site.ClinicFacts;

/**
 * {@link InquiryFigures} as aggregate SQL over the {@code inquiry} table, in the SQL both H2 (2.x) and PostgreSQL
 * run: an inquiry's week is a number computed from its arrival instant and the clinic's UTC offset then (see
 * {@code weekOf}), and the percentiles are
 * {@code percentile_cont ... within group}. Each call is a single statement, but the weekly one, which has two (its
 * counts and its percentiles) and first has {@link FirstResponseTimes} fill in answered inquiries without a
 * business time, so none is left out.
 */
@Component
class JdbcInquiryFigures implements InquiryFigures {

	/**
	 * Reached booked: booked now, or closed after being booked ({@code reached_booked}, set by every move to
	 * booked; a booking taken back to "contacted" does not count).
	 */
	private static final String BOOKED = """
			case when i.status = 'BOOKED' or (i.status = 'CLOSED' and i.reached_booked = true) then 1 else 0 end""";

	private static final String IN_PERIOD = "i.created_at >= :startsAt and i.created_at < :endsAt";

	private final JdbcClient jdbc;

	private final ClinicFacts clinic;

	private final FirstResponseTimes responseTimes;

	JdbcInquiryFigures(JdbcClient jdbc, ClinicFacts clinic, FirstResponseTimes responseTimes) {
		this.jdbc = jdbc;
		this.clinic = clinic;
		this.responseTimes = responseTimes;
	}

	@Override
	public List<WeeklyInquiries> perWeek(LocalDate from, LocalDate to) {
		check(from, to);
		responseTimes.fillMissing();
		ZoneId zone = clinic.timeZone();
		LocalDate firstMonday = from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		Map<String, Object> params = new LinkedHashMap<>();
		String week = weekOf(zone, firstMonday, from, to, params);
		params.put("startsAt", startOf(from, zone));
		params.put("endsAt", startOf(to.plusDays(1), zone));
		// Two statements, not one: H2 takes several times longer for percentile_cont over an expression that
		// leaves spam out than over rows a where clause already has (measured by benchmark/insights.sh).
		Map<Long, double[]> percentiles = new HashMap<>();
		jdbc.sql("""
				select k.week,
				       percentile_cont(0.5) within group (order by k.seconds),
				       percentile_cont(0.9) within group (order by k.seconds)
				from (select %s as week, i.first_response_open_seconds as seconds from inquiry i
				      where %s and i.status <> 'SPAM' and i.first_response_open_seconds is not null) k
				group by k.week""".formatted(week, IN_PERIOD))
			.params(params)
			.query(rs -> {
				percentiles.put(rs.getLong(1), new double[] { rs.getDouble(2), rs.getDouble(3) });
			});
		Map<Long, long[]> counts = new HashMap<>();
		jdbc.sql("""
				select k.week,
				       sum(case when k.status <> 'SPAM' then 1 else 0 end),
				       sum(case when k.status = 'SPAM' then 1 else 0 end),
				       sum(case when k.status <> 'SPAM' and k.seconds is not null then 1 else 0 end),
				       sum(case when k.status <> 'SPAM' and k.in_time = true then 1 else 0 end)
				from (select %s as week, i.status, i.first_response_open_seconds as seconds,
				             i.first_response_in_time as in_time from inquiry i where %s) k
				group by k.week""".formatted(week, IN_PERIOD))
			.params(params)
			.query(rs -> {
				counts.put(rs.getLong(1), new long[] { rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5) });
			});
		// Every week of the period has a row, those without an inquiry too: a chart's gap is a zero, not a skip.
		List<WeeklyInquiries> weeks = new ArrayList<>();
		long n = 0;
		for (LocalDate monday = firstMonday; !monday.isAfter(to); monday = monday.plusWeeks(1), n++) {
			long[] c = counts.getOrDefault(n, new long[4]);
			double[] times = percentiles.get(n);
			weeks.add(new WeeklyInquiries(monday, c[0], c[1], c[2], times == null ? null : times[0],
					times == null ? null : times[1], c[3]));
		}
		return weeks;
	}

	/**
	 * The SQL expression for the number of the week (0 for the one starting {@code firstMonday}) an inquiry arrived
	 * in, clinic time. Computed from the arrival's seconds since the epoch plus the clinic's UTC offset at that
	 * instant, so each row is read once, in {@code created_at} order through its index: an earlier join of every
	 * inquiry to a list of week boundaries made H2 scan the period once per week (about 900 ms for 12 months of
	 * 100,000 inquiries). Neither database's own time-zone arithmetic serves here: H2's {@code at time zone} and
	 * {@code date_trunc('week')} differ from PostgreSQL's (H2's week starts on Sunday). The offset is a
	 * {@code case} over the zone's transitions (daylight saving time) within the period, as {@link ZoneId}'s rules
	 * give them, so a week still starts at midnight on Monday in the clinic whatever the season.
	 */
	private static String weekOf(ZoneId zone, LocalDate firstMonday, LocalDate from, LocalDate to,
			Map<String, Object> params) {
		ZoneRules rules = zone.getRules();
		Instant start = startOf(from, zone).toInstant();
		Instant end = startOf(to.plusDays(1), zone).toInstant();
		StringBuilder offset = new StringBuilder("case");
		int t = 0;
		for (ZoneOffsetTransition transition = rules.nextTransition(start); transition != null
				&& transition.getInstant().isBefore(end); transition = rules.nextTransition(transition.getInstant()), t++) {
			offset.append(" when i.created_at < :transition%1$d then cast(:offset%1$d as integer)".formatted(t));
			params.put("transition" + t, transition.getInstant().atOffset(ZoneOffset.UTC));
			params.put("offset" + t, transition.getOffsetBefore().getTotalSeconds());
		}
		String last = "cast(:offset%d as integer)".formatted(t);
		String offsetThen = (t == 0) ? last : offset.append(" else ").append(last).append(" end").toString();
		params.put("offset" + t, rules.getOffset(end.minusSeconds(1)).getTotalSeconds());
		// the Monday's midnight as wall-clock seconds since 1970-01-01T00:00 (no zone: the offset is added above)
		params.put("firstMonday", firstMonday.toEpochDay() * 86_400L);
		return "floor((extract(epoch from i.created_at) + %s - cast(:firstMonday as bigint)) / 604800)".formatted(offsetThen);
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
		return perSource("coalesce(i.source_page, '')", from, to);
	}

	@Override
	public List<SourceCount> perReferringSite(LocalDate from, LocalDate to) {
		// the form stores only scheme://host[:port] of another site (LeadSource), so the host is what follows "://"
		return perSource("""
				lower(case when position('://' in i.referrer) > 0
				           then substring(i.referrer from position('://' in i.referrer) + 3)
				           else coalesce(i.referrer, '') end)""", from, to);
	}

	@Override
	public List<SourceCount> perCampaign(LocalDate from, LocalDate to) {
		return perSource("coalesce(i.utm_campaign, '')", from, to);
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

	private List<SourceCount> perSource(String source, LocalDate from, LocalDate to) {
		check(from, to);
		return period(jdbc.sql("""
				select s.source, count(*) as inquiries, sum(s.booked) from (
				  select %s as source, %s as booked from inquiry i
				  where %s and i.status <> 'SPAM') s
				group by s.source
				order by inquiries desc, s.source
				fetch first %d rows only""".formatted(source, BOOKED, IN_PERIOD, MAX_ROWS)), from, to)
			.query((rs, row) -> new SourceCount(rs.getString(1), rs.getLong(2), rs.getLong(3)))
			.list();
	}

	private JdbcClient.StatementSpec period(JdbcClient.StatementSpec statement, LocalDate from, LocalDate to) {
		ZoneId zone = clinic.timeZone();
		return statement.param("startsAt", startOf(from, zone)).param("endsAt", startOf(to.plusDays(1), zone));
	}

	private static OffsetDateTime startOf(LocalDate day, ZoneId zone) {
		return day.atStartOfDay(zone).toOffsetDateTime();
	}

	private static void check(LocalDate from, LocalDate to) {
		if (from.isAfter(to) || from.plusDays(MAX_DAYS).isBefore(to)) {
			throw new IllegalArgumentException("Period must run forwards and last at most " + MAX_DAYS + " days: "
					+ from + " to " + to);
		}
	}

}

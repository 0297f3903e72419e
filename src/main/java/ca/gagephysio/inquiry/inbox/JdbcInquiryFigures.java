package ca.gagephysio.inquiry.inbox;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
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
 * run: weeks are a {@code values} list of clinic-time boundaries joined to the arrival time (no time-zone
 * arithmetic in SQL, so daylight saving time is Java's business), and the percentiles are
 * {@code percentile_cont ... within group}. Each call is a single statement, but the weekly one, which has two (its
 * counts and its percentiles) and first has {@link FirstResponseTimes} fill in answered inquiries without a
 * business time, so none is left out.
 */
@Component
class JdbcInquiryFigures implements InquiryFigures {

	/** Reached booked: booked now, or closed after being booked (the activity log keeps each status change). */
	private static final String BOOKED = """
			case when i.status = 'BOOKED' then 1
			     when i.status = 'CLOSED' and exists (select 1 from inquiry_activity a
			          where a.inquiry_id = i.id and a.to_status = 'BOOKED') then 1
			     else 0 end""";

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
		StringBuilder weeks = new StringBuilder();
		Map<String, Object> params = new LinkedHashMap<>();
		int n = 0;
		for (LocalDate monday = from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)); !monday.isAfter(to);
				monday = monday.plusWeeks(1), n++) {
			LocalDate first = monday.isBefore(from) ? from : monday;
			LocalDate afterLast = monday.plusWeeks(1).isAfter(to) ? to.plusDays(1) : monday.plusWeeks(1);
			weeks.append(n == 0 ? "" : ", ")
				.append("(cast(:w%1$d as date), cast(:s%1$d as timestamp with time zone), cast(:e%1$d as timestamp with time zone))"
					.formatted(n));
			params.put("w" + n, monday);
			params.put("s" + n, startOf(first, zone));
			params.put("e" + n, startOf(afterLast, zone));
		}
		String values = weeks.toString();
		String notSpam = "i.status <> 'SPAM'";
		// Two statements, not one: H2 takes several times longer for percentile_cont over an expression that
		// leaves spam out than over the plain column of a join that already has (measured by benchmark/insights.sh).
		Map<LocalDate, double[]> percentiles = new HashMap<>();
		jdbc.sql("""
				select w.week_start,
				       percentile_cont(0.5) within group (order by i.first_response_open_seconds),
				       percentile_cont(0.9) within group (order by i.first_response_open_seconds)
				from (values %s) as w(week_start, starts_at, ends_at)
				join inquiry i on i.created_at >= w.starts_at and i.created_at < w.ends_at
				     and %s and i.first_response_open_seconds is not null
				group by w.week_start""".formatted(values, notSpam))
			.params(params)
			.query(rs -> {
				percentiles.put(rs.getObject(1, LocalDate.class), new double[] { rs.getDouble(2), rs.getDouble(3) });
			});
		return jdbc.sql("""
				select w.week_start,
				       sum(case when %1$s then 1 else 0 end),
				       sum(case when i.status = 'SPAM' then 1 else 0 end),
				       sum(case when %1$s and i.first_response_open_seconds is not null then 1 else 0 end),
				       sum(case when %1$s and i.first_response_in_time = true then 1 else 0 end)
				from (values %2$s) as w(week_start, starts_at, ends_at)
				left join inquiry i on i.created_at >= w.starts_at and i.created_at < w.ends_at
				group by w.week_start
				order by w.week_start""".formatted(notSpam, values))
			.params(params)
			.query((rs, row) -> {
				LocalDate week = rs.getObject(1, LocalDate.class);
				double[] times = percentiles.get(week);
				return new WeeklyInquiries(week, rs.getLong(2), rs.getLong(3), rs.getLong(4),
						times == null ? null : times[0], times == null ? null : times[1], rs.getLong(5));
			})
			.list();
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

package ca.gagephysio.visits;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@link VisitFigures} as aggregate SQL over the daily tables, in the SQL both H2 (2.x) and PostgreSQL run. Weeks
 * are a {@code values} list of Monday-to-Sunday day ranges joined to the days, so every week of the period has a
 * row, zero when nothing was counted, and no date function differs between the two databases.
 */
@Component
class JdbcVisitFigures implements VisitFigures {

	private final JdbcClient jdbc;

	private final ReferrerSpam spam;

	JdbcVisitFigures(JdbcClient jdbc, ReferrerSpam spam) {
		this.jdbc = jdbc;
		this.spam = spam;
	}

	@Override
	public List<WeeklyVisits> perWeek(LocalDate from, LocalDate to) {
		check(from, to);
		StringBuilder weeks = new StringBuilder();
		Map<String, Object> params = new LinkedHashMap<>();
		int n = 0;
		for (LocalDate monday = from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)); !monday.isAfter(to);
				monday = monday.plusWeeks(1), n++) {
			LocalDate sunday = monday.plusDays(6);
			weeks.append(n == 0 ? "" : ", ")
				.append("(cast(:w%1$d as date), cast(:f%1$d as date), cast(:l%1$d as date))".formatted(n));
			params.put("w" + n, monday);
			params.put("f" + n, monday.isBefore(from) ? from : monday);
			params.put("l" + n, sunday.isAfter(to) ? to : sunday);
		}
		return jdbc.sql("""
				select w.week_start, coalesce(sum(d.views), 0), coalesce(sum(d.visitors), 0)
				from (values %s) as w(week_start, first_day, last_day)
				left join visit_site_day d on d.visit_day >= w.first_day and d.visit_day <= w.last_day
				group by w.week_start
				order by w.week_start""".formatted(weeks))
			.params(params)
			.query((rs, row) -> new WeeklyVisits(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3)))
			.list();
	}

	@Override
	public List<PageVisits> perPage(LocalDate from, LocalDate to) {
		check(from, to);
		return jdbc.sql("""
				select path, sum(views) as views, sum(visitors) as visitors from visit_page_day
				where visit_day >= :from and visit_day <= :to
				group by path
				order by views desc, path""")
			.param("from", from)
			.param("to", to)
			.query((rs, row) -> new PageVisits(rs.getString(1), rs.getLong(2), rs.getLong(3)))
			.list();
	}

	@Override
	public List<SourceVisits> perSource(LocalDate from, LocalDate to) {
		check(from, to);
		return jdbc.sql("""
				select referrer_host, utm_source, utm_medium, utm_campaign,
				       sum(views) as views, sum(visitors) as visitors
				from visit_source_day
				where visit_day >= :from and visit_day <= :to
				group by referrer_host, utm_source, utm_medium, utm_campaign
				order by views desc, referrer_host, utm_source, utm_medium, utm_campaign
				fetch first %d rows only""".formatted(MAX_SOURCES))
			.param("from", from)
			.param("to", to)
			.query((rs, row) -> new SourceVisits(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getLong(5), rs.getLong(6)))
			.list()
			.stream()
			// counted before the host was known as spam (the list grows): never listed, whenever it was stored
			.filter(source -> !spam.isSpam(source.referrerHost()))
			.toList();
	}

	/** A period that runs backwards is a caller's mistake, not an empty answer. */
	private static void check(LocalDate from, LocalDate to) {
		if (from.isAfter(to)) {
			throw new IllegalArgumentException("Period runs backwards: " + from + " to " + to);
		}
	}

}

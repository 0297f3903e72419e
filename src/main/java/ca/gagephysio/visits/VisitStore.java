package ca.gagephysio.visits;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The visits module's tables, as one instance of the site writes them: the aggregates (migration V51), and the day's
 * salt and visitor marks (V56). Every write adds to what is there, so several instances writing the same rows at
 * once each add their own counts: on PostgreSQL an {@code insert ... on conflict do update}, which is atomic against
 * a concurrent insert of the same key; on H2 (one instance only: its database file belongs to one process) a
 * {@code merge}. The caller runs a batch of writes in one transaction.
 */
@Component
class VisitStore {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final JdbcOperations batches;

	private final boolean postgres;

	VisitStore(JdbcClient jdbc, JdbcOperations batches, DataSource dataSource) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.postgres = isPostgres(dataSource);
	}

	/**
	 * The salt of {@code day}: the one any instance made first, or a new random one (32 bytes from
	 * {@link SecureRandom}, in hex) if none has.
	 */
	String saltOf(LocalDate day) {
		String fresh = HexFormat.of().formatHex(randomBytes());
		jdbc.sql("insert into visit_day_salt (visit_day, salt) values (?, ?) on conflict do nothing")
			.params(day, fresh)
			.update();
		return jdbc.sql("select salt from visit_day_salt where visit_day = ?").param(day).query(String.class).single();
	}

	/**
	 * Keeps visitors' marks for the day, in one batch; for each, whether it is new, i.e. whether this instance is the
	 * first (of all instances) to see this visitor for this thing today and so the one to count them. On PostgreSQL
	 * a concurrent insert of the same mark by another instance waits for that one's transaction, then counts nothing.
	 */
	boolean[] marksAreNew(LocalDate day, List<String> marks) {
		int[] inserted = batches.batchUpdate(
				"insert into visit_day_mark (visit_day, mark) values (?, ?) on conflict do nothing",
				marks.stream().map(mark -> new Object[] { day, mark }).toList());
		boolean[] fresh = new boolean[marks.size()];
		for (int i = 0; i < fresh.length; i++) {
			fresh[i] = inserted[i] == 1;
		}
		return fresh;
	}

	/** Deletes the salt and the marks of every day before {@code today}: once a day is over, nothing of it is kept. */
	void forgetDaysBefore(LocalDate today) {
		jdbc.sql("delete from visit_day_mark where visit_day < ?").param(today).update();
		jdbc.sql("delete from visit_day_salt where visit_day < ?").param(today).update();
	}

	void addToSite(LocalDate day, long views, long visitors) {
		if (postgres) {
			jdbc.sql("""
					insert into visit_site_day (visit_day, views, visitors) values (?, ?, ?)
					on conflict (visit_day) do update set views = visit_site_day.views + excluded.views,
					    visitors = visit_site_day.visitors + excluded.visitors""")
				.params(day, views, visitors)
				.update();
		}
		else {
			jdbc.sql("""
					merge into visit_site_day t
					using (values (cast(? as date), cast(? as bigint), cast(? as bigint))) s (visit_day, views, visitors)
					on t.visit_day = s.visit_day
					when matched then update set views = t.views + s.views, visitors = t.visitors + s.visitors
					when not matched then insert (visit_day, views, visitors) values (s.visit_day, s.views, s.visitors)""")
				.params(day, views, visitors)
				.update();
		}
	}

	void addToPage(LocalDate day, String path, long views, long visitors) {
		if (postgres) {
			jdbc.sql("""
					insert into visit_page_day (visit_day, path, views, visitors) values (?, ?, ?, ?)
					on conflict (visit_day, path) do update set views = visit_page_day.views + excluded.views,
					    visitors = visit_page_day.visitors + excluded.visitors""")
				.params(day, path, views, visitors)
				.update();
		}
		else {
			jdbc.sql("""
					merge into visit_page_day t
					using (values (cast(? as date), cast(? as varchar(255)), cast(? as bigint), cast(? as bigint)))
					    s (visit_day, path, views, visitors)
					on t.visit_day = s.visit_day and t.path = s.path
					when matched then update set views = t.views + s.views, visitors = t.visitors + s.visitors
					when not matched then insert (visit_day, path, views, visitors)
					    values (s.visit_day, s.path, s.views, s.visitors)""")
				.params(day, path, views, visitors)
				.update();
		}
	}

	void addToSource(LocalDate day, String path, Source source, long views, long visitors) {
		Object[] params = { day, path, source.referrerHost(), source.utmSource(), source.utmMedium(),
				source.utmCampaign(), views, visitors };
		if (postgres) {
			jdbc.sql("""
					insert into visit_source_day
					    (visit_day, path, referrer_host, utm_source, utm_medium, utm_campaign, views, visitors)
					values (?, ?, ?, ?, ?, ?, ?, ?)
					on conflict (visit_day, path, referrer_host, utm_source, utm_medium, utm_campaign)
					do update set views = visit_source_day.views + excluded.views,
					    visitors = visit_source_day.visitors + excluded.visitors""")
				.params(params)
				.update();
		}
		else {
			jdbc.sql("""
					merge into visit_source_day t
					using (values (cast(? as date), cast(? as varchar(255)), cast(? as varchar(255)),
					    cast(? as varchar(100)), cast(? as varchar(100)), cast(? as varchar(100)), cast(? as bigint),
					    cast(? as bigint)))
					    s (visit_day, path, referrer_host, utm_source, utm_medium, utm_campaign, views, visitors)
					on t.visit_day = s.visit_day and t.path = s.path and t.referrer_host = s.referrer_host
					    and t.utm_source = s.utm_source and t.utm_medium = s.utm_medium
					    and t.utm_campaign = s.utm_campaign
					when matched then update set views = t.views + s.views, visitors = t.visitors + s.visitors
					when not matched then insert
					    (visit_day, path, referrer_host, utm_source, utm_medium, utm_campaign, views, visitors)
					    values (s.visit_day, s.path, s.referrer_host, s.utm_source, s.utm_medium, s.utm_campaign, s.views,
					        s.visitors)""")
				.params(params)
				.update();
		}
	}

	private static byte[] randomBytes() {
		byte[] salt = new byte[32];
		RANDOM.nextBytes(salt);
		return salt;
	}

	private static boolean isPostgres(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not tell which database the visits are written to", ex);
		}
	}

}

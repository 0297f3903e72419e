package ca.gagephysio.inquiry.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;

import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

import ca.gagephysio.clinic.ClinicProperties;

/**
 * Flyway migration V58, in Java because SQL cannot do it the same way on both databases: gives every inquiry its
 * arrival day and week in the clinic's time zone ({@link Inquiry#getArrivalDay}), worked out with
 * {@link java.time.ZoneId}'s rules exactly as a new inquiry's are, then indexes them for the owner's insights.
 * <p>
 * Why the columns exist: the insights group a period's inquiries by week and by source. Converting each arrival
 * instant to the clinic's day inside the query made H2 evaluate date arithmetic on every row (about 250 ms for a year
 * of a clinic-sized history, benchmark/insights.sh); a stored date costs nothing to compare or group by. The four
 * indexes hold every column those queries read, so H2 and PostgreSQL answer them from the index alone, without
 * reading the rows: the first serves the weekly counts and response-time percentiles, the second the counts per
 * service, page and campaign, the third the counts per referring site, the fourth the spam per reason (led by the
 * status: given {@code status = 'SPAM'}, H2 prefers any index that starts with the status, and the older
 * {@code (status, created_at)} one made it read every spam row ever caught). Each stays well under PostgreSQL's
 * limit on the size of an index entry (a third of a page, about 2,700 bytes) whatever the text in its columns: the
 * widest, the second, holds at most 364 characters of text.
 * <p>
 * The columns stay nullable for now: while one instance is upgraded the other still runs the previous release, which
 * stores inquiries without them (docs/operations.md, "Upgrading"); {@link ArrivalDays} fills those in. A later release can make
 * them {@code not null}.
 * <p>
 * A Spring bean (Spring Boot hands {@code JavaMigration} beans to Flyway) so it reads the clinic's time zone from
 * {@code clinic.time-zone}.
 */
@Component
class InquiryArrivalDayMigration extends SpringJavaMigration {

	private static final Logger log = LoggerFactory.getLogger(InquiryArrivalDayMigration.class);

	private final ZoneId zone;

	InquiryArrivalDayMigration(ClinicProperties clinic) {
		super("58", "inquiry arrival day");
		this.zone = clinic.timeZone();
	}

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		try (Statement statement = connection.createStatement()) {
			statement.execute("alter table inquiry add column arrival_day date");
			statement.execute("alter table inquiry add column arrival_week date");
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute("""
					create index inquiry_arrival_response_idx on inquiry
					  (arrival_day, status, arrival_week, first_response_open_seconds, first_response_in_time)""");
			statement.execute("""
					create index inquiry_arrival_source_idx on inquiry
					  (arrival_day, status, reached_booked, service, spam_reason, utm_campaign, source_page)""");
			statement.execute("""
					create index inquiry_arrival_referrer_idx on inquiry (arrival_day, status, reached_booked, referrer)""");
			statement.execute("create index inquiry_spam_arrival_idx on inquiry (status, arrival_day, spam_reason)");
		}
		// After the indexes, which find the rows still empty. The same code that fills in the rows an instance of the
		// previous release stores during a rolling upgrade.
		int filled = ArrivalDays.fillMissing(JdbcClient.create(new SingleConnectionDataSource(connection, true)), zone);
		if (filled > 0) {
			log.info("Worked out the arrival day of {} stored inquiries in {}", filled, zone);
		}
	}

}

package ca.gagephysio.inquiry.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import ca.gagephysio.clinic.ClinicFacts;

/**
 * Fills in the arrival day and week ({@link Inquiry#getArrivalDay}: the calendar day in the clinic's time zone, and
 * its week's Monday) of inquiries stored without them, so the owner's insights, which select and group by them,
 * leave none out.
 * <p>
 * A new inquiry has them from the start. Those stored before the columns existed are filled in by migration V58
 * ({@link InquiryArrivalDayMigration}); those an instance still running the release before it stores during a
 * rolling upgrade (docs/operations.md, "Upgrading": the columns may therefore be empty for now) by {@link #fillMissing}, once
 * when the application is ready and again each time the figures are read. Safe on several instances at once: a row
 * is only written while it is still empty, and both would write the same value.
 */
@Component
public class ArrivalDays {

	private static final Logger log = LoggerFactory.getLogger(ArrivalDays.class);

	/** Rows read and written per round, so a large backlog never sits in memory at once. */
	private static final int BATCH = 500;

	private final JdbcClient jdbc;

	private final ZoneId zone;

	ArrivalDays(JdbcClient jdbc, ClinicFacts clinic) {
		this.jdbc = jdbc;
		this.zone = clinic.timeZone();
	}

	/**
	 * Fills in every inquiry that has no arrival day yet; when there is none, one look-up in an index that starts
	 * with the arrival day.
	 *
	 * @return how many rows were filled in
	 */
	public int fillMissing() {
		return fillMissing(jdbc, zone);
	}

	@EventListener(ApplicationReadyEvent.class)
	void fillMissingAtStartUp() {
		int filled = fillMissing();
		if (filled > 0) {
			log.info("Worked out the arrival day of {} inquiries in {}", filled, zone);
		}
	}

	/** {@link #fillMissing()} over the given connection (the migration's, inside its transaction). */
	static int fillMissing(JdbcClient jdbc, ZoneId zone) {
		int filled = 0;
		while (true) {
			// Unordered: ordered by id, a database would walk the whole table to find the few empty rows.
			List<Arrival> batch = jdbc.sql("""
					select id, created_at from inquiry where arrival_day is null
					fetch first %d rows only""".formatted(BATCH))
				.query((rs, row) -> new Arrival(rs.getLong(1),
						LocalDate.ofInstant(rs.getObject(2, OffsetDateTime.class).toInstant(), zone)))
				.list();
			for (Arrival arrival : batch) {
				filled += jdbc.sql("""
						update inquiry set arrival_day = :day, arrival_week = :week
						where id = :id and arrival_day is null""")
					.param("day", arrival.day())
					.param("week", Inquiry.weekOf(arrival.day()))
					.param("id", arrival.id())
					.update();
			}
			if (batch.size() < BATCH) {
				return filled;
			}
		}
	}

	private record Arrival(long id, LocalDate day) {
	}

}

package ca.gagephysio.inquiry.inbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import ca.gagephysio.inquiry.internal.Inquiry;

/**
 * Works out how long the clinic took to answer an inquiry in its opening hours ({@link FirstResponseDue}: its time
 * zone, open days and hours, statutory holidays it closes on) and whether that was within one business day, and
 * stores both on the inquiry, so the owner's insights can take the median and the 90th percentile in the database.
 * <p>
 * The inbox records them at the moment of the first response ({@link #time}). Inquiries answered before the columns
 * existed (migration V52), or by an instance still running older code during a rolling deployment, are filled in by
 * {@link #fillMissing}: once when the application is ready and again each time the figures are read, so the figures
 * never leave an answered inquiry out. Those are counted with the hours and holidays in force when they are filled
 * in, not those of the day they were answered: the clinic keeps no history of its hours.
 */
@Component
class FirstResponseTimes {

	private static final Logger log = LoggerFactory.getLogger(FirstResponseTimes.class);

	/** Rows read and written per round of {@link #fillMissing}, so a large backlog never sits in memory at once. */
	private static final int BATCH = 500;

	/** Earlier than any first response (the epoch) and later than any (the last day SQL's timestamps hold). */
	private static final Timestamp EARLIEST = Timestamp.from(Instant.EPOCH);

	private static final Timestamp LATEST = Timestamp.from(Instant.parse("9999-12-31T00:00:00Z"));

	private final FirstResponseDue due;

	private final JdbcClient jdbc;

	FirstResponseTimes(FirstResponseDue due, JdbcClient jdbc) {
		this.due = due;
		this.jdbc = jdbc;
	}

	/** Records the first response's business time on the inquiry, if it has one and none is recorded yet. */
	void time(Inquiry inquiry) {
		Instant responded = inquiry.getFirstRespondedAt();
		if (responded != null && inquiry.getFirstResponseOpenSeconds() == null) {
			inquiry.firstResponseTook(openSeconds(inquiry.getCreatedAt(), responded),
					due.answeredInTime(inquiry.getCreatedAt(), responded));
		}
	}

	/**
	 * Fills in every answered inquiry that has no business time yet. Safe to run on several instances at once: a
	 * row is only written while it is still empty, and both would write the same value.
	 *
	 * @return how many rows were filled in
	 */
	int fillMissing() {
		int filled = 0;
		while (true) {
			// Ordered as index inquiry_first_response_open_idx (V52) is, so PostgreSQL reads just the rows wanted
			// from it; by id, or unordered, it scanned the whole table (it cannot tell that few rows match both).
			// "Answered" is written as a range with both ends, not "is not null": H2 (2.4) sorts nulls last in this
			// index and turns neither "is not null" nor an open-ended range into bounds of it, so it read every
			// unanswered inquiry's entry on each call (20,012 at benchmark/back-office.sh's 100,000 inquiries, three
			// calls per view of the insights); with both ends it reads only those answered and not yet timed
			// (EXPLAIN ANALYZE, scanCount 1 instead of 20,012). The same rows: every first response lies between them.
			List<Answered> batch = jdbc.sql("""
					select id, created_at, first_responded_at from inquiry
					where first_response_open_seconds is null
					  and first_responded_at >= :earliest and first_responded_at <= :latest
					order by first_response_open_seconds, first_responded_at
					fetch first %d rows only""".formatted(BATCH))
				.param("earliest", EARLIEST)
				.param("latest", LATEST)
				.query((rs, row) -> new Answered(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
						rs.getObject(3, OffsetDateTime.class).toInstant()))
				.list();
			if (batch.isEmpty()) {
				return filled;
			}
			for (Answered answered : batch) {
				filled += jdbc.sql("""
						update inquiry set first_response_open_seconds = :seconds, first_response_in_time = :inTime
						where id = :id and first_response_open_seconds is null""")
					.param("seconds", openSeconds(answered.createdAt(), answered.respondedAt()))
					.param("inTime", due.answeredInTime(answered.createdAt(), answered.respondedAt()))
					.param("id", answered.id())
					.update();
			}
			if (batch.size() < BATCH) {
				return filled;
			}
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void fillMissingAtStartUp() {
		int filled = fillMissing();
		if (filled > 0) {
			log.info("Worked out the first-response time in opening hours of {} inquiries", filled);
		}
	}

	private long openSeconds(Instant createdAt, Instant respondedAt) {
		return due.openTimeBetween(createdAt, respondedAt).toSeconds();
	}

	private record Answered(long id, Instant createdAt, Instant respondedAt) {
	}

}

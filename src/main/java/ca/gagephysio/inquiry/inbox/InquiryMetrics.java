package ca.gagephysio.inquiry.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.inquiry.internal.InquiryStatus;

/**
 * The inbox's own metrics, on {@code /actuator/prometheus} (management port):
 * <ul>
 * <li>{@code clinic_inquiries{status="NEW"|"CONTACTED"|"BOOKED"|"CLOSED"|"SPAM"}}: inquiries stored, by status,
 * in the whole database (every instance reports the same figures).</li>
 * <li>{@code clinic_inquiries_oldest_unanswered_seconds}: how long the longest-waiting {@code NEW} inquiry has
 * waited, in seconds of the clinic's opening hours only ({@link FirstResponseDue#openTimeBetween}: its time zone,
 * open days and hours, statutory holidays it closes on left out); 0 when none waits. One business day is the
 * response time the inbox marks overdue, so an alert rule can compare against a working day's length.</li>
 * </ul>
 * The figures come from two small queries (a grouped count and a {@code min}), read only when a scraper asks and
 * then kept for {@code clinic.metrics.max-age} (default 30 s): a public request never causes a query. When the
 * database cannot answer, the gauges read NaN until it can.
 */
@Component
class InquiryMetrics implements MeterBinder {

	private static final Logger log = LoggerFactory.getLogger(InquiryMetrics.class);

	private final InquiryRepository inquiries;

	private final FirstResponseDue firstResponseDue;

	private final Clock clock;

	private final Duration maxAge;

	private volatile Snapshot snapshot;

	InquiryMetrics(InquiryRepository inquiries, FirstResponseDue firstResponseDue, ObjectProvider<Clock> clock,
			@Value("${clinic.metrics.max-age:30s}") Duration maxAge) {
		this.inquiries = inquiries;
		this.firstResponseDue = firstResponseDue;
		this.clock = clock.getIfUnique(Clock::systemUTC);
		this.maxAge = maxAge;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (InquiryStatus status : InquiryStatus.values()) {
			Gauge.builder("clinic.inquiries", this, metrics -> metrics.current().count(status))
				.description("Inquiries stored, by status (whole database)")
				.tag("status", status.name())
				.strongReference(true)
				.register(registry);
		}
		TimeGauge.builder("clinic.inquiries.oldest.unanswered", this, TimeUnit.SECONDS,
				metrics -> metrics.current().oldestUnansweredSeconds())
			.description("Opening hours the longest-waiting NEW inquiry has waited (0 when none waits)")
			.strongReference(true)
			.register(registry);
	}

	private Snapshot current() {
		Instant now = clock.instant();
		Snapshot current = snapshot;
		if (isStale(current, now)) {
			synchronized (this) {
				current = snapshot;
				if (isStale(current, now)) {
					current = read(now);
					snapshot = current;
				}
			}
		}
		return current;
	}

	/** Older than the maximum age, or read "after" now (the clock was set back). */
	private boolean isStale(Snapshot current, Instant now) {
		return current == null || now.isBefore(current.readAt()) || !now.isBefore(current.readAt().plus(maxAge));
	}

	private Snapshot read(Instant now) {
		try {
			Map<InquiryStatus, Long> counts = new EnumMap<>(InquiryStatus.class);
			for (InquiryStatus status : InquiryStatus.values()) {
				counts.put(status, 0L);
			}
			inquiries.countPerStatus().forEach(row -> counts.put(row.getStatus(), row.getInquiries()));
			double oldest = inquiries.findEarliestCreatedAt(InquiryStatus.NEW)
				.map(receivedAt -> firstResponseDue.openTimeBetween(receivedAt, now).toMillis() / 1000.0)
				.orElse(0.0);
			return new Snapshot(now, counts, oldest);
		}
		catch (DataAccessException ex) {
			log.warn("Inquiry metrics unavailable: {}", ex.getClass().getSimpleName());
			return new Snapshot(now, Map.of(), Double.NaN);
		}
	}

	private record Snapshot(Instant readAt, Map<InquiryStatus, Long> counts, double oldestUnansweredSeconds) {

		double count(InquiryStatus status) {
			Long count = counts.get(status);
			return (count != null) ? count : Double.NaN;
		}

	}

}

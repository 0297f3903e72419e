package ca.gagephysio.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The outbox's metrics, on {@code /actuator/prometheus} (management port), for the whole database:
 * {@code clinic_emails{state="pending"}} (waiting for their first or next attempt, or being sent right now),
 * {@code clinic_emails{state="failed"}} (attempts ran out or nobody could receive it: they wait for a person's
 * "Send again", and staff see a warning) and {@code clinic_emails{state="refused"}} (the receiving server refused the
 * address for good). A pending figure that keeps growing means the mail server is unreachable; any failed one needs
 * a person.
 * <p>
 * One grouped count, read only when a scraper asks and then kept for {@code clinic.metrics.max-age} (default 30 s),
 * so a public request never causes a query. NaN while the database cannot answer.
 */
@Component
class NotificationMetrics implements MeterBinder {

	private static final Logger log = LoggerFactory.getLogger(NotificationMetrics.class);

	private final NotificationRepository notifications;

	private final Clock clock;

	private final Duration maxAge;

	private volatile Snapshot snapshot;

	NotificationMetrics(NotificationRepository notifications, ObjectProvider<Clock> clock,
			@Value("${clinic.metrics.max-age:30s}") Duration maxAge) {
		this.notifications = notifications;
		this.clock = clock.getIfUnique(Clock::systemUTC);
		this.maxAge = maxAge;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		gauge(registry, "pending", Notification.State.PENDING, Notification.State.SENDING);
		gauge(registry, "failed", Notification.State.FAILED);
		gauge(registry, "refused", Notification.State.REFUSED);
	}

	private void gauge(MeterRegistry registry, String name, Notification.State... states) {
		Gauge.builder("clinic.emails", this, metrics -> metrics.current().count(states))
			.description("Emails in the outbox, by state (whole database)")
			.tag("state", name)
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
			Map<Notification.State, Long> counts = new EnumMap<>(Notification.State.class);
			for (Object[] row : notifications.countPerState()) {
				counts.put((Notification.State) row[0], ((Number) row[1]).longValue());
			}
			return new Snapshot(now, counts, true);
		}
		catch (DataAccessException ex) {
			log.warn("Email metrics unavailable: {}", ex.getClass().getSimpleName());
			return new Snapshot(now, Map.of(), false);
		}
	}

	private record Snapshot(Instant readAt, Map<Notification.State, Long> counts, boolean read) {

		double count(Notification.State... states) {
			if (!read) {
				return Double.NaN;
			}
			long total = 0;
			for (Notification.State state : states) {
				total += counts.getOrDefault(state, 0L);
			}
			return total;
		}

	}

}

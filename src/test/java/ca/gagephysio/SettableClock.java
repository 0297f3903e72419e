package ca.gagephysio;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application's clock in tests: the real time, unless a test moves it on to see what happens later (a scheduled
 * article going public). A test that moves it puts it back with {@link #reset()} when it ends, since every
 * integration test shares the one application context. Thread-safe.
 */
public final class SettableClock extends Clock {

	private volatile Duration offset = Duration.ZERO;

	/** Moves the clock on by {@code amount} (it keeps ticking from there). */
	public void advance(Duration amount) {
		offset = offset.plus(amount);
	}

	/** Sets the clock to {@code instant} (it keeps ticking from there). */
	public void set(Instant instant) {
		offset = Duration.between(Instant.now(), instant);
	}

	/** Back to the real time. */
	public void reset() {
		offset = Duration.ZERO;
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(offset);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("The application reads instants only");
	}

}

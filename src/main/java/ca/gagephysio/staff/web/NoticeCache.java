package ca.gagephysio.staff.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import ca.gagephysio.staff.StaffNotice;

/**
 * Every module's notices, gathered at most once per {@code clinic.staff.notices.cache-for} (5 s as shipped) instead of
 * on every back-office page: the notice bar cost six small queries a page (the outbox's counts, who gets alerts,
 * the articles due for review), and the front desk opens pages hundreds of times a day.
 * <p>
 * What that costs: a notice caused by something that happens off the request (an email failing in the outbox, an
 * article coming due, a change made on another instance) shows up to that long late. A back-office write on this
 * instance (any request to {@code /staff/**} other than GET and HEAD, see {@link StaffWebConfig}) forgets the
 * gathered notices, so the person who just put something right (saved the clinic's facts, turned alerts on, sent an
 * email again) sees the notice gone on the page they are sent to. Notices are warnings, not security: whether a
 * person may see a page or act is never decided from here. Whether one is for administrators only is decided per
 * person from the gathered list, by the layout.
 * <p>
 * Hand-written rather than a cache library: one value, replaced as a whole; Spring's own cache abstraction has no
 * expiry, and a library such as Caffeine would be a new dependency for a field and a time stamp.
 */
final class NoticeCache {

	private final Supplier<List<StaffNotice>> gather;

	private final Clock clock;

	private final Duration cacheFor;

	/** Moved on by every {@link #forget()}, so a gathering that started before a write never stores its result. */
	private final AtomicLong generation = new AtomicLong();

	private volatile Gathered gathered;

	/**
	 * @param gather reads every module's notices now
	 * @param clock the application's clock
	 * @param cacheFor how long a gathering is shown; zero or negative gathers on every call
	 */
	NoticeCache(Supplier<List<StaffNotice>> gather, Clock clock, Duration cacheFor) {
		this.gather = gather;
		this.clock = clock;
		this.cacheFor = cacheFor;
	}

	/** The notices as gathered less than {@code cacheFor} ago, or gathered now. */
	List<StaffNotice> current() {
		if (cacheFor.isZero() || cacheFor.isNegative()) {
			return gather.get();
		}
		Instant now = clock.instant();
		Gathered kept = gathered;
		if (kept != null && kept.generation() == generation.get() && now.isBefore(kept.until())
				&& !now.isBefore(kept.at())) {
			return kept.notices();
		}
		long startedIn = generation.get();
		List<StaffNotice> notices = List.copyOf(gather.get());
		if (generation.get() == startedIn) {
			gathered = new Gathered(now, now.plus(cacheFor), startedIn, notices);
		}
		return notices;
	}

	/** Gathers afresh on the next call: something a notice may be about was just changed on this instance. */
	void forget() {
		generation.incrementAndGet();
		gathered = null;
	}

	private record Gathered(Instant at, Instant until, long generation, List<StaffNotice> notices) {
	}

}

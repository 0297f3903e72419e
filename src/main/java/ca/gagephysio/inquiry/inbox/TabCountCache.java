package ca.gagephysio.inquiry.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import ca.gagephysio.inquiry.internal.HelpWith;

/**
 * The inbox's tab counts, counted once and shown again while nothing they count can have changed, instead of on
 * every list page: counting is the one part of a page that reads every inquiry (an index entry each, 100,000 at a
 * large clinic's history), and the front desk opens the list hundreds of times a day.
 * <p>
 * Counts are kept per filter without a search (a service, an article; a search's counts are few rows and are always
 * counted), and shown again only while all of these hold:
 * <ul>
 * <li>no inquiry has arrived since, on any instance: the newest inquiry's id is read on every page (one look-up in
 * the primary key) and compared;</li>
 * <li>no change has been made through the inbox on this instance since ({@link #forget}, called once such a change
 * has committed);</li>
 * <li>no snoozed inquiry has come back since: the counts leave out inquiries snoozed at the time, so they are good
 * only until the earliest snooze ends;</li>
 * <li>they were counted less than {@code cacheFor} ago (10 s as shipped, {@code clinic.inbox.counts-cache-for}).</li>
 * </ul>
 * The last is the only way a count can be late: a status changed or a snooze set through the other instance shows in
 * this instance's tab numbers up to that long after. That is acceptable because a tab's number is a guide to where
 * to look, never a record and never a decision: the rows of every list are read from the database on every page,
 * so they are always current, and every change is checked against the inquiry's own version when it is made. A page
 * total a few seconds behind can at worst offer a next page that turns out empty, or leave out the link to a last
 * page for those seconds.
 * <p>
 * Hand-written rather than a cache library, as {@code staff.web.NoticeCache}: a map and a time stamp, with rules
 * (the newest id, the next snooze's end) that a general cache's expiry cannot express.
 */
final class TabCountCache {

	/** More filters than the inbox has services and articles; past it, the kept counts are dropped and start again. */
	static final int MAX_FILTERS = 256;

	private final Duration cacheFor;

	/** Moved on by every {@link #forget()}, so counts that started before a change never store their result. */
	private final AtomicLong generation = new AtomicLong();

	private final Map<Key, Counted> counted = new ConcurrentHashMap<>();

	/** @param cacheFor how long counts are shown at most; zero or negative counts on every page */
	TabCountCache(Duration cacheFor) {
		this.cacheFor = cacheFor;
	}

	/**
	 * The counts for a filter without a search, as counted earlier if nothing they count can have changed since, or
	 * counted now.
	 *
	 * @param service the service filter, or {@code null}
	 * @param source the article filter (its slug), or {@code null}
	 * @param newestId the id of the newest inquiry now (0 for none)
	 * @param now the time the page is for
	 * @param count counts afresh, at {@code now}
	 */
	InboxService.TabCounts get(HelpWith service, String source, long newestId, Instant now,
			Supplier<InboxService.TabCounts> count) {
		if (cacheFor.isZero() || cacheFor.isNegative()) {
			return count.get();
		}
		Key key = new Key(service, source);
		Counted kept = counted.get(key);
		if (kept != null && kept.generation() == generation.get() && kept.newestId() == newestId
				&& !now.isBefore(kept.at()) && now.isBefore(kept.until())) {
			return kept.counts();
		}
		long startedIn = generation.get();
		InboxService.TabCounts counts = count.get();
		Instant until = now.plus(cacheFor);
		if (counts.nextSnoozeEnds() != null && counts.nextSnoozeEnds().isBefore(until)) {
			until = counts.nextSnoozeEnds();
		}
		if (generation.get() == startedIn) {
			if (counted.size() >= MAX_FILTERS) {
				counted.clear();
			}
			counted.put(key, new Counted(counts, newestId, now, until, startedIn));
		}
		return counts;
	}

	/** Counts afresh on the next page: something the counts count was just changed on this instance. */
	void forget() {
		generation.incrementAndGet();
		counted.clear();
	}

	private record Key(HelpWith service, String source) {
	}

	private record Counted(InboxService.TabCounts counts, long newestId, Instant at, Instant until, long generation) {
	}

}

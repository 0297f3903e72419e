package ca.gagephysio.inquiry.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import ca.gagephysio.inquiry.internal.HelpWith;
import ca.gagephysio.inquiry.internal.InquiryStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox's tab counts are counted again as soon as anything they count may have changed: a new inquiry (the
 * newest id), a change through the inbox on this instance, a snooze ending, or, for a change made elsewhere, the
 * cache time (10 s as shipped). In between, a page costs no counting. Through the real pages:
 * {@link InboxTabCountsTests}.
 */
class TabCountCacheTests {

	private static final Duration CACHE_FOR = Duration.ofSeconds(10);

	private static final Instant T0 = Instant.parse("2026-12-07T14:00:00Z");

	private final TabCountCache cache = new TabCountCache(CACHE_FOR);

	/** What the database holds: the number of new inquiries. */
	private final AtomicLong newInquiries = new AtomicLong(5);

	private final AtomicReference<Instant> nextSnoozeEnds = new AtomicReference<>();

	private final AtomicInteger counted = new AtomicInteger();

	private InboxService.TabCounts count() {
		counted.incrementAndGet();
		Map<InquiryStatus, Long> byStatus = new EnumMap<>(InquiryStatus.class);
		for (InquiryStatus status : InquiryStatus.values()) {
			byStatus.put(status, 0L);
		}
		byStatus.put(InquiryStatus.NEW, newInquiries.get());
		return new InboxService.TabCounts(byStatus, 0, 0, nextSnoozeEnds.get());
	}

	private long newTab(long newestId, Instant now) {
		return cache.get(null, null, newestId, now, this::count).byStatus().get(InquiryStatus.NEW);
	}

	@Test
	void aSecondPageCostsNoCountingWhileNothingChanged() {
		assertThat(newTab(100, T0)).isEqualTo(5);
		assertThat(newTab(100, T0.plusSeconds(9))).isEqualTo(5);
		assertThat(counted).hasValue(1);
	}

	@Test
	void aNewInquiryOnAnyInstanceIsCountedOnTheNextPage() {
		assertThat(newTab(100, T0)).isEqualTo(5);

		newInquiries.set(6);

		assertThat(newTab(101, T0.plusSeconds(1))).isEqualTo(6);
	}

	@Test
	void aChangeThroughTheInboxHereIsCountedOnTheNextPage() {
		assertThat(newTab(100, T0)).isEqualTo(5);

		newInquiries.set(4);
		cache.forget();

		assertThat(newTab(100, T0.plusSeconds(1))).isEqualTo(4);
	}

	@Test
	void aChangeMadeElsewhereIsCountedWithinTheCacheTime() {
		assertThat(newTab(100, T0)).isEqualTo(5);

		newInquiries.set(4);

		assertThat(newTab(100, T0.plus(CACHE_FOR).minusMillis(1))).as("just under 10 s: as counted").isEqualTo(5);
		assertThat(newTab(100, T0.plus(CACHE_FOR))).as("10 s: counted again").isEqualTo(4);
	}

	@Test
	void aSnoozeEndingIsCountedAtItsTime() {
		nextSnoozeEnds.set(T0.plusSeconds(3));
		assertThat(newTab(100, T0)).isEqualTo(5);

		newInquiries.set(6);
		nextSnoozeEnds.set(null);

		assertThat(newTab(100, T0.plusMillis(2_999))).isEqualTo(5);
		assertThat(newTab(100, T0.plusSeconds(3))).as("back from its snooze: counted").isEqualTo(6);
	}

	@Test
	void eachFilterHasItsOwnCounts() {
		cache.get(HelpWith.FOOT_CARE, null, 100, T0, this::count);
		cache.get(null, "heel-pain", 100, T0, this::count);
		cache.get(null, null, 100, T0, this::count);
		assertThat(counted).hasValue(3);

		cache.get(HelpWith.FOOT_CARE, null, 100, T0.plusSeconds(1), this::count);
		assertThat(counted).hasValue(3);
	}

	@Test
	void aClockPutBackCountsAgain() {
		assertThat(newTab(100, T0)).isEqualTo(5);
		newInquiries.set(7);

		assertThat(newTab(100, T0.minusSeconds(1))).isEqualTo(7);
	}

	/** A change that commits while a page is counting: what was counted is shown once, never kept. */
	@Test
	void countsOvertakenByAChangeAreNotKept() {
		AtomicInteger calls = new AtomicInteger();
		InboxService.TabCounts before = cache.get(null, null, 100, T0, () -> {
			InboxService.TabCounts counts = count();
			if (calls.incrementAndGet() == 1) {
				// the change commits (and forgets) after this page read the old state
				newInquiries.set(4);
				cache.forget();
			}
			return counts;
		});
		assertThat(before.byStatus().get(InquiryStatus.NEW)).isEqualTo(5);

		assertThat(newTab(100, T0.plusSeconds(1))).isEqualTo(4);
	}

	@Test
	void aZeroCacheTimeCountsOnEveryPage() {
		TabCountCache off = new TabCountCache(Duration.ZERO);
		off.get(null, null, 100, T0, this::count);
		off.get(null, null, 100, T0, this::count);
		assertThat(counted).hasValue(2);
	}

}

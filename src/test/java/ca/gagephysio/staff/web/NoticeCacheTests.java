package ca.gagephysio.staff.web;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import ca.gagephysio.SettableClock;
import ca.gagephysio.staff.StaffNotice;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The back-office notices are gathered at most once per cache time (5 s as shipped): a notice that arises meanwhile
 * still shows within that time, a write on this instance shows at once, and a gathering overtaken by a write is never
 * kept. (The shared test context gathers on every page, {@code clinic.staff.notices.cache-for=0s}, since its tests
 * change a notice's subject straight in the database and look at once.)
 */
class NoticeCacheTests {

	private static final Duration CACHE_FOR = Duration.ofSeconds(5);

	private static final StaffNotice FAILING = new StaffNotice("notification.notice.failing", List.of(2L),
			"/staff/inquiries");

	private final SettableClock clock = new SettableClock();

	private final AtomicReference<List<StaffNotice>> now = new AtomicReference<>(List.of());

	private final AtomicInteger gathered = new AtomicInteger();

	private final NoticeCache cache = new NoticeCache(() -> {
		gathered.incrementAndGet();
		return now.get();
	}, clock, CACHE_FOR);

	@Test
	void aNoticeThatArisesShowsWithinTheCacheTimeAndPagesInBetweenCostNoGathering() {
		clock.set(java.time.Instant.parse("2026-12-07T14:00:00Z"));
		assertThat(cache.current()).isEmpty();

		now.set(List.of(FAILING));
		clock.advance(Duration.ofMillis(4_900));
		assertThat(cache.current()).as("4.9 s later: the gathering before, at no cost").isEmpty();
		assertThat(gathered).hasValue(1);

		clock.advance(Duration.ofMillis(100));
		assertThat(cache.current()).as("5 s later: gathered afresh").containsExactly(FAILING);
		assertThat(gathered).hasValue(2);
	}

	@Test
	void aNoticePutRightGoesWithinTheCacheTime() {
		now.set(List.of(FAILING));
		assertThat(cache.current()).containsExactly(FAILING);

		now.set(List.of());
		clock.advance(CACHE_FOR);

		assertThat(cache.current()).isEmpty();
	}

	@Test
	void aWriteOnThisInstanceShowsOnTheNextPage() {
		assertThat(cache.current()).isEmpty();
		now.set(List.of(FAILING));

		cache.forget();

		assertThat(cache.current()).containsExactly(FAILING);
	}

	/** A write that commits while the notices are being gathered: what was gathered is shown once, never kept. */
	@Test
	void aGatheringOvertakenByAWriteIsNotKept() {
		AtomicReference<NoticeCache> self = new AtomicReference<>();
		NoticeCache overtaken = new NoticeCache(() -> {
			List<StaffNotice> before = now.get();
			if (gathered.incrementAndGet() == 1) {
				now.set(List.of(FAILING));
				self.get().forget();
			}
			return before;
		}, clock, CACHE_FOR);
		self.set(overtaken);

		assertThat(overtaken.current()).as("read before the write").isEmpty();
		assertThat(overtaken.current()).as("the next page, at the same instant").containsExactly(FAILING);
		assertThat(gathered).hasValue(2);
	}

	@Test
	void aClockSetBackDoesNotKeepAGatheringForLonger() {
		assertThat(cache.current()).isEmpty();
		now.set(List.of(FAILING));

		clock.advance(Duration.ofHours(-1));

		assertThat(cache.current()).containsExactly(FAILING);
	}

	@Test
	void noCacheTimeGathersOnEveryPage() {
		NoticeCache never = new NoticeCache(() -> {
			gathered.incrementAndGet();
			return now.get();
		}, clock, Duration.ZERO);

		never.current();
		never.current();

		assertThat(gathered).hasValue(2);
	}

}

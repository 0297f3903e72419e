package ca.gagephysio.article;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import ca.gagephysio.SettableClock;
import ca.gagephysio.team.ClinicianChanged;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

class ArticlePageCacheTests {

	private final ArticlePageCache cache = cache(Optional.empty(), Clock.systemUTC());

	private final AtomicInteger renders = new AtomicInteger();

	@Test
	void aCachedPageIsRenderedOnlyOnce() {
		cache.get("tip", () -> render("<p>tip</p>"));
		cache.get("tip", () -> render("<p>tip</p>"));

		assertThat(renders).hasValue(1);
	}

	@Test
	void aPageRenderedWhileSomethingChangedIsServedOnceButNotKept() {
		ArticlePageCache.RenderedPage stale = cache.get("tip", () -> {
			cache.evictAll();
			return render("<p>old</p>");
		});
		ArticlePageCache.RenderedPage fresh = cache.get("tip", () -> render("<p>new</p>"));

		assertThat(new String(stale.identity(), StandardCharsets.UTF_8)).isEqualTo("<p>old</p>");
		assertThat(new String(fresh.identity(), StandardCharsets.UTF_8)).isEqualTo("<p>new</p>");
	}

	@Test
	void aClinicianChangeDropsEveryPage() {
		cache.get("one", () -> render("<p>one</p>"));
		cache.clinicianChanged(new ClinicianChanged("someone"));
		cache.get("one", () -> render("<p>one</p>"));

		assertThat(renders).hasValue(2);
	}

	@Test
	void aScheduledTimePassingDropsEveryPageAtThatInstant() {
		SettableClock clock = new SettableClock();
		Instant goesPublic = Instant.now().plusSeconds(3600);
		ArticlePageCache scheduled = cache(Optional.of(goesPublic), clock);

		scheduled.get("one", () -> render("<p>one</p>"));
		clock.set(goesPublic.minusSeconds(60));
		scheduled.get("one", () -> render("<p>one</p>"));
		assertThat(renders).hasValue(1);

		clock.set(goesPublic);
		scheduled.get("one", () -> render("<p>one</p>"));
		assertThat(renders).hasValue(2);
	}

	@Test
	void bothEncodingsAreTheSamePageUnderOneWeakETag() throws IOException {
		String html = "<!DOCTYPE html><p>caf\u00e9 " + "back pain ".repeat(200) + "</p>";
		ArticlePageCache.RenderedPage page = ArticlePageCache.RenderedPage.of(html);

		byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(page.body(true))).readAllBytes();
		assertThat(unzipped).isEqualTo(page.body(false));
		assertThat(new String(page.body(false), StandardCharsets.UTF_8)).isEqualTo(html);
		assertThat(page.etag()).matches("W/\"[0-9a-f]{24}\"");
		assertThat(ArticlePageCache.RenderedPage.of(html + " ").etag()).isNotEqualTo(page.etag());
	}

	private String render(String html) {
		renders.incrementAndGet();
		return html;
	}

	private static ArticlePageCache cache(Optional<Instant> nextScheduled, Clock clock) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("schedule", (ArticlePageCache.Schedule) now -> nextScheduled.filter(now::isBefore));
		beans.addBean("clock", clock);
		return new ArticlePageCache(beans.getBeanProvider(ArticlePageCache.Schedule.class),
				beans.getBeanProvider(Clock.class));
	}

}

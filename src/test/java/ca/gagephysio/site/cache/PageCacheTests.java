package ca.gagephysio.site.cache;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import ca.gagephysio.SettableClock;
import ca.gagephysio.shared.PublicContentChanged;
import ca.gagephysio.site.error.NotFoundException;
import org.junit.jupiter.api.Test;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.HttpFirewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cache on its own, without the application: what it keeps, what it drops, and the bytes it serves.
 * {@code PublicPageCacheTests} shows each public page going through it.
 */
class PageCacheTests {

	private final PageCache cache = cache(Optional.empty(), Clock.systemUTC());

	private final AtomicInteger renders = new AtomicInteger();

	@Test
	void aCachedPageIsRenderedOnlyOnce() {
		serve("/tip", "<p>tip</p>");
		serve("/tip", "<p>tip</p>");

		assertThat(renders).hasValue(1);
		assertThat(cache.renders()).isEqualTo(1);
	}

	@Test
	void aPageRenderedWhileSomethingChangedIsServedOnceButNotKept() {
		ResponseEntity<byte[]> stale = cache.serve("/tip", PageCache.HTML, null, () -> {
			cache.dropAll();
			return render("<p>old</p>");
		});
		ResponseEntity<byte[]> fresh = serve("/tip", "<p>new</p>");

		assertThat(text(stale)).isEqualTo("<p>old</p>");
		assertThat(text(fresh)).isEqualTo("<p>new</p>");
	}

	@Test
	void aDropMakesEveryPageRenderAgain() {
		serve("/one", "<p>one</p>");
		serve("/two", "<p>two</p>");
		cache.dropAll();
		serve("/one", "<p>one</p>");
		serve("/two", "<p>two</p>");

		assertThat(renders).hasValue(4);
	}

	@Test
	void aScheduledTimePassingDropsEveryPageAtThatInstant() {
		SettableClock clock = new SettableClock();
		Instant goesPublic = Instant.now().plusSeconds(3600);
		PageCache scheduled = cache(Optional.of(goesPublic), clock);

		scheduled.serve("/one", PageCache.HTML, null, () -> render("<p>one</p>"));
		clock.set(goesPublic.minusSeconds(60));
		scheduled.serve("/one", PageCache.HTML, null, () -> render("<p>one</p>"));
		assertThat(renders).hasValue(1);

		clock.set(goesPublic);
		scheduled.serve("/one", PageCache.HTML, null, () -> render("<p>one</p>"));
		assertThat(renders).hasValue(2);
	}

	@Test
	void aPageThatCannotBeRenderedIsNotKept() {
		assertThatThrownBy(() -> cache.serve("/team/nobody", PageCache.HTML, null, () -> {
			renders.incrementAndGet();
			throw new NotFoundException("Clinician nobody");
		})).isInstanceOf(NotFoundException.class);

		assertThat(cache.size()).isZero();
	}

	@Test
	void beyondItsBoundAPageIsServedButNotKept() {
		for (int i = 0; i < PageCache.MAX_ENTRIES; i++) {
			serve("/page/" + i, "<p>" + i + "</p>");
		}
		assertThat(text(serve("/one-too-many", "<p>more</p>"))).isEqualTo("<p>more</p>");
		serve("/one-too-many", "<p>more</p>");

		assertThat(cache.size()).isEqualTo(PageCache.MAX_ENTRIES);
		assertThat(renders).hasValue(PageCache.MAX_ENTRIES + 2);
	}

	@Test
	void bothEncodingsAreTheSamePageUnderOneWeakETag() throws IOException {
		String html = "<!DOCTYPE html><p>caf\u00e9 " + "back pain ".repeat(200) + "</p>";
		RenderedPage page = RenderedPage.of(html);

		assertThat(gunzip(page.body(true))).isEqualTo(page.body(false));
		assertThat(new String(page.body(false), StandardCharsets.UTF_8)).isEqualTo(html);
		assertThat(page.etag()).matches("W/\"[0-9a-f]{24}\"");
		assertThat(RenderedPage.of(html + " ").etag()).isNotEqualTo(page.etag());
	}

	@Test
	void aSplicedPageInEitherEncodingIsThePageWithTheInsertInPlaceOfTheMarker() throws IOException {
		String before = "<!DOCTYPE html><p>caf\u00e9 " + "neck pain ".repeat(500) + "<input value=\"";
		String after = "\"><p>" + "back pain ".repeat(800) + "</p>";
		SplicedPage page = SplicedPage.of(before + "MARKER" + after, "MARKER");

		for (String insert : new String[] { "", "t0ken-\u00e9", "x".repeat(70_000) + "back pain " }) {
			byte[] middle = insert.getBytes(StandardCharsets.UTF_8);
			String expected = before + insert + after;
			assertThat(new String(page.identity(middle), StandardCharsets.UTF_8)).isEqualTo(expected);
			// GZIPInputStream checks the CRC-32 and the length in the trailer too
			assertThat(new String(gunzip(page.gzip(middle)), StandardCharsets.UTF_8)).isEqualTo(expected);
		}
		assertThat(page.gzip("abc".getBytes(StandardCharsets.UTF_8)).length).as("compressed")
			.isLessThan((before + after).length() / 5);
	}

	@Test
	void aSplicedPageNeedsItsMarkerExactlyOnce() {
		assertThatIllegalStateException().isThrownBy(() -> SplicedPage.of("<p>no marker</p>", "MARKER"));
		assertThatIllegalStateException().isThrownBy(() -> SplicedPage.of("MARKER and MARKER", "MARKER"));
	}

	@Test
	void aSplicedPageIsRenderedOnceAndTakesEachRequestsInsert() {
		MockHttpServletRequest gzip = new MockHttpServletRequest("GET", "/form");
		gzip.addHeader("Accept-Encoding", "gzip");
		ResponseEntity<byte[]> first = cache.serveSpliced("/form", "SLOT", request -> "one", gzip,
				() -> render("<form>SLOT</form>"));
		ResponseEntity<byte[]> second = cache.serveSpliced("/form", "SLOT", request -> "two",
				new MockHttpServletRequest("GET", "/form"), () -> render("<form>SLOT</form>"));

		assertThat(renders).hasValue(1);
		assertThat(first.getHeaders().getFirst("Content-Encoding")).isEqualTo("gzip");
		assertThat(first.getHeaders().getETag()).isNull();
		assertThat(text(second)).isEqualTo("<form>two</form>");
	}

	@Test
	void gzipIsAcceptedUnlessRefused() {
		assertThat(PageCache.acceptsGzip("gzip, deflate, br")).isTrue();
		assertThat(PageCache.acceptsGzip("br;q=1.0, GZIP;q=0.5")).isTrue();
		assertThat(PageCache.acceptsGzip("gzip;q=0")).isFalse();
		assertThat(PageCache.acceptsGzip("gzip;q=0.000")).isFalse();
		assertThat(PageCache.acceptsGzip("identity")).isFalse();
		assertThat(PageCache.acceptsGzip(null)).isFalse();
	}

	private ResponseEntity<byte[]> serve(String key, String html) {
		return cache.serve(key, PageCache.HTML, null, () -> render(html));
	}

	private String render(String html) {
		renders.incrementAndGet();
		return html;
	}

	private static String text(ResponseEntity<byte[]> response) {
		return new String(response.getBody(), StandardCharsets.UTF_8);
	}

	private static byte[] gunzip(byte[] gzip) throws IOException {
		return new GZIPInputStream(new ByteArrayInputStream(gzip)).readAllBytes();
	}

	private static PageCache cache(Optional<Instant> nextChange, Clock clock) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("schedule", (PageCache.ChangeSchedule) now -> nextChange.filter(now::isBefore));
		beans.addBean("clock", clock);
		return new PageCache(beans.getBeanProvider(PageCache.ChangeSchedule.class),
				beans.getBeanProvider(ThymeleafViewResolver.class), beans.getBeanProvider(Clock.class),
				beans.getBeanProvider(HttpFirewall.class));
	}

}

package ca.gagephysio.site.cache;

import java.time.Duration;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;

/**
 * Public pages are the same for every reader, so browsers and shared caches may keep them a few minutes. Set only
 * on successful responses: an error page must not be cached as if it were the page.
 */
public final class PublicCaching {

	public static final CacheControl PUBLIC_PAGE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

	private PublicCaching() {
	}

	public static void cacheable(HttpServletResponse response) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, PUBLIC_PAGE.getHeaderValue());
	}

}

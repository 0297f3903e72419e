package ca.gagephysio.site.cache;

import java.time.Duration;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;

/**
 * How long browsers and shared caches may keep what the public site sends. Set only on successful responses: an
 * error page must not be cached as if it were the page.
 */
public final class PublicCaching {

	/**
	 * A public page: kept, but revalidated on every use ({@code no-cache}, RFC 9111 section 5.2.2.4) with the ETag
	 * it came with, so a new or deleted article shows at once to a returning reader. The revalidation costs a 304
	 * without a body, answered by {@link CachedPageFilter} before Spring.
	 */
	public static final CacheControl PUBLIC_PAGE = CacheControl.noCache().cachePublic();

	/** A permanent redirect from a former address: no page to revalidate, so kept a few minutes. */
	public static final CacheControl REDIRECT = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

	private PublicCaching() {
	}

	public static void cacheable(HttpServletResponse response) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, PUBLIC_PAGE.getHeaderValue());
	}

}

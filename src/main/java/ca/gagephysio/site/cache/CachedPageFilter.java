package ca.gagephysio.site.cache;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

import ca.gagephysio.site.http.CanonicalHostFilter;

/**
 * The first filter of every request (after the timer and the host check): answers a GET for a public page that {@link PageCache} has already sent with
 * the response kept then, before Spring Security and Spring MVC (see "The front door" on {@link PageCache} for why,
 * and for what it answers). Everything else, and every first request for a page, goes on down the chain as usual,
 * after which the cache keeps the response if it was one of its pages. Either way, a public page sent whole is told
 * to the {@link PageViewListener}s (page-view counting) here, where both paths meet.
 * <p>
 * A plain {@link HttpFilter}, so Boot registers it for the {@code REQUEST} dispatch only: error pages and forwards
 * never come here.
 */
@Component
public class CachedPageFilter extends HttpFilter implements Ordered {

	private final transient PageCache pages;

	/** Lazily: a listener (the visits module's counter) may need beans that are built after the filters. */
	private final transient ObjectProvider<PageViewListener> listenerProvider;

	/** The listeners, looked up on the first page sent and then kept, so a page view costs no bean lookup. */
	private transient volatile List<PageViewListener> listeners;

	CachedPageFilter(PageCache pages, ObjectProvider<PageViewListener> listeners) {
		this.pages = pages;
		this.listenerProvider = listeners;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		boolean get = "GET".equals(request.getMethod());
		if (get && pages.writeStored(request, response)) {
			viewed(request, response);
			return;
		}
		chain.doFilter(request, response);
		if (get) {
			pages.remember(request, response);
			viewed(request, response);
		}
	}

	/** Tells the {@link PageViewListener}s when a reader was sent a whole public page (200, not a 304). */
	private void viewed(HttpServletRequest request, HttpServletResponse response) {
		String path = PageCache.viewedPath(request);
		if (path == null || response.getStatus() != HttpServletResponse.SC_OK) {
			return;
		}
		List<PageViewListener> told = listeners;
		if (told == null) {
			told = listenerProvider.orderedStream().toList();
			listeners = told;
		}
		for (PageViewListener listener : told) {
			listener.pageViewed(request, path);
		}
	}

	/**
	 * Before every other filter but the request timer ({@code RequestTimer}, and Spring's request observation when
	 * it is on), which times the answers given here too, and {@link CanonicalHostFilter}, so a kept page is only ever
	 * sent on the site's own host: a kept page needs none of the others.
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 3;
	}

}

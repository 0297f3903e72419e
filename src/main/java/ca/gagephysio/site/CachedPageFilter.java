package ca.gagephysio.site;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * The first filter of every request: answers a GET for a public page that {@link PageCache} has already sent with
 * the response kept then, before Spring Security and Spring MVC (see "The front door" on {@link PageCache} for why,
 * and for what it answers). Everything else, and every first request for a page, goes on down the chain as usual,
 * after which the cache keeps the response if it was one of its pages.
 * <p>
 * A plain {@link HttpFilter}, so Boot registers it for the {@code REQUEST} dispatch only: error pages and forwards
 * never come here.
 */
@Component
class CachedPageFilter extends HttpFilter implements Ordered {

	private final transient PageCache pages;

	CachedPageFilter(PageCache pages) {
		this.pages = pages;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		boolean get = "GET".equals(request.getMethod());
		if (get && pages.writeStored(request, response)) {
			return;
		}
		chain.doFilter(request, response);
		if (get) {
			pages.remember(request, response);
		}
	}

	/**
	 * Before every other filter but the request timer ({@code RequestTimer}, and Spring's request observation when
	 * it is on), which times the answers given here too: a kept page needs none of the others.
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 2;
	}

}

package ca.gagephysio.site.http;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers an upload larger than {@code spring.servlet.multipart.max-request-size} with the 413 page before Spring
 * Security sees it. Otherwise the staff chain's CSRF check would look for its token in a body Tomcat refuses to read,
 * find none, and tell a staff member who chose too big a photo that they may not do what they did (403). Decided on
 * the declared {@code Content-Length} alone, which every browser sends with a form, so nothing is read first; a
 * chunked upload without one still reaches the usual checks.
 */
@Component
class OversizedUploadFilter extends OncePerRequestFilter implements Ordered {

	private static final String MULTIPART = MediaType.MULTIPART_FORM_DATA_VALUE;

	private final long maxRequestSize;

	OversizedUploadFilter(ObjectProvider<MultipartConfigElement> multipart) {
		MultipartConfigElement config = multipart.getIfAvailable();
		this.maxRequestSize = config == null ? -1 : config.getMaxRequestSize();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String contentType = request.getContentType();
		return maxRequestSize < 0 || !"POST".equals(request.getMethod()) || contentType == null
				|| !contentType.regionMatches(true, 0, MULTIPART, 0, MULTIPART.length());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > maxRequestSize) {
			response.sendError(HttpStatus.CONTENT_TOO_LARGE.value());
			return;
		}
		chain.doFilter(request, response);
	}

	/** Before Spring Security's chain, beside {@code FormBodyFirstFilter}. */
	@Override
	public int getOrder() {
		return SecurityFilterProperties.DEFAULT_FILTER_ORDER - 3;
	}

}

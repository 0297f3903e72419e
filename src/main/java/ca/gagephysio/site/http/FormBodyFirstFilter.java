package ca.gagephysio.site.http;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads a posted form before Spring Security sees the request. A form over {@code server.tomcat.max-http-form-post-size}
 * then fails here, as Tomcat's 413, before the staff chain's CSRF check stores a fresh token in a new session: a
 * refused anonymous post never leaves a session cookie behind. Every form is read anyway, so this costs nothing.
 */
@Component
class FormBodyFirstFilter extends OncePerRequestFilter implements Ordered {

	private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED_VALUE;

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String contentType = request.getContentType();
		return !"POST".equals(request.getMethod()) || contentType == null
				|| !contentType.regionMatches(true, 0, FORM, 0, FORM.length());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		request.getParameterMap();
		chain.doFilter(request, response);
	}

	/** Just before Spring Security's filter chain, after the character encoding is set. */
	@Override
	public int getOrder() {
		return SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1;
	}

}

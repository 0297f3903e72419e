package ca.gagephysio.site.http;

import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * Writes the site's security headers on the container's error dispatch as well. Spring Security's own header
 * filter skips error dispatches, which is harmless when the failed request passed through it first (a 404), but
 * leaves bare the error pages of requests Tomcat refused before any filter ran: TRACE (405) and a form body over
 * the size limit (413). Every error page goes to {@code /error}, which only the public chain matches, so this filter
 * sits there alone. Writers leave a header already set by the original dispatch untouched.
 */
class ErrorDispatchHeaderWriterFilter extends HeaderWriterFilter {

	ErrorDispatchHeaderWriterFilter(List<HeaderWriter> writers) {
		super(writers);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getDispatcherType() != DispatcherType.ERROR;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

}

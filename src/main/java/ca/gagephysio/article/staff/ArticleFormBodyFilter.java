package ca.gagephysio.article.staff;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.filter.OncePerRequestFilter;

import ca.gagephysio.article.ArticleProperties;

/**
 * Reads the article editor's posts itself, up to {@code clinic.articles.max-form-size}. The site keeps Tomcat's
 * form limit small ({@code server.tomcat.max-http-form-post-size}), right for every public form but far too small
 * for an article's Markdown: a long article would be refused with all its text. Only posts to
 * {@code /staff/articles} are read here, before Spring Security's chain (which still decides who may post, CSRF
 * token included); a bigger post answers 413 like any other. Tomcat never parses these bodies.
 */
@Component
class ArticleFormBodyFilter extends OncePerRequestFilter implements Ordered {

	private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED_VALUE;

	private static final FormHttpMessageConverter FORMS = new FormHttpMessageConverter();

	private final ArticleProperties properties;

	ArticleFormBodyFilter(ArticleProperties properties) {
		this.properties = properties;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String contentType = request.getContentType();
		return !"POST".equals(request.getMethod()) || contentType == null
				|| !contentType.regionMatches(true, 0, FORM, 0, FORM.length())
				|| !request.getRequestURI().startsWith(request.getContextPath() + ArticleAdminController.PATH);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long limit = properties.maxFormSize().toBytes();
		if (request.getContentLengthLong() > limit) {
			response.sendError(HttpStatus.CONTENT_TOO_LARGE.value());
			return;
		}
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes((int) limit + 1);
		}
		if (body.length > limit) {
			response.sendError(HttpStatus.CONTENT_TOO_LARGE.value());
			return;
		}
		MultiValueMap<String, String> values = new LinkedMultiValueMap<>();
		try {
			add(values, request.getQueryString());
			add(values, new String(body, StandardCharsets.ISO_8859_1));
		}
		catch (IllegalArgumentException malformed) {
			// a stray % that no browser sends: the site's 400 page, as Tomcat answers any other unreadable form
			response.sendError(HttpStatus.BAD_REQUEST.value());
			return;
		}
		Map<String, String[]> parameters = new LinkedHashMap<>();
		values.forEach((name, list) -> parameters.put(name, list.toArray(String[]::new)));
		chain.doFilter(new FormRequest(request, Collections.unmodifiableMap(parameters)), response);
	}

	/**
	 * Adds {@code name=value&...} pairs, percent-decoded as UTF-8 (the editor's page is UTF-8), with Spring's own
	 * form reader rather than a parser of our own.
	 * @throws IllegalArgumentException if a percent escape is malformed
	 */
	private static void add(MultiValueMap<String, String> values, String encoded) throws IOException {
		if (encoded == null || encoded.isEmpty()) {
			return;
		}
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(new MediaType(MediaType.APPLICATION_FORM_URLENCODED, StandardCharsets.UTF_8));
		HttpInputMessage message = new HttpInputMessage() {

			@Override
			public InputStream getBody() {
				return new ByteArrayInputStream(encoded.getBytes(StandardCharsets.ISO_8859_1));
			}

			@Override
			public HttpHeaders getHeaders() {
				return headers;
			}

		};
		values.addAll(FORMS.read(null, message));
	}

	/** Just before {@code FormBodyFirstFilter}, which would otherwise have Tomcat parse the body. */
	@Override
	public int getOrder() {
		return SecurityFilterProperties.DEFAULT_FILTER_ORDER - 2;
	}

	/** The request with its parameters read here. */
	private static final class FormRequest extends HttpServletRequestWrapper {

		private final Map<String, String[]> parameters;

		FormRequest(HttpServletRequest request, Map<String, String[]> parameters) {
			super(request);
			this.parameters = parameters;
		}

		@Override
		public String getParameter(String name) {
			String[] values = parameters.get(name);
			return values == null ? null : values[0];
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return parameters;
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.enumeration(parameters.keySet());
		}

		@Override
		public String[] getParameterValues(String name) {
			String[] values = parameters.get(name);
			return values == null ? null : values.clone();
		}

	}

}

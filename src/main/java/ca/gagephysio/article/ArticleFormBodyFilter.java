package ca.gagephysio.article;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

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
		Map<String, String[]> parameters = new LinkedHashMap<>();
		add(parameters, request.getQueryString());
		add(parameters, new String(body, StandardCharsets.ISO_8859_1));
		chain.doFilter(new FormRequest(request, Collections.unmodifiableMap(parameters)), response);
	}

	/** Adds {@code name=value&...} pairs, percent-decoded as UTF-8 (the editor's page is UTF-8). */
	private static void add(Map<String, String[]> parameters, String encoded) {
		if (encoded == null || encoded.isEmpty()) {
			return;
		}
		Map<String, List<String>> values = new LinkedHashMap<>();
		parameters.forEach((name, existing) -> values.put(name, new ArrayList<>(List.of(existing))));
		for (String pair : encoded.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode(equals < 0 ? pair : pair.substring(0, equals));
			String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
			values.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
		}
		values.forEach((name, list) -> parameters.put(name, list.toArray(String[]::new)));
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException malformed) {
			// A stray % from a hand-made post: keep the text as it came rather than fail the whole form.
			return text;
		}
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

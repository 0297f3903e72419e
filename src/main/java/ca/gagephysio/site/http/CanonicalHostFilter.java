package ca.gagephysio.site.http;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import ca.gagephysio.clinic.ClinicFacts;

/**
 * Sends a request for any other host name to the base URL's host, with the same path and query: 301 for GET and HEAD,
 * 308 for anything else (RFC 9110 section 15.4.9: the method and body are kept, so an inquiry posted from a page
 * opened on the bare domain still arrives). So the bare domain and {@code www} land on one host, the relying-party
 * id, and a passkey made there always works; search engines see one address too.
 * <p>
 * Left alone: a request whose host is an IP address (nothing a person types, no passkey could work there: health
 * checks, a proxy's or the test suites' requests to {@code 127.0.0.1}) and the public probes {@code /livez} and
 * {@code /readyz}, which a load balancer asks under whatever name it knows. The management port is another server
 * and never sees this filter. Behind the proxy the host is the one the visitor asked for
 * ({@code X-Forwarded-Host}, believed with {@code server.forward-headers-strategy=native}).
 * <p>
 * Before every other filter but the request timer, so the page cache's front door never answers for another host.
 */
@Component
public class CanonicalHostFilter extends HttpFilter implements Ordered {

	private final transient CanonicalHost canonical;

	private final transient ClinicFacts clinic;

	CanonicalHostFilter(CanonicalHost canonical, ClinicFacts clinic) {
		this.canonical = canonical;
		this.clinic = clinic;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (canonical.isCanonical(request) || CanonicalHost.isIpLiteral(request.getServerName())
				|| isProbe(request.getRequestURI())) {
			chain.doFilter(request, response);
			return;
		}
		URI base = clinic.baseUrl();
		String query = request.getQueryString();
		String location = base.getScheme() + "://" + base.getRawAuthority() + request.getRequestURI()
				+ (query == null ? "" : "?" + query);
		boolean safe = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
		response.setStatus(safe ? HttpServletResponse.SC_MOVED_PERMANENTLY : 308);
		response.setHeader(HttpHeaders.LOCATION, location);
	}

	private static boolean isProbe(String path) {
		return path.equals("/livez") || path.equals("/readyz");
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 2;
	}

}

package ca.gagephysio.site.http;

import java.net.URI;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

import ca.gagephysio.clinic.ClinicFacts;

/**
 * The one host name the site is reached at: the host of the clinic's base URL ({@link ClinicFacts#baseUrl()}, so it
 * follows a base URL saved at {@code /staff/settings}). It is also the passkeys' relying-party id, so a passkey
 * made on {@code www.clinic.example} works only there: {@link CanonicalHostFilter} sends every other host name there,
 * and {@link #passkeysCanWork} tells the sign-in pages whether to offer passkeys at all.
 */
@Component
public class CanonicalHost {

	private final ClinicFacts clinic;

	CanonicalHost(ClinicFacts clinic) {
		this.clinic = clinic;
	}

	/** The host of the base URL, in lower case. */
	public String host() {
		return clinic.baseUrl().getHost().toLowerCase(Locale.ROOT);
	}

	/**
	 * Whether this request came for the base URL's host (its port aside: behind the proxy, or on a test server's
	 * random port, the port the application sees is not the public one).
	 */
	public boolean isCanonical(HttpServletRequest request) {
		return clinic.baseUrl().getHost().equalsIgnoreCase(request.getServerName());
	}

	/**
	 * Whether a passkey can be made or used on this request. A browser offers WebAuthn only in a secure context
	 * (https, or http on {@code localhost}), only for a relying-party id that is a domain (never an IP address), and
	 * only on that domain (W3C Web Authentication, sections 5.1.3 and 5.1.4.1). Where one of these fails, a passkey
	 * button would only ever show an error.
	 */
	public boolean passkeysCanWork(HttpServletRequest request) {
		return passkeysCanWork(clinic.baseUrl()) && isCanonical(request);
	}

	/** Whether a browser can make passkeys for this base URL at all (see {@link #passkeysCanWork(HttpServletRequest)}). */
	public static boolean passkeysCanWork(URI baseUrl) {
		String host = baseUrl.getHost();
		if (host == null || isIpLiteral(host)) {
			return false;
		}
		return "https".equalsIgnoreCase(baseUrl.getScheme()) || isLocalhost(host);
	}

	public static boolean isLocalhost(String host) {
		String lower = host.toLowerCase(Locale.ROOT);
		return lower.equals("localhost") || lower.endsWith(".localhost");
	}

	/**
	 * An IPv4 address or a bracketed (or bare) IPv6 address, as a Host header or URI may give one. Digits and dots
	 * alone are an IPv4 address: no top-level domain is all digits (RFC 3696 section 2). A loop, not a regular
	 * expression: this runs on every request that reaches the site by address (the benchmarks, health checks).
	 */
	public static boolean isIpLiteral(String host) {
		if (host.isEmpty()) {
			return false;
		}
		if (host.charAt(0) == '[' || host.indexOf(':') >= 0) {
			return true;
		}
		for (int i = 0; i < host.length(); i++) {
			char c = host.charAt(i);
			if (c != '.' && (c < '0' || c > '9')) {
				return false;
			}
		}
		return true;
	}

}

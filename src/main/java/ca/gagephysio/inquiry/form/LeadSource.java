package ca.gagephysio.inquiry.form;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import ca.gagephysio.inquiry.internal.Inquiry;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.BindParam;

/**
 * Where a lead came from, worked out on the server when the form is shown (no cookie, no third-party script for an
 * ad blocker to block) and carried to the post in hidden fields: the page of this site that sent the person (the
 * call-to-action's {@code from=}, else the path of a same-site referrer), the other site that referred them (its
 * address only: the site's referrer policy sends no more), and the UTM parameters of the link, whether on the
 * form's own address or on the same-site page the person came from.
 *
 * <p>
 * It is only a hint, so it never fails a post: values are cut to the columns' lengths, control characters dropped,
 * and a page or referrer that does not look like one is left out.
 */
record LeadSource(String from, @BindParam("ref") String referrer, @BindParam("utm_source") String utmSource,
		@BindParam("utm_medium") String utmMedium, @BindParam("utm_campaign") String utmCampaign,
		@BindParam("utm_term") String utmTerm, @BindParam("utm_content") String utmContent) {

	/** A slug or a path on this site; anything else is not a page of ours. */
	private static final Pattern PAGE = Pattern.compile("[\\p{L}\\p{N}/_.~-]+");

	/** Only a web address: whoever shows it as a link later must never get a {@code javascript:} one. */
	private static final Pattern WEB_ADDRESS = Pattern.compile("https?://[^\\s\"'<>]+", Pattern.CASE_INSENSITIVE);

	LeadSource {
		from = matching(clean(from, 200), PAGE);
		referrer = matching(clean(referrer, 500), WEB_ADDRESS);
		utmSource = clean(utmSource, 100);
		utmMedium = clean(utmMedium, 100);
		utmCampaign = clean(utmCampaign, 100);
		utmTerm = clean(utmTerm, 100);
		utmContent = clean(utmContent, 100);
	}

	/**
	 * The source of a person arriving at the form: its own query ({@code from}, {@code utm_*}) first, then what the
	 * {@code Referer} header tells.
	 */
	static LeadSource ofLanding(HttpServletRequest request, String siteHost) {
		Map<String, String> query = new HashMap<>();
		for (String name : new String[] { "from", "utm_source", "utm_medium", "utm_campaign", "utm_term",
				"utm_content" }) {
			query.put(name, request.getParameter(name));
		}
		String from = query.get("from");
		String externalReferrer = null;
		URI referer = parse(request.getHeader(HttpHeaders.REFERER));
		if (referer != null && referer.getHost() != null) {
			boolean sameSite = referer.getHost().equalsIgnoreCase(request.getServerName())
					|| referer.getHost().equalsIgnoreCase(siteHost);
			if (sameSite) {
				if (from == null && referer.getRawPath() != null && !referer.getRawPath().startsWith("/inquiry")) {
					from = referer.getPath();
				}
				Map<String, String> refererQuery = queryOf(referer);
				query.replaceAll((name, value) -> value != null ? value : refererQuery.get(name));
			}
			else {
				externalReferrer = referer.getScheme() + "://" + referer.getHost().toLowerCase(Locale.ROOT)
						+ (referer.getPort() == -1 ? "" : ":" + referer.getPort());
			}
		}
		return new LeadSource(from, externalReferrer, query.get("utm_source"), query.get("utm_medium"),
				query.get("utm_campaign"), query.get("utm_term"), query.get("utm_content"));
	}

	Inquiry.Source toSource() {
		return new Inquiry.Source(from, referrer, utmSource, utmMedium, utmCampaign, utmTerm, utmContent);
	}

	private static URI parse(String header) {
		if (header == null || header.length() > 2000) {
			return null;
		}
		try {
			URI uri = new URI(header);
			String scheme = uri.getScheme();
			return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) ? uri : null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static Map<String, String> queryOf(URI uri) {
		Map<String, String> values = new HashMap<>();
		if (uri.getRawQuery() == null) {
			return values;
		}
		for (String pair : uri.getRawQuery().split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				try {
					values.putIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
							URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
				}
				catch (IllegalArgumentException ex) {
					// a badly encoded parameter is ignored, like any other noise in a referrer
				}
			}
		}
		return values;
	}

	private static String matching(String value, Pattern pattern) {
		return value != null && pattern.matcher(value).matches() ? value : null;
	}

	private static String clean(String value, int maxLength) {
		if (value == null) {
			return null;
		}
		String cleaned = value.replaceAll("\\p{Cntrl}", "").strip();
		if (cleaned.isEmpty()) {
			return null;
		}
		if (cleaned.length() <= maxLength) {
			return cleaned;
		}
		int end = Character.isHighSurrogate(cleaned.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
		return cleaned.substring(0, end);
	}

}

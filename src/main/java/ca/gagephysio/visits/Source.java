package ca.gagephysio.visits;

import java.net.URI;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where a page view came from, as {@code visit_source_day} keeps it: the referring site's host (never its path or
 * query, which can carry a search or a person's details) and the UTM tags of the page's address; each part the empty
 * string when absent. A host is at most {@value #MAX_HOST} characters and a tag at most {@value #MAX_TAG} (the
 * columns' sizes); longer tags are cut there, a longer host (no real one is) is dropped.
 */
record Source(String referrerHost, String utmSource, String utmMedium, String utmCampaign) {

	static final int MAX_HOST = 253;

	static final int MAX_TAG = 100;

	/** A view with no referring site and no tags: what most views are. */
	static final Source NONE = new Source("", "", "", "");

	/**
	 * The source of {@code request}: its {@code Referer}'s host unless that is this site (the request's own host, or
	 * the host of the clinic's public address {@code ownHost}), and its {@code utm_source}, {@code utm_medium} and
	 * {@code utm_campaign} query parameters.
	 */
	static Source of(HttpServletRequest request, String ownHost) {
		String host = referrerHost(request.getHeader("Referer"));
		if (host.equalsIgnoreCase(request.getServerName()) || host.equalsIgnoreCase(ownHost)) {
			host = "";
		}
		if (request.getQueryString() == null) {
			return host.isEmpty() ? NONE : new Source(host, "", "", "");
		}
		return new Source(host, tag(request.getParameter("utm_source")), tag(request.getParameter("utm_medium")),
				tag(request.getParameter("utm_campaign")));
	}

	/** Only the host of an absolute http(s) address, in lower case; anything else is no referrer. */
	static String referrerHost(String referer) {
		if (referer == null || referer.isEmpty()) {
			return "";
		}
		try {
			URI uri = URI.create(referer.strip());
			String scheme = uri.getScheme();
			String host = uri.getHost();
			if (host == null || host.length() > MAX_HOST
					|| !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
				return "";
			}
			return host.toLowerCase(Locale.ROOT);
		}
		catch (IllegalArgumentException ex) {
			return "";
		}
	}

	/** A tag as given, without surrounding blanks or control characters, cut to {@value #MAX_TAG} characters. */
	static String tag(String value) {
		if (value == null) {
			return "";
		}
		String tag = value.strip().replaceAll("\\p{Cntrl}", "");
		if (tag.length() > MAX_TAG) {
			int end = MAX_TAG;
			if (Character.isHighSurrogate(tag.charAt(end - 1))) {
				end--;
			}
			tag = tag.substring(0, end);
		}
		return tag;
	}

}

package ca.gagephysio.visits;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Tells a person's browser from a robot by the {@code User-Agent} header, so page views count people.
 * <p>
 * <b>The rule.</b> A browser: a user agent that starts with {@code Mozilla/} (every browser in use today sends
 * {@code Mozilla/5.0 ...}), is at most {@value #MAX_LENGTH} characters long, and matches none of the crawler
 * patterns of the maintained {@code crawler-user-agents} list (about 1,500 regular expressions: Googlebot, bingbot,
 * GPTBot, HeadlessChrome, link checkers, uptime monitors...; {@code crawler-user-agents.txt} beside this class says
 * where it comes from and how to update it). So a request with no user agent, or a script's ({@code curl},
 * {@code python-requests}, {@code Java-http-client}, {@code wrk}'s none), is not counted either.
 * <p>
 * <b>Why this list and not a parser.</b> Yauaa ({@code nl.basjes.parse.useragent:yauaa} 7.31.0, restricted to its
 * {@code AgentClass} field) was measured first on this machine: about 4.5 s to build its analyser and about 110 MB of
 * heap once built, with the site running in 96 MB ({@code deploy/systemd/clinic-site.env}) and benchmarked in 128 MB;
 * and 1 to 3 ms to classify a user agent it had not seen. The list compiles in well under a second, takes a few
 * hundred KB, and classifying a new user agent costs one pass of one regular expression. No such list is published
 * to Maven Central (none of the Java ports of Matomo's or crawlerdetect's lists is kept up to date), so its patterns
 * are copied here and updated by hand.
 * <p>
 * <b>Cost per request.</b> A verdict is kept per distinct user agent (at most {@value #MAX_REMEMBERED}; beyond that
 * new ones are classified each time and not kept, so a robot that makes up a user agent per request cannot fill
 * memory), so a returning browser costs one hash-map lookup. Thread-safe.
 */
@Component
class VisitorAgents {

	/** Browsers' user agents are under 300 characters; anything far longer is made up. */
	static final int MAX_LENGTH = 512;

	/** Distinct user agents whose verdict is kept: a clinic's readers use a few hundred a day. */
	static final int MAX_REMEMBERED = 10_000;

	private static final String LIST = "crawler-user-agents.txt";

	private final Pattern crawlers;

	private final Map<String, Boolean> verdicts = new ConcurrentHashMap<>();

	VisitorAgents() {
		this.crawlers = Pattern.compile(String.join("|", patterns()));
	}

	/** Whether {@code userAgent} (the header, or {@code null}) is a person's browser, by the rule above. */
	boolean isBrowser(String userAgent) {
		if (userAgent == null || userAgent.length() > MAX_LENGTH || !userAgent.startsWith("Mozilla/")) {
			return false;
		}
		Boolean known = verdicts.get(userAgent);
		if (known != null) {
			return known;
		}
		boolean browser = !crawlers.matcher(userAgent).find();
		if (verdicts.size() < MAX_REMEMBERED) {
			verdicts.put(userAgent, browser);
		}
		return browser;
	}

	/** The list's patterns, each in a group of its own so one pattern's alternatives cannot swallow the next. */
	private static List<String> patterns() {
		List<String> patterns = new ArrayList<>();
		try (InputStream in = VisitorAgents.class.getResourceAsStream(LIST)) {
			if (in == null) {
				throw new IllegalStateException("Missing " + LIST + " beside " + VisitorAgents.class.getName());
			}
			BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (!line.isBlank() && !line.startsWith("#")) {
					patterns.add("(?:" + line.strip() + ")");
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return patterns;
	}

}

package ca.gagephysio.visits;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * Tells referrer spam from a site that really linked to the clinic, by the referring host: such "visits" are
 * advertisements for the spammer's site, sent with a made-up {@code Referer} so that the site's owner looks it up in
 * the referring sites. A view from such a host is not counted at all (not a person reading, as Matomo treats it), and
 * a host already stored is left out of the referring sites the insights list.
 * <p>
 * <b>Two rules.</b>
 * <ol>
 * <li>The maintained list Matomo publishes for its own analytics (its {@code spammers.txt}), kept beside this class as
 * {@code referrer-spam.txt}: its header gives the source commit, the licence (public domain), the date it was copied
 * and how to update it. A listed host matches itself
 * and every host under it ({@code semalt.com} matches {@code www.semalt.com}).</li>
 * <li>What the clinic's own figures make obvious: a patient never reaches a physiotherapy clinic through a host that
 * names search-engine or traffic selling. A host with one of the words {@link #SELLING_WORDS} as a part of its name
 * (parts are separated by dots and hyphens, so {@code best-seo-offer.com} and {@code seo.example} match, while
 * {@code seoul.example} or {@code museo.example} do not) is spam whatever the list says.</li>
 * </ol>
 * Thread-safe: the list is read once, at start-up (2,043 hosts in the copy of December 2026, about 33 KB), into an
 * immutable set; a host is then looked up once for itself and once for each parent domain.
 */
@Component
class ReferrerSpam {

	/** Words a referring host's name is made of only when it sells visits or rankings. */
	static final Set<String> SELLING_WORDS = Set.of("seo", "traffic", "backlink", "backlinks", "buttons",
			"ranking", "rankings", "webmaster", "webmasters", "clicks");

	private static final String LIST = "referrer-spam.txt";

	private final Set<String> listed;

	ReferrerSpam() {
		this.listed = read();
	}

	/**
	 * Whether {@code host} (a referring host in lower case, as {@link Source#referrerHost} gives it; empty for none)
	 * is referrer spam by either rule.
	 */
	boolean isSpam(String host) {
		if (host == null || host.isEmpty()) {
			return false;
		}
		for (String part : host.split("[.-]")) {
			if (SELLING_WORDS.contains(part)) {
				return true;
			}
		}
		for (String suffix = host; suffix != null; suffix = parent(suffix)) {
			if (listed.contains(suffix)) {
				return true;
			}
		}
		return false;
	}

	/** How many hosts the list holds, for the test that it was read. */
	int listed() {
		return listed.size();
	}

	private static String parent(String host) {
		int dot = host.indexOf('.');
		return dot < 0 ? null : host.substring(dot + 1);
	}

	private static Set<String> read() {
		Set<String> hosts = new HashSet<>();
		try (InputStream in = ReferrerSpam.class.getResourceAsStream(LIST)) {
			if (in == null) {
				throw new IllegalStateException("Missing " + LIST + " beside " + ReferrerSpam.class.getName());
			}
			BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				String host = line.strip().toLowerCase(Locale.ROOT);
				if (!host.isEmpty() && !host.startsWith("#")) {
					hosts.add(host);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Set.copyOf(hosts);
	}

}

package ca.gagephysio.inquiry.form;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Suggests the address a person probably meant when the domain they typed is one letter or a swap away from a big
 * mail provider's ({@code gmial.com} for {@code gmail.com}, {@code hotmial.com}, {@code yaho.com},
 * {@code outlok.com}, {@code gmail.con}): the form then asks "Did you mean …?" and the person confirms either way,
 * since a real domain can look like a typo. Only a suggestion: nothing is ever changed without their answer.
 * <p>
 * Hand-written because the maintained tool for this (Mailcheck) is a browser script, and the form works without
 * script; the distance is the optimal string alignment distance (Damerau-Levenshtein without repeated edits of one
 * substring), because the most common typo is two letters swapped ({@code gmial}), which plain Levenshtein (as in
 * Apache Commons Text) counts as two edits.
 */
final class EmailDomainTypos {

	/**
	 * Providers most of the clinic's patients use (Canada first), and providers whose names are close to those
	 * (mail.com, ymail.com, gmx.com), so that typing one of them is never taken for a typo.
	 */
	static final List<String> PROVIDERS = List.of("gmail.com", "yahoo.com", "yahoo.ca", "hotmail.com", "hotmail.ca",
			"outlook.com", "live.com", "live.ca", "msn.com", "icloud.com", "me.com", "aol.com", "rogers.com",
			"sympatico.ca", "bell.net", "shaw.ca", "telus.net", "cogeco.ca", "videotron.ca", "eastlink.ca",
			"protonmail.com", "proton.me", "mail.com", "ymail.com", "gmx.com", "googlemail.com", "outlook.ca");

	private EmailDomainTypos() {
	}

	/**
	 * The address with the provider's domain in place of the one typed, if the typed domain is not a provider's and
	 * one provider's is within one edit (two for a domain of nine letters or more, as {@code gmail.com}); empty
	 * otherwise, for {@code null}, and for anything without an {@code @}.
	 *
	 * @param email an address as typed (already trimmed by the form)
	 */
	static Optional<String> suggestionFor(String email) {
		if (email == null) {
			return Optional.empty();
		}
		int at = email.lastIndexOf('@');
		if (at <= 0 || at == email.length() - 1) {
			return Optional.empty();
		}
		String domain = email.substring(at + 1).toLowerCase(Locale.ROOT);
		if (PROVIDERS.contains(domain)) {
			return Optional.empty();
		}
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (String provider : PROVIDERS) {
			int distance = distance(domain, provider);
			int allowed = provider.length() >= 9 ? 2 : 1;
			if (distance <= allowed && distance < bestDistance) {
				best = provider;
				bestDistance = distance;
			}
		}
		return best == null ? Optional.empty() : Optional.of(email.substring(0, at + 1) + best);
	}

	/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours count one. */
	static int distance(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= b.length(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			for (int j = 1; j <= b.length(); j++) {
				int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length()][b.length()];
	}

}

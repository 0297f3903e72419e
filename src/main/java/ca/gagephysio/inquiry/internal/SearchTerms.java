package ca.gagephysio.inquiry.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import ca.gagephysio.shared.PhoneNumbers;

/**
 * The folded words the inbox search looks up, so that a person is found however either side wrote their name,
 * email or number.
 * <p>
 * <b>Folding</b> ({@link #fold}) makes equal what people mean as equal: Unicode compatibility decomposition (NFKD,
 * Unicode Standard Annex #15), so a name pasted decomposed from a Mac ({@code Zoe} + U+0301) and one typed composed
 * ({@code Zoé}) become the same, and so do ligatures and full-width letters; then combining marks are dropped, so a
 * search typed without accents finds names with them ({@code Zoe} finds {@code Zoé}, {@code Muller} finds
 * {@code Müller}); then case is folded ({@code toUpperCase} then {@code toLowerCase}, so {@code ß} meets {@code ss}).
 * Letters that are not a base letter plus a mark ({@code ø}, {@code ł}, {@code æ}) are kept as they are: the JDK
 * has no table for them, and a hand-made one would be wrong for someone.
 * <p>
 * <b>Terms</b> ({@link #of}) are what is stored, one row each: a text is cut into parts at everything that is
 * not a letter or a digit (spaces, apostrophes straight or typographic, hyphens, dots, {@code @}), and from each
 * part on, the parts that follow are joined: {@code O’Brien} gives {@code obrien} and {@code brien};
 * {@code zoe.m@example.com} gives {@code zoemexamplecom}, {@code mexamplecom}, {@code examplecom}, {@code com}. A
 * search matches a term by <em>prefix</em>, so it finds any run of text that starts at a word or punctuation
 * boundary ({@code O'Brien}, {@code Brien}, {@code example.com}), and a B-tree index answers it.
 * <p>
 * <b>The trade-off</b>: a search cannot find text from the middle of a word ({@code rien} does not find
 * {@code O'Brien}); that is what {@code like '%x%'} did, at the cost of reading every row. Staff search for the start
 * of a name, an email, a reference or a phone number, which this finds.
 */
public final class SearchTerms {

	/** Longest term stored: the {@code term} column's length (an email address's maximum, RFC 5321). */
	public static final int MAX_LENGTH = 254;

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

	private SearchTerms() {
	}

	/** The folded form of a text (see the class comment); {@code null} stays {@code null}. */
	public static String fold(String text) {
		if (text == null) {
			return null;
		}
		String bare = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("");
		return Normalizer.normalize(bare.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
	}

	/** The terms stored for a name, an email address, a reference or any other text; none for {@code null}. */
	public static Set<String> of(String text) {
		Set<String> terms = new LinkedHashSet<>();
		if (text == null) {
			return terms;
		}
		List<String> parts = parts(fold(text));
		for (int from = 0; from < parts.size(); from++) {
			terms.add(limited(String.join("", parts.subList(from, parts.size()))));
		}
		return terms;
	}

	/**
	 * All the terms stored for one inquiry: of its reference, name, email and phone. Shared by the entity and the
	 * migration that filled them in for inquiries stored before, so both index alike.
	 */
	static Set<String> ofInquiry(String reference, String name, String email, String phone, PhoneNumbers phones) {
		Set<String> terms = of(reference);
		terms.addAll(of(name));
		terms.addAll(of(email));
		terms.addAll(ofPhone(phone, phones));
		return terms;
	}

	/**
	 * The number stored to tell whether two inquiries came from the same person: E.164 plus any extension
	 * ({@link PhoneNumbers.Phone#globalNumber()}), or {@code null} if none was given or it is not a possible number.
	 */
	static String globalNumber(String phone, PhoneNumbers phones) {
		return phone == null ? null : phones.parse(phone).map(PhoneNumbers.Phone::globalNumber).orElse(null);
	}

	/**
	 * The terms stored for a phone number: its digits with and without the country code and without the area code
	 * when it is a possible number, otherwise the digits as typed, so even a number libphonenumber cannot read
	 * stays findable.
	 */
	public static Set<String> ofPhone(String typed, PhoneNumbers phones) {
		Set<String> terms = new LinkedHashSet<>();
		if (typed == null) {
			return terms;
		}
		phones.parse(typed).ifPresentOrElse(phone -> terms.addAll(phone.searchDigits()), () -> {
			String digits = digitsOf(typed);
			if (!digits.isEmpty()) {
				terms.add(limited(digits));
			}
		});
		return terms;
	}

	/**
	 * What a search for {@code query} looks for: a list of term prefixes that must all match. A query that reads as
	 * a possible phone number is one prefix, its digits with the country code; any other query is folded and cut
	 * at spaces, each word with its punctuation dropped ({@code O’Brien} → {@code obrien}), so the words may come
	 * in any order.
	 */
	public static List<String> prefixesFor(String query, PhoneNumbers phones) {
		if (query == null || query.isBlank()) {
			return List.of();
		}
		var phone = phones.parse(query);
		if (phone.isPresent() && looksLikeAPhoneNumber(query)) {
			return List.of(phone.get().searchDigits().get(0));
		}
		if (looksLikeAPhoneNumber(query)) {
			// Part of a number ("905 555", "+44 20 7946"): its digits start a stored term as they stand.
			return List.of(limited(digitsOf(query)));
		}
		List<String> prefixes = new ArrayList<>();
		for (String word : fold(query).strip().split("\\s+")) {
			String joined = String.join("", parts(word));
			if (!joined.isEmpty()) {
				prefixes.add(limited(joined));
			}
		}
		return prefixes;
	}

	/** Digits with the usual separators and nothing else; an extension keeps it from being a mere fragment. */
	private static boolean looksLikeAPhoneNumber(String query) {
		return query.strip().matches("(?i)\\+?[\\d\\s().\\-/]*\\d[\\d\\s().\\-/]*((ext\\.?|x|#)\\s*\\d+)?");
	}

	private static List<String> parts(String folded) {
		List<String> parts = new ArrayList<>();
		for (String part : SEPARATORS.split(folded)) {
			if (!part.isEmpty()) {
				parts.add(part);
			}
		}
		return parts;
	}

	private static String digitsOf(String text) {
		return text.replaceAll("\\D", "");
	}

	/** Cut to the column's length, never between the two halves of a surrogate pair. */
	private static String limited(String term) {
		if (term.length() <= MAX_LENGTH) {
			return term;
		}
		int end = Character.isHighSurrogate(term.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
		return term.substring(0, end);
	}

}

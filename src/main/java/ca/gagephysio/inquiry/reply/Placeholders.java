package ca.gagephysio.inquiry.reply;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders a reply's subject and body may hold: a name in braces, such as {@code {firstName}}, replaced by
 * its value word for word. Nothing else in the text means anything: no expressions, no escapes, no defaults, no
 * lookups of other sources. A brace not around a plain name (<code>{ }</code>, <code>{first name}</code>) is text.
 * <p>
 * Hand-written on purpose: the libraries that substitute <code>${...}</code> variables (Commons Text's
 * {@code StringSubstitutor}, Spring's {@code PropertyPlaceholderHelper}) also resolve placeholders inside the values
 * they put in, read defaults after a colon and (Commons Text's default interpolator) look up scripts, DNS and URLs.
 * Text stored by one person and values typed by another (a first name is what a visitor wrote) must never be
 * evaluated, so this does one pass over the stored text with a fixed list of names and inserts each value as it is.
 */
public final class Placeholders {

	/** A plain name in braces: a letter, then letters or digits. */
	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

	private Placeholders() {
	}

	/** The placeholders there are, by the name written in braces. */
	public enum Placeholder {

		/** The first word of the name the person gave (see {@link #firstNameOf}). */
		FIRST_NAME("firstName"),

		/** The inquiry's reference, such as {@code GP-7K3M2Q}. */
		REFERENCE("reference"),

		/** The clinic's name, from the clinic facts. */
		CLINIC_NAME("clinicName"),

		/** The clinic's phone number, from the clinic facts. */
		CLINIC_PHONE("clinicPhone"),

		/** The clinic's opening hours in one line, from the clinic facts. */
		CLINIC_HOURS("clinicHours"),

		/** The clinic's online booking address, from the clinic facts; only usable once one is set. */
		BOOKING_LINK("bookingLink");

		private final String written;

		Placeholder(String written) {
			this.written = written;
		}

		/** How it is written in a text, braces included: {@code {firstName}}. */
		public String written() {
			return "{" + written + "}";
		}

		/** The name between the braces: {@code firstName}. */
		public String named() {
			return written;
		}

		static Optional<Placeholder> named(String name) {
			return Arrays.stream(values()).filter(placeholder -> placeholder.written.equals(name)).findFirst();
		}

	}

	/**
	 * The names in braces that are not placeholders, each once, as written (braces included), in order of first use.
	 * Names are case-sensitive: {@code {FirstName}} is unknown.
	 */
	public static Set<String> unknownIn(String text) {
		Set<String> unknown = new LinkedHashSet<>();
		if (text != null) {
			Matcher matcher = PLACEHOLDER.matcher(text);
			while (matcher.find()) {
				if (Placeholder.named(matcher.group(1)).isEmpty()) {
					unknown.add(matcher.group());
				}
			}
		}
		return unknown;
	}

	/** The placeholders the text uses, each once, in order of first use. */
	public static Set<Placeholder> usedIn(String text) {
		Set<Placeholder> used = new LinkedHashSet<>();
		if (text != null) {
			Matcher matcher = PLACEHOLDER.matcher(text);
			while (matcher.find()) {
				Placeholder.named(matcher.group(1)).ifPresent(used::add);
			}
		}
		return used;
	}

	/**
	 * The text with each known placeholder replaced by its value, in one pass: a value that itself contains
	 * <code>{reference}</code> stays as typed. A placeholder with no value, and an unknown name, are left as
	 * written; check {@link #unknownIn} and {@link #usedIn} first.
	 */
	public static String fill(String text, Map<Placeholder, String> values) {
		if (text == null) {
			return null;
		}
		return PLACEHOLDER.matcher(text)
			.replaceAll(match -> Matcher.quoteReplacement(Placeholder.named(match.group(1))
				.map(values::get)
				.orElse(match.group())));
	}

	/**
	 * The first name, as the clinic can honestly tell it from the one name field the form has: its first word (split
	 * on white space), as typed. "Mary Anne Smith" gives "Mary", "Dr. Chen" gives "Dr."; that is why staff see the
	 * result in the text before sending and can change it.
	 *
	 * @return the first word, or an empty string if there is no name (erased, or blank)
	 */
	public static String firstNameOf(String name) {
		if (name == null || name.isBlank()) {
			return "";
		}
		return name.strip().split("\\s+", 2)[0];
	}

}

package ca.gagephysio.inquiry.form;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ca.gagephysio.inquiry.internal.ConsentWordings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The consent sentence next to the form's checkbox, and its version: a hash of exactly the words the page renders
 * (and the link's target). Changing the wording in {@code inquiry.properties} therefore changes the version by
 * itself. Each version's wording is kept ({@link ConsentWordings}), so the clinic can show what a person agreed to.
 */
@Component
class ConsentWording {

	private final MessageSource messages;

	private final ConsentWordings wordings;

	private final Clock clock;

	private final Map<Locale, Shown> byLocale = new ConcurrentHashMap<>();

	ConsentWording(MessageSource messages, ConsentWordings wordings, ObjectProvider<Clock> clock) {
		this.messages = messages;
		this.wordings = wordings;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/** The wording shown in a locale, recorded the first time it is shown. */
	Shown in(Locale locale) {
		return byLocale.computeIfAbsent(locale, this::render);
	}

	private Shown render(Locale locale) {
		String before = messages.getMessage("inquiry.consent.before", null, locale);
		String link = messages.getMessage("inquiry.consent.link", null, locale);
		String after = messages.getMessage("inquiry.consent.after", null, locale);
		String plain = before + " [" + link + "](" + Shown.PRIVACY_PATH + ")" + after;
		Shown shown = new Shown(before, link, after, versionOf(plain), plain);
		wordings.record(shown.version(), shown.plainText(), clock.instant());
		return shown;
	}

	/**
	 * The version to store with a post: the one the form carried, which is what the person read, if it is a
	 * recorded wording (the wording may have changed between showing the form and the post); else the current one.
	 */
	String versionSeen(String carried, Locale locale) {
		String current = in(locale).version();
		if (carried == null || carried.equals(current) || carried.length() > 64) {
			return current;
		}
		return wordings.isRecorded(carried) ? carried : current;
	}

	static String versionOf(String wording) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(wording.getBytes(StandardCharsets.UTF_8));
			return "sha256:" + HexFormat.of().formatHex(hash, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	/**
	 * The consent sentence in three parts around the link to the privacy page, exactly as the form renders it.
	 *
	 * @param before text before the link
	 * @param linkText the link's text
	 * @param after text after the link
	 * @param version the version stored with each inquiry
	 * @param plainText the whole sentence with the link in Markdown form, as kept with the version
	 */
	record Shown(String before, String linkText, String after, String version, String plainText) {

		static final String PRIVACY_PATH = "/privacy";

		public String privacyPath() {
			return PRIVACY_PATH;
		}

	}

}

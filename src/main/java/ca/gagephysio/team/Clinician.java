package ca.gagephysio.team;

import java.text.BreakIterator;
import java.time.Instant;
import java.util.Locale;

/**
 * A clinician as other features see them: enough for a byline, an author box and structured data.
 *
 * @param slug the last part of their bio's URL
 * @param name their name
 * @param jobTitle as shown to readers, such as "Physiotherapist and owner"
 * @param profession the profession alone, such as "Physiotherapist"
 * @param bio their bio, word for word
 * @param updatedAt when their bio last changed
 */
public record Clinician(String slug, String name, String jobTitle, String profession, String bio,
		Instant updatedAt) {

	public String path() {
		return "/team/" + slug;
	}

	/** The bio's first two sentences, for an author box under an article. */
	public String summary() {
		BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.CANADA);
		sentences.setText(bio);
		sentences.first();
		int end = sentences.next(2);
		return end == BreakIterator.DONE ? bio : bio.substring(0, end).strip();
	}

}

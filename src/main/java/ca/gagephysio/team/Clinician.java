package ca.gagephysio.team;

import java.text.BreakIterator;
import java.time.Instant;
import java.util.Locale;

import ca.gagephysio.image.StoredImage;
import ca.gagephysio.shared.Markdown;

/**
 * A clinician as other features see them: enough for a byline, an author box and structured data.
 *
 * @param slug the last part of their bio's URL
 * @param name their name
 * @param jobTitle as shown to readers, such as "Physiotherapist and owner"
 * @param profession the profession alone, such as "Physiotherapist"
 * @param bio their bio in Markdown, word for word
 * @param updatedAt when their bio last changed
 * @param credentials letters after their name, or {@code null}
 * @param photo their photo, or {@code null}
 * @param photoAlt the photo's alt text, or {@code null} without a photo
 * @param published whether their bio is public; an article by an unpublished clinician still names them, without
 * a link to a bio that is not there
 */
public record Clinician(String slug, String name, String jobTitle, String profession, String bio,
		Instant updatedAt, String credentials, StoredImage photo, String photoAlt, boolean published) {

	public String path() {
		return "/team/" + slug;
	}

	/** The bio as safe HTML for the bio page. */
	public String bioHtml() {
		return Markdown.toSafeHtml(bio);
	}

	/** The bio's first two sentences as plain text, for an author box under an article and the meta description. */
	public String summary() {
		String text = Markdown.toPlainText(bio).replaceAll("\\s+", " ");
		BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.CANADA);
		sentences.setText(text);
		sentences.first();
		int end = sentences.next(2);
		return end == BreakIterator.DONE ? text : text.substring(0, end).strip();
	}

}

package ca.gagephysio.article.staff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.DeltaType;

import ca.gagephysio.article.ArticleContent;

/**
 * The differences between two versions of an article, for the revisions page: which fields changed, and the body
 * line by line (Markdown keeps a paragraph on one line) with the changed words marked inside a changed line. Computed
 * with java-diff-utils (Myers' algorithm). Plain text throughout, so the page escapes everything it shows.
 *
 * @param fields the fields other than the body whose values differ
 * @param lines the body, every line with whether it was kept, removed or added
 */
record ArticleDiff(List<FieldChange> fields, List<Line> lines) {

	static ArticleDiff between(ArticleContent older, ArticleContent newer) {
		List<FieldChange> fields = new ArrayList<>();
		field(fields, "title", older.title(), newer.title());
		field(fields, "slug", older.slug(), newer.slug());
		field(fields, "summary", older.summary(), newer.summary());
		field(fields, "category", older.category(), newer.category());
		field(fields, "author", older.authorSlug(), newer.authorSlug());
		field(fields, "reviewer", older.reviewedBySlug(), newer.reviewedBySlug());
		field(fields, "reviewed-on", String.valueOf(older.lastReviewedOn()), String.valueOf(newer.lastReviewedOn()));
		field(fields, "hero-image", imageName(older.heroImageId()), imageName(newer.heroImageId()));
		field(fields, "hero-alt", Objects.toString(older.heroAlt(), ""), Objects.toString(newer.heroAlt(), ""));
		return new ArticleDiff(List.copyOf(fields), body(older.bodyMarkdown(), newer.bodyMarkdown()));
	}

	/** An image as the table of changed details names it: its number in the image module, or nothing. */
	private static String imageName(Long id) {
		return id == null ? "" : "#" + id;
	}

	public boolean isEmpty() {
		return fields.isEmpty() && lines.stream().allMatch(line -> line.kind() == Kind.KEPT);
	}

	private static void field(List<FieldChange> fields, String name, String older, String newer) {
		if (!Objects.equals(older, newer)) {
			fields.add(new FieldChange(name, older, newer));
		}
	}

	private static List<Line> body(String older, String newer) {
		List<String> a = Arrays.asList(older.split("\n", -1));
		List<String> b = Arrays.asList(newer.split("\n", -1));
		List<Line> lines = new ArrayList<>();
		int kept = 0;
		for (AbstractDelta<String> delta : DiffUtils.diff(a, b).getDeltas()) {
			for (; kept < delta.getSource().getPosition(); kept++) {
				lines.add(Line.kept(a.get(kept)));
			}
			List<String> removed = delta.getSource().getLines();
			List<String> added = delta.getTarget().getLines();
			if (delta.getType() == DeltaType.CHANGE && removed.size() == added.size()) {
				// The same number of lines on each side: most often a paragraph edited in place, worth word marks.
				for (int i = 0; i < removed.size(); i++) {
					List<Segment>[] words = words(removed.get(i), added.get(i));
					lines.add(new Line(Kind.REMOVED, words[0]));
					lines.add(new Line(Kind.ADDED, words[1]));
				}
			}
			else {
				removed.forEach(line -> lines.add(Line.whole(Kind.REMOVED, line)));
				added.forEach(line -> lines.add(Line.whole(Kind.ADDED, line)));
			}
			kept = delta.getSource().getPosition() + removed.size();
		}
		for (; kept < a.size(); kept++) {
			lines.add(Line.kept(a.get(kept)));
		}
		return List.copyOf(lines);
	}

	/** Both sides of a changed line as segments, the words that differ marked. */
	@SuppressWarnings("unchecked")
	private static List<Segment>[] words(String older, String newer) {
		List<String> a = tokens(older);
		List<String> b = tokens(newer);
		List<Segment> left = new ArrayList<>();
		List<Segment> right = new ArrayList<>();
		int position = 0;
		int positionB = 0;
		for (AbstractDelta<String> delta : DiffUtils.diff(a, b).getDeltas()) {
			left.add(new Segment(String.join("", a.subList(position, delta.getSource().getPosition())), false));
			right.add(new Segment(String.join("", b.subList(positionB, delta.getTarget().getPosition())), false));
			left.add(new Segment(String.join("", delta.getSource().getLines()), true));
			right.add(new Segment(String.join("", delta.getTarget().getLines()), true));
			position = delta.getSource().getPosition() + delta.getSource().size();
			positionB = delta.getTarget().getPosition() + delta.getTarget().size();
		}
		left.add(new Segment(String.join("", a.subList(position, a.size())), false));
		right.add(new Segment(String.join("", b.subList(positionB, b.size())), false));
		return new List[] { compact(left), compact(right) };
	}

	/** Words and the spaces between them, so joining the tokens gives the line back exactly. */
	private static List<String> tokens(String line) {
		return Arrays.asList(line.split("(?<=\\s)(?=\\S)|(?<=\\S)(?=\\s)"));
	}

	private static List<Segment> compact(List<Segment> segments) {
		return segments.stream().filter(segment -> !segment.text().isEmpty()).toList();
	}

	enum Kind {

		KEPT, REMOVED, ADDED

	}

	/**
	 * A field whose value changed.
	 *
	 * @param name the field, as a message key suffix ({@code articles.admin.diff.field.<name>})
	 * @param older its value in the older version
	 * @param newer its value in the newer one
	 */
	record FieldChange(String name, String older, String newer) {
	}

	/**
	 * A line of the body.
	 *
	 * @param kind kept, removed or added
	 * @param segments its text, with the words that changed marked
	 */
	record Line(Kind kind, List<Segment> segments) {

		static Line kept(String text) {
			return new Line(Kind.KEPT, List.of(new Segment(text, false)));
		}

		static Line whole(Kind kind, String text) {
			return new Line(kind, List.of(new Segment(text, true)));
		}

	}

	/**
	 * A piece of a line.
	 *
	 * @param text the text, exactly
	 * @param changed whether it differs between the two versions
	 */
	record Segment(String text, boolean changed) {
	}

}

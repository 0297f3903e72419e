package ca.gagephysio.article.staff;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import ca.gagephysio.article.ArticleContent;
import ca.gagephysio.article.TestArticles;

import static org.assertj.core.api.Assertions.assertThat;

class ArticleDiffTests {

	@Test
	void aParagraphEditedInPlaceShowsTheChangedWordsAndKeepsTheRest() {
		ArticleDiff diff = ArticleDiff.between(content("Title", "## Section\n\nThe room opens at nine.\n"),
				content("New title", "## Section\n\nThe room opens at ten.\n\nAn added line.\n"));

		assertThat(diff.fields()).singleElement()
			.isEqualTo(new ArticleDiff.FieldChange("title", "Title", "New title"));
		assertThat(diff.lines()).extracting(ArticleDiff.Line::kind)
			.containsExactly(ArticleDiff.Kind.KEPT, ArticleDiff.Kind.KEPT, ArticleDiff.Kind.REMOVED,
					ArticleDiff.Kind.ADDED, ArticleDiff.Kind.KEPT, ArticleDiff.Kind.ADDED, ArticleDiff.Kind.ADDED);
		assertThat(diff.lines().get(5).segments()).containsExactly(new ArticleDiff.Segment("An added line.", true));
		assertThat(diff.lines().get(2).segments()).containsExactly(
				new ArticleDiff.Segment("The room opens at ", false), new ArticleDiff.Segment("nine.", true));
		assertThat(diff.lines().get(3).segments()).containsExactly(
				new ArticleDiff.Segment("The room opens at ", false), new ArticleDiff.Segment("ten.", true));
		assertThat(diff.isEmpty()).isFalse();
	}

	@Test
	void twoIdenticalVersionsHaveNoDifferences() {
		assertThat(ArticleDiff.between(content("Title", "Text.\n"), content("Title", "Text.\n")).isEmpty()).isTrue();
	}

	private static ArticleContent content(String title, String body) {
		return new ArticleContent("slug", title, "Summary.", "Health Tips", TestArticles.AUTHOR, TestArticles.AUTHOR,
				LocalDate.of(2026, 11, 25), body);
	}

}

package ca.gagephysio.article;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Articles for tests that need one in the database without going through the editor. Their text is neutral filler:
 * nothing a test stores may read as medical advice.
 */
public final class TestArticles {

	public static final String AUTHOR = "valerie-van-woudenberg";

	private TestArticles() {
	}

	static ArticleContent content(String slug, String title, String summary, String body) {
		return new ArticleContent(slug, title, summary, "Health Tips", AUTHOR, AUTHOR, LocalDate.of(2026, 11, 25),
				body);
	}

	/** An article public from {@code publishedAt}, last changed then. */
	public static Article published(String slug, String title, Instant publishedAt, String summary, String body) {
		return Article.published(content(slug, title, summary, body), publishedAt, "Test", publishedAt);
	}

}

package ca.gagephysio.article;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import ca.gagephysio.ClinicIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clinic's first article became editable data (its calls to action moved from columns of their own into its
 * Markdown as {@code ::: inquire} boxes) and readers must not see any difference. The page as it was served before
 * that migration is kept in {@code massage-for-back-pain.before.html}.
 */
@ClinicIntegrationTest
class ArticleSeedMigrationTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void theSeedArticleReadsExactlyAsBeforeItBecameEditable() throws IOException {
		String before = resource("massage-for-back-pain.before.html");
		String after = mvc.get().uri("/articles/massage-for-back-pain").exchange().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);

		assertThat(markup(element(after, "<article", "</article>")))
			.isEqualTo(markup(element(before, "<article", "</article>")));
		assertThat(element(after, "<title>", "</title>")).isEqualTo(element(before, "<title>", "</title>"));
		assertThat(element(after, "<meta name=\"description\"", ">"))
			.isEqualTo(element(before, "<meta name=\"description\"", ">"));
	}

	private static String element(String page, String start, String end) {
		int from = page.indexOf(start);
		assertThat(from).as("%s in the page", start).isNotNegative();
		return page.substring(from, page.indexOf(end, from) + end.length());
	}

	/** The markup and text exactly, only the indentation and line breaks between tags set aside. */
	private static String markup(String html) {
		return html.replaceAll(">\\s+<", "><").strip();
	}

	private static String resource(String name) throws IOException {
		try (InputStream in = ArticleSeedMigrationTests.class.getResourceAsStream(name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}

package ca.gagephysio.article.staff;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.web.servlet.resource.ResourceUrlProvider;

import ca.gagephysio.article.ArticleContent;
import ca.gagephysio.article.TestArticles;
import ca.gagephysio.article.reading.ArticleRenderer;

import static org.assertj.core.api.Assertions.assertThat;

class ArticleQualityCheckTests {

	private final ArticleQualityCheck quality = new ArticleQualityCheck(new ArticleRenderer(new ResourceUrlProvider()));

	@Test
	void aWellMadeArticleHasNothingToFix() {
		assertThat(check("A short title", "A summary of reasonable length.", """
				## A section

				Text with [a link that says where it goes](https://example.org).

				### A part of it

				![A treatment room with a window](/img/massage-for-back-pain.svg)
				""")).isEmpty();
	}

	@Test
	void imagesWithoutAltTextBlockPublishingWhetherWrittenInMarkdownOrHtml() {
		List<ArticleQualityCheck.Finding> findings = check("Title", "Summary.", """
				![](/img/massage-for-back-pain.svg)

				<img src="/img/massage-for-back-pain.svg" width="10" height="10">

				<img src="/img/massage-for-back-pain.svg" alt="   ">
				""");

		assertThat(findings).singleElement().satisfies(finding -> {
			assertThat(finding.messageKey()).isEqualTo("articles.quality.image-alt");
			assertThat(finding.arguments()).containsExactly(3);
			assertThat(finding.blocksPublishing()).isTrue();
		});
		assertThat(ArticleQualityCheck.blocksPublishing(findings)).isTrue();
	}

	@Test
	void skippedHeadingLevelsAreFoundInMarkdownAndHtmlAlike() {
		assertThat(keys(check("Title", "Summary.", "### Too deep at once\n\n## Back\n\n<h4>Too deep again</h4>\n")))
			.containsExactly("articles.quality.heading-skip", "articles.quality.heading-skip");
		assertThat(keys(check("Title", "Summary.", "# A second title\n\n## Section\n")))
			.containsExactly("articles.quality.heading-one");
	}

	@Test
	void linksThatSayNothingOrAreBareAddressesAreWarnedAbout() {
		List<ArticleQualityCheck.Finding> findings = check("Title", "Summary.", """
				[Click here!](https://example.org) [read more](https://example.org)
				<a href="https://example.org">www.example.org</a> [https://example.org](https://example.org)
				[our opening hours](https://example.org)
				""");

		assertThat(findings).extracting(ArticleQualityCheck.Finding::messageKey)
			.containsExactly("articles.quality.link-text", "articles.quality.link-text", "articles.quality.bare-url",
					"articles.quality.bare-url");
		assertThat(findings).noneMatch(ArticleQualityCheck.Finding::blocksPublishing);
	}

	@Test
	void titlesAndSummariesLongerThanSearchResultsShowAndMissingSummariesAreWarnedAbout() {
		assertThat(keys(check("t".repeat(61), "s".repeat(161), "Text.\n")))
			.containsExactly("articles.quality.title-long", "articles.quality.summary-long");
		assertThat(keys(check("t".repeat(60), "s".repeat(160), "Text.\n"))).isEmpty();
		assertThat(keys(check("Title", " ", "Text.\n"))).containsExactly("articles.quality.summary-missing");
	}

	private List<ArticleQualityCheck.Finding> check(String title, String summary, String body) {
		return quality.check(new ArticleContent("a-slug", title, summary, "Health Tips", TestArticles.AUTHOR,
				TestArticles.AUTHOR, LocalDate.of(2026, 11, 25), body));
	}

	private static List<String> keys(List<ArticleQualityCheck.Finding> findings) {
		return findings.stream().map(ArticleQualityCheck.Finding::messageKey).toList();
	}

}

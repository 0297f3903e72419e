package ca.gagephysio.article;

import org.junit.jupiter.api.Test;

import org.springframework.web.servlet.resource.ResourceUrlProvider;

import static org.assertj.core.api.Assertions.assertThat;

class ArticleRendererTests {

	private final ArticleRenderer renderer = new ArticleRenderer(new ResourceUrlProvider());

	@Test
	void sectionHeadingsGetAnchorsThatTheTableOfContentsLinksTo() {
		ArticleBody body = renderer.render("## What is Massage Therapy?\n\nText.\n\n### Detail\n\n## What is Massage Therapy?\n");

		assertThat(body.contents()).extracting(ArticleBody.Heading::id)
			.containsExactly("what-is-massage-therapy", "what-is-massage-therapy-1");
		assertThat(body.contents()).extracting(ArticleBody.Heading::text)
			.containsExactly("What is Massage Therapy?", "What is Massage Therapy?");
		assertThat(body.html()).contains("<h2 id=\"what-is-massage-therapy\">")
			.contains("<h3 id=\"detail\">")
			.contains("<h2 id=\"what-is-massage-therapy-1\">");
	}

	@Test
	void scriptsHandlersAndForeignImagesNeverReachThePage() {
		ArticleBody body = renderer.render("""
				Hello <script>alert(1)</script>

				<img src="https://tracker.example/pixel.gif" alt="x" onerror="alert(2)">

				[link](javascript:alert(3)) <a href="https://example.org" onclick="alert(4)">ok</a>
				""");

		assertThat(body.html()).doesNotContain("<script")
			.doesNotContain("alert")
			.doesNotContain("tracker.example")
			.doesNotContain("onclick")
			.contains("href=\"https://example.org\"");
	}

	@Test
	void localImagesKeepTheirSizeSoNothingShiftsWhenTheyLoad() {
		ArticleBody body = renderer.render(
				"<img src=\"/img/massage-for-back-pain.svg\" alt=\"massage for back pain hamilton\" width=\"720\" height=\"405\" loading=\"lazy\">\n");

		assertThat(body.html()).contains("src=\"/img/massage-for-back-pain.svg\"")
			.contains("alt=\"massage for back pain hamilton\"")
			.contains("width=\"720\"")
			.contains("height=\"405\"")
			.contains("loading=\"lazy\"");
	}

	@Test
	void readingTimeCountsTwoHundredWordsAMinuteAndIsNeverZero() {
		assertThat(renderer.render("One word.").readingMinutes()).isEqualTo(1);
		assertThat(renderer.render("word ".repeat(401)).readingMinutes()).isEqualTo(3);
	}

	@Test
	void gzipIsAcceptedUnlessRefused() {
		assertThat(ArticleController.acceptsGzip("gzip, deflate, br")).isTrue();
		assertThat(ArticleController.acceptsGzip("br;q=1.0, GZIP;q=0.5")).isTrue();
		assertThat(ArticleController.acceptsGzip("gzip;q=0")).isFalse();
		assertThat(ArticleController.acceptsGzip("gzip;q=0.000")).isFalse();
		assertThat(ArticleController.acceptsGzip("identity")).isFalse();
		assertThat(ArticleController.acceptsGzip(null)).isFalse();
	}

}

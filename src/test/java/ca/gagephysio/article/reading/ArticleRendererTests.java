package ca.gagephysio.article.reading;

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
	void everyKindOfActiveOrStyledContentIsGoneFromTheRenderedBody() {
		ArticleBody body = renderer.render("""
				Before <script>alert(1)</script> after.

				<img src="/img/massage-for-back-pain.svg" alt="a room" onerror="alert(2)">

				[a script link](javascript:alert(3)) and [a data link](data:text/html;base64,PHNjcmlwdD4=)
				and <a href="data:text/html,hi">another data link</a> and <a href="JaVaScRiPt:alert(4)">another</a>

				<iframe src="https://example.org/embed"></iframe>

				<p style="position:fixed;top:0">Styled text</p>

				::: inquire A box <script>alert(5)</script>
				Text <span onclick="alert(6)">here</span>.
				:::
				""");

		String html = body.html();
		assertThat(html).doesNotContainIgnoringCase("<script")
			.doesNotContain("alert(")
			.doesNotContain("onerror")
			.doesNotContain("onclick")
			.doesNotContainIgnoringCase("javascript:")
			.doesNotContain("data:")
			.doesNotContain("<iframe")
			.doesNotContain("example.org/embed")
			.doesNotContain("style=")
			.doesNotContain("position:fixed")
			.contains("Styled text")
			.contains("alt=\"a room\"")
			.contains("a script link")
			.contains("a data link");
		// The box heading is plain text the template escapes; the sanitiser never sees it as markup.
		assertThat(body.parts()).filteredOn(ArticleBody.Part::box)
			.singleElement()
			.satisfies(box -> assertThat(box.heading()).isEqualTo("A box <script>alert(5)</script>"));
	}

	@Test
	void inquireDirectivesBecomeBoxesBetweenTheTextAndABoxAtTheEndIsTheClosingOne() {
		ArticleBody body = renderer.render("""
				::: inquire Questions about a visit?
				Ask us in the *short* form.
				:::

				## A section

				Words of the section.

				::: inquire
				:::

				More words.

				::: inquire Call us soon.
				:::
				""");

		assertThat(body.parts()).extracting(ArticleBody.Part::box)
			.containsExactly(true, false, true, false, true);
		assertThat(body.parts()).extracting(ArticleBody.Part::closing)
			.containsExactly(false, false, false, false, true);
		assertThat(body.parts().get(0).heading()).isEqualTo("Questions about a visit?");
		assertThat(body.parts().get(0).html()).isEqualTo("<p>Ask us in the <em>short</em> form.</p>\n");
		assertThat(body.parts().get(2).heading()).isEmpty();
		assertThat(body.parts().get(2).html()).isEmpty();
		assertThat(body.parts().get(4).heading()).isEqualTo("Call us soon.");
		assertThat(body.contents()).extracting(ArticleBody.Heading::text).containsExactly("A section");
	}

	@Test
	void aBoxRightAfterAListIsABoxButOneInsideAListItemOrAQuoteIsNot() {
		ArticleBody afterList = renderer.render("""
				- A list item

				::: inquire Questions?
				Ask us.
				:::
				""");
		ArticleBody inside = renderer.render("""
				- A list item

				  ::: inquire Not a box
				  :::

				> ::: inquire Not a box either
				""");

		assertThat(afterList.parts()).extracting(ArticleBody.Part::box).containsExactly(false, true);
		assertThat(afterList.parts().get(0).html()).isEqualTo("<ul><li>A list item</li></ul>\n");
		assertThat(afterList.parts().get(1).heading()).isEqualTo("Questions?");
		assertThat(inside.parts()).noneMatch(ArticleBody.Part::box);
	}

	@Test
	void aDirectiveInsideACodeBlockOrIndentedIsShownAsWritten() {
		ArticleBody body = renderer.render("""
				```
				::: inquire Not a box
				:::
				```

				    ::: inquire Not a box either
				""");

		assertThat(body.parts()).noneMatch(ArticleBody.Part::box);
		assertThat(body.html()).contains("::: inquire Not a box").contains("::: inquire Not a box either");
	}

	@Test
	void theBoxesAreNotCountedInTheReadingTime() {
		String words = "word ".repeat(200);
		String boxes = "::: inquire Heading\n" + "box ".repeat(300) + "\n:::\n\n";
		assertThat(renderer.render(boxes + words).readingMinutes()).isEqualTo(1);
	}

}

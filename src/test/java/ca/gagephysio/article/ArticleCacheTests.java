package ca.gagephysio.article;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import ca.gagephysio.ClinicIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@ClinicIntegrationTest
class ArticleCacheTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	ArticleRepository articles;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aRevisedArticleIsServedFreshWithANewETag() {
		String slug = "cache-test-" + UUID.randomUUID();
		// An old date, so this article never displaces the clinic's own from "latest" lists other tests read.
		transactions.executeWithoutResult(status -> articles.save(new Article(slug, "First title", "Health Tips",
				"valerie-van-woudenberg", LocalDate.of(2001, 1, 1), "A test article.", "Heading", "Text.",
				"Closing.", "## First section\n\nFirst text.\n", Instant.parse("2001-01-01T00:00:00Z"))));

		MvcTestResult before = mvc.get().uri("/articles/" + slug).exchange();
		assertThat(before).hasStatusOk();
		assertThat(before).bodyText().contains("<h1>First title</h1>").contains("First text.");

		transactions.executeWithoutResult(status -> {
			Article article = articles.findPublished(slug, LocalDate.now()).orElseThrow();
			article.revise("Second title", "## Second section\n\nSecond text.\n", Instant.now());
		});

		MvcTestResult after = mvc.get().uri("/articles/" + slug).exchange();
		assertThat(after).bodyText()
			.contains("<h1>Second title</h1>")
			.contains("Second text.")
			.doesNotContain("First text.");
		assertThat(after.getResponse().getHeader("ETag")).isNotEqualTo(before.getResponse().getHeader("ETag"));
	}

	@Test
	void anArticleScheduledForLaterIsNotYetPublished() {
		String slug = "scheduled-" + UUID.randomUUID();
		transactions.executeWithoutResult(status -> articles.save(new Article(slug, "Not yet", "Health Tips",
				"valerie-van-woudenberg", LocalDate.now().plusYears(5), "Later.", "Heading", "Text.", "Closing.",
				"Body.\n", Instant.now())));

		assertThat(mvc.get().uri("/articles/" + slug).exchange()).hasStatus(404);
		assertThat(mvc.get().uri("/articles").exchange()).bodyText().doesNotContain(slug);
	}

}

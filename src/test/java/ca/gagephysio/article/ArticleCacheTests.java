package ca.gagephysio.article;

import java.time.Instant;
import java.time.Duration;
import java.util.UUID;

import ca.gagephysio.ClinicIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
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

	@Autowired
	JdbcClient jdbc;

	@Test
	void aRevisedArticleIsServedFreshWithANewETag() {
		String slug = "cache-test-" + UUID.randomUUID();
		// An old date, so this article never displaces the clinic's own from "latest" lists other tests read.
		transactions.executeWithoutResult(status -> articles.save(TestArticles.published(slug, "First title",
				Instant.parse("2001-01-01T05:00:00Z"), "A test article.", "## First section\n\nFirst text.\n")));

		MvcTestResult before = mvc.get().uri("/articles/" + slug).exchange();
		assertThat(before).hasStatusOk();
		assertThat(before).bodyText().contains("<h1>First title</h1>").contains("First text.");
		assertThat(mvc.get().uri("/articles/" + slug).header("If-None-Match", before.getResponse().getHeader("ETag"))
			.exchange()).as("the cached page, unchanged").hasStatus(304);
		assertThat(mvc.get().uri("/feed.xml").exchange()).bodyText().contains("First title");
		long version = contentVersion();

		transactions.executeWithoutResult(status -> {
			Article article = articles.findBySlug(slug).orElseThrow();
			article.edit(new ArticleContent(slug, "Second title", article.description(), article.category(),
					article.authorSlug(), article.reviewedBySlug(), article.lastReviewedOn(),
					"## Second section\n\nSecond text.\n"), "Test", Instant.now());
		});

		MvcTestResult after = mvc.get().uri("/articles/" + slug).exchange();
		assertThat(after).bodyText()
			.contains("<h1>Second title</h1>")
			.contains("Second text.")
			.doesNotContain("First text.");
		assertThat(after.getResponse().getHeader("ETag")).isNotEqualTo(before.getResponse().getHeader("ETag"));
		assertThat(mvc.get().uri("/articles/" + slug).header("If-None-Match", before.getResponse().getHeader("ETag"))
			.exchange()).as("the old ETag no longer matches").hasStatusOk();
		assertThat(mvc.get().uri("/feed.xml").exchange()).as("every cached page dropped, not only the article's")
			.bodyText()
			.contains("Second title")
			.doesNotContain("First title");
		assertThat(contentVersion()).as("moved once, for the other instances").isEqualTo(version + 1);
	}

	@Test
	void anEditThatRollsBackLeavesThePageAndTheContentVersionAsTheyWere() {
		String slug = "rolled-back-" + UUID.randomUUID();
		transactions.executeWithoutResult(status -> articles.save(TestArticles.published(slug, "Kept title",
				Instant.parse("2001-01-01T05:00:00Z"), "A test article.", "Kept text.\n")));
		assertThat(mvc.get().uri("/articles/" + slug).exchange()).bodyText().contains("Kept text.");
		long version = contentVersion();

		transactions.executeWithoutResult(status -> {
			Article article = articles.findBySlug(slug).orElseThrow();
			article.edit(TestArticles.content(slug, "Lost title", "A test article.", "Lost text.\n"), "Test",
					Instant.now());
			// written now, so the change is announced inside the transaction that then rolls back
			articles.flush();
			assertThat(contentVersion()).as("moved inside the transaction").isEqualTo(version + 1);
			status.setRollbackOnly();
		});

		assertThat(contentVersion()).isEqualTo(version);
		assertThat(mvc.get().uri("/articles/" + slug).exchange()).bodyText()
			.contains("Kept text.")
			.doesNotContain("Lost text.");
	}

	@Test
	void writingADraftChangesNoPublicPageSoMovesNoContentVersion() {
		long version = contentVersion();
		String slug = "draft-" + UUID.randomUUID();

		transactions.executeWithoutResult(status -> articles.save(Article.draft(TestArticles.content(slug,
				"A draft", "A test draft.", "Draft text.\n"), "Test", Instant.now())));
		transactions.executeWithoutResult(status -> articles.findBySlug(slug).orElseThrow()
			.edit(TestArticles.content(slug, "A draft, edited", "A test draft.", "Draft text.\n"), "Test",
					Instant.now()));
		transactions.executeWithoutResult(status -> articles.delete(articles.findBySlug(slug).orElseThrow()));

		assertThat(contentVersion()).isEqualTo(version);
	}

	@Test
	void anArticleScheduledForLaterIsNotYetPublished() {
		String slug = "scheduled-" + UUID.randomUUID();
		transactions.executeWithoutResult(status -> articles.save(TestArticles.published(slug, "Not yet",
				Instant.now().plus(Duration.ofDays(5 * 366)), "Later.", "Body.\n")));

		assertThat(mvc.get().uri("/articles/" + slug).exchange()).hasStatus(404);
		assertThat(mvc.get().uri("/articles").exchange()).bodyText().doesNotContain(slug);
	}

	/** The number every instance polls to learn of a change made on another ({@code site.ContentVersion}). */
	private long contentVersion() {
		return jdbc.sql("select version from site_content_version where id = 1").query(Long.class).single();
	}

}

package ca.gagephysio.article.reading;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.article.ArticleRepository;
import ca.gagephysio.article.TestArticles;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@ClinicIntegrationTest
class ArticleListTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	ArticleRepository articles;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void healthTipsAreListedNewestFirstAndShowEachOtherAsRelated() throws Exception {
		String older = save("older", LocalDate.of(2025, 1, 15));
		String newer = save("newer", LocalDate.of(2025, 6, 15));

		String list = mvc.get().uri("/articles").exchange().getResponse().getContentAsString();

		int seed = list.indexOf("href=\"/articles/massage-for-back-pain\"");
		int newerAt = list.indexOf("href=\"/articles/" + newer + "\"");
		int olderAt = list.indexOf("href=\"/articles/" + older + "\"");
		assertThat(seed).isPositive();
		assertThat(newerAt).isGreaterThan(seed);
		assertThat(olderAt).isGreaterThan(newerAt);

		assertThat(mvc.get().uri("/articles/" + older).exchange()).bodyText()
			.contains("Related Health Tips")
			.contains("href=\"/articles/" + newer + "\"");
	}

	private String save(String name, LocalDate published) {
		String slug = name + "-" + UUID.randomUUID();
		transactions.executeWithoutResult(status -> articles.save(TestArticles.published(slug, "Tip " + name,
				published.atTime(9, 0).toInstant(java.time.ZoneOffset.ofHours(-5)), "About " + name + ".",
				"Body of " + name + ".\n")));
		return slug;
	}

}

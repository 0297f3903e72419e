package ca.gagephysio.site.cache;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.shared.PublicContentChanged;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a change made through another instance reaches this one's cached pages: the other instance bumps
 * {@code site_content_version} in its writing transaction; this one's poll sees the number move and drops its pages.
 * Here the other instance is a plain SQL update behind the application's back, and the poll is called directly (the
 * test settings slow the scheduled one down, so it cannot drop pages in the middle of another test). And how this
 * instance's own change gets there: the one listener of {@link PublicContentChanged} moves the number in the change's
 * transaction (so never for one rolled back) and drops this instance's pages once it has committed.
 */
@ClinicIntegrationTest
class ContentVersionTests {

	private static final String PAGE = "/articles/massage-for-back-pain";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	PageCache cache;

	@Autowired
	ContentVersion contentVersion;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void anArticleEditedThroughAnotherInstanceShowsOnceThePollSeesTheVersionMove() throws Exception {
		contentVersion.checkForChanges();
		String title = jdbc.sql("select title from article where slug = 'massage-for-back-pain'")
			.query(String.class)
			.single();
		String edited = title + " - edited elsewhere";
		assertThat(page()).contains(title);
		try {
			jdbc.sql("update article set title = ? where slug = 'massage-for-back-pain'").param(edited).update();
			jdbc.sql("update site_content_version set version = version + 1 where id = 1").update();
			long rendered = cache.renders();

			assertThat(page()).as("until the poll, the cached page").doesNotContain(edited);
			assertThat(cache.renders()).isEqualTo(rendered);
			assertThat(contentVersion.checkForChanges()).isTrue();
			assertThat(page()).contains(edited);
			assertThat(contentVersion.checkForChanges()).as("nothing new since").isFalse();
		}
		finally {
			jdbc.sql("update article set title = ? where slug = 'massage-for-back-pain'").param(title).update();
			jdbc.sql("update site_content_version set version = version + 1 where id = 1").update();
			contentVersion.checkForChanges();
		}
		assertThat(page()).contains(title).doesNotContain(edited);
	}

	@Test
	void aPublicContentChangeMovesTheVersionInItsTransactionAndDropsThisInstancesPagesOnlyOnceItCommits()
			throws Exception {
		page();
		long before = version();

		transactions.executeWithoutResult(status -> {
			events.publishEvent(PublicContentChanged.at("article", PAGE));
			assertThat(version()).as("moved inside the writing transaction").isEqualTo(before + 1);
			assertThat(cache.size()).as("still cached: the change is not committed yet").isPositive();
		});

		assertThat(cache.size()).as("dropped once committed").isZero();
		assertThat(version()).isEqualTo(before + 1);
	}

	@Test
	void aPublicContentChangeThatRollsBackLeavesTheVersionAsItWas() {
		contentVersion.checkForChanges();
		long before = version();

		transactions.executeWithoutResult(status -> {
			events.publishEvent(PublicContentChanged.everyPage("clinic facts"));
			status.setRollbackOnly();
		});

		assertThat(version()).isEqualTo(before);
		assertThat(contentVersion.checkForChanges()).as("nothing for the other instances to drop").isFalse();
	}

	private String page() throws Exception {
		return mvc.get().uri(PAGE).exchange().getResponse().getContentAsString();
	}

	private long version() {
		return jdbc.sql("select version from site_content_version where id = 1").query(Long.class).single();
	}

}

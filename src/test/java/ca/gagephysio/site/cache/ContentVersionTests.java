package ca.gagephysio.site.cache;

import java.time.Instant;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.clinic.ClinicFactsChanged;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a change made through another instance reaches this one's cached pages: the other instance bumps
 * {@code site_content_version} in its writing transaction; this one's poll sees the number move and drops its pages.
 * Here the other instance is a plain SQL update behind the application's back, and the poll is called directly (the
 * test settings slow the scheduled one down, so it cannot drop pages in the middle of another test).
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
	void savingTheClinicFactsMovesTheVersionForTheOtherInstances() {
		long before = version();

		events.publishEvent(new ClinicFactsChanged(Instant.now()));

		assertThat(version()).isEqualTo(before + 1);
	}

	private String page() throws Exception {
		return mvc.get().uri(PAGE).exchange().getResponse().getContentAsString();
	}

	private long version() {
		return jdbc.sql("select version from site_content_version where id = 1").query(Long.class).single();
	}

}

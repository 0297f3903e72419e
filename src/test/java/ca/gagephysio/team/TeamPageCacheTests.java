package ca.gagephysio.team;

import java.util.UUID;

import ca.gagephysio.ClinicIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A clinician change reaches the cached public pages at once. The bio is changed underneath JPA (as no editor
 * exists yet) and {@link ClinicianChanged} announced by hand, as {@link TeamMemberChangeListener} does for every JPA
 * write: so this proves the event alone drops the pages.
 */
@ClinicIntegrationTest
class TeamPageCacheTests {

	private static final String SLUG = "valerie-van-woudenberg";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher events;

	@Test
	void aClinicianChangeShowsOnHerCachedBioAtOnce() {
		String added = "Cache check " + UUID.randomUUID() + ".";
		String bio = jdbc.sql("select bio from team_member where slug = ?").param(SLUG).query(String.class).single();
		assertThat(mvc.get().uri("/team/" + SLUG).exchange()).bodyText().doesNotContain(added);
		String etag = mvc.get().uri("/team/" + SLUG).exchange().getResponse().getHeader("ETag");
		try {
			jdbc.sql("update team_member set bio = ? where slug = ?").params(bio + "\n\n" + added, SLUG).update();
			assertThat(mvc.get().uri("/team/" + SLUG).exchange()).as("still the cached page")
				.bodyText()
				.doesNotContain(added);

			events.publishEvent(new ClinicianChanged(SLUG));

			var after = mvc.get().uri("/team/" + SLUG).exchange();
			assertThat(after).bodyText().contains(added);
			assertThat(after.getResponse().getHeader("ETag")).isNotEqualTo(etag);
		}
		finally {
			jdbc.sql("update team_member set bio = ? where slug = ?").params(bio, SLUG).update();
			events.publishEvent(new ClinicianChanged(SLUG));
		}
		assertThat(mvc.get().uri("/team/" + SLUG).exchange()).bodyText().doesNotContain(added);
	}

}

package ca.gagephysio.staff.session;

import ca.gagephysio.ClinicIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key of back-office forms' owner tags is the database's, not an instance's: a page rendered by one instance
 * (nginx sends requests to either, round-robin) or before a restart has its draft given back by another after the
 * person signs in again, and still to no one else.
 */
@ClinicIntegrationTest
class FormDraftKeyTests {

	@Autowired
	FormDrafts running;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anotherInstanceOrARestartOnTheSameDatabaseMakesTheSameOwnerTags() {
		String tag = running.ownerTag("someone@test.gagephysio.ca");

		FormDrafts another = new FormDrafts(jdbc);

		assertThat(another.ownerTag("someone@test.gagephysio.ca")).isEqualTo(tag);
		assertThat(another.ownerTag("someone-else@test.gagephysio.ca")).isNotEqualTo(tag);
		assertThat(jdbc.sql("select count(*) from staff_form_draft_key").query(Long.class).single()).isEqualTo(1);
	}

}

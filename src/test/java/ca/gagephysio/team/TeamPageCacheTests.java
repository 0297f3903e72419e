package ca.gagephysio.team;

import java.util.UUID;

import jakarta.persistence.EntityManager;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * A clinician's change reaches the cached public pages through the one public-content event: on this instance at
 * once, on the others through the shared content version it moves ({@code site.ContentVersion}); a change that rolls
 * back does neither.
 */
@ClinicIntegrationTest
class TeamPageCacheTests {

	private static final String SLUG = "valerie-van-woudenberg";

	private static final String BIO = "/team/" + SLUG;

	@Autowired
	MockMvc mvc;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	TeamMemberRepository members;

	@Autowired
	TeamEditor editor;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	EntityManager entities;

	/** One administrator for the class: an account costs four Argon2 hashes to make. */
	static String adminEmail;

	@Test
	void aBioEditedInTheBackOfficeShowsOnItsCachedPageAtOnceAndMovesTheContentVersion() throws Exception {
		if (adminEmail == null) {
			adminEmail = StaffTestAccounts.create(accounts, "Cache Owner", StaffRole.ADMIN);
		}
		TeamMember valerie = members.findBySlug(SLUG).orElseThrow();
		ClinicianDetails seed = valerie.details();
		String added = "Cache check " + UUID.randomUUID() + ".";
		MockHttpServletResponse before = bio();
		assertThat(before.getContentAsString()).doesNotContain(added);
		assertThat(mvc.perform(get(BIO).header("If-None-Match", before.getHeader("ETag"))).andReturn()
			.getResponse()
			.getStatus()).as("the cached page").isEqualTo(304);
		long version = contentVersion();
		try {
			mvc.perform(multipart("/staff/team/{id}", valerie.id()).param("name", seed.name())
				.param("jobTitle", seed.jobTitle())
				.param("profession", seed.profession())
				.param("credentials", seed.credentials() == null ? "" : seed.credentials())
				.param("bio", seed.bio() + "\n\n" + added)
				.param("version", String.valueOf(valerie.version()))
				.param("photoId", seed.photoImageId() == null ? "" : seed.photoImageId().toString())
				.param("photoAlt", seed.photoAlt() == null ? "" : seed.photoAlt())
				.with(StaffTestAccounts.signedIn(adminEmail, "ADMIN", "STAFF"))
				.with(csrf())).andExpect(redirectedUrl("/staff/team"));

			MockHttpServletResponse after = bio();
			assertThat(after.getContentAsString()).contains(added);
			assertThat(after.getHeader("ETag")).isNotEqualTo(before.getHeader("ETag"));
			assertThat(contentVersion()).as("moved once, for the other instances").isEqualTo(version + 1);
		}
		finally {
			TeamMember now = members.findBySlug(SLUG).orElseThrow();
			editor.edit(now.id(), now.version(), seed, null, true);
		}
		assertThat(bio().getContentAsString()).doesNotContain(added);
	}

	@Test
	void anEditThatRollsBackLeavesTheBioAndTheContentVersionAsTheyWere() throws Exception {
		String added = "Rolled back " + UUID.randomUUID() + ".";
		assertThat(bio().getContentAsString()).doesNotContain(added);
		long version = contentVersion();

		transactions.executeWithoutResult(status -> {
			TeamMember valerie = members.findBySlug(SLUG).orElseThrow();
			ClinicianDetails seed = valerie.details();
			editor.edit(valerie.id(), valerie.version(), new ClinicianDetails(seed.name(), seed.jobTitle(),
					seed.profession(), seed.credentials(), seed.bio() + "\n\n" + added, seed.photoImageId(),
					seed.photoAlt()), "Test", true);
			// written now, so the change is announced inside the transaction that then rolls back
			entities.flush();
			assertThat(contentVersion()).as("moved inside the transaction").isEqualTo(version + 1);
			status.setRollbackOnly();
		});

		assertThat(contentVersion()).isEqualTo(version);
		assertThat(bio().getContentAsString()).doesNotContain(added);
	}

	private MockHttpServletResponse bio() throws Exception {
		MockHttpServletResponse response = mvc.perform(get(BIO)).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return response;
	}

	private long contentVersion() {
		return jdbc.sql("select version from site_content_version where id = 1").query(Long.class).single();
	}

}

package ca.gagephysio.inquiry.reply;

import java.util.List;
import java.util.UUID;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.Race;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.signin.StaffSessions;
import ca.gagephysio.staff.account.StaffTestAccounts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Two administrators saving one reply template at the same instant, and double clicks on Save, Add and Delete,
 * through the real path with two real signed-in sessions: two threads released together. One save wins and the
 * other gets the form with the conflict message and its text kept; a form sent twice is done once. Never a 500.
 */
@ClinicIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplyTemplateRaceTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ReplyTemplateRepository templates;

	MockHttpSession first;

	MockHttpSession second;

	@BeforeAll
	void signInOnce(@Autowired StaffAccounts accounts) throws Exception {
		first = StaffSessions.signIn(mvc, StaffTestAccounts.create(accounts, "Avery Templates", StaffRole.ADMIN));
		second = StaffSessions.signIn(mvc, StaffTestAccounts.create(accounts, "Blair Templates", StaffRole.ADMIN));
	}

	@Test
	void twoSavesOfOneTemplateAtOnceSaveOneAndShowTheOtherTheConflictWithItsTextKept() throws Exception {
		ReplyTemplate template = added("Raced template");

		List<MvcResult> results = Race.run(() -> save(first, template, "The first administrator's words."),
				() -> save(second, template, "The second administrator's words."));

		assertThat(results).extracting(result -> result.getResponse().getStatus()).containsExactlyInAnyOrder(302, 200);
		boolean firstLost = results.get(0).getResponse().getStatus() == 200;
		assertThat(results.get(firstLost ? 0 : 1).getResponse().getContentAsString())
			.contains("Someone else saved this template while you were editing it")
			.contains(firstLost ? "The first administrator&#39;s words." : "The second administrator&#39;s words.");
		assertThat(templates.findById(template.getId()).orElseThrow().getBody())
			.isEqualTo(firstLost ? "The second administrator's words." : "The first administrator's words.");
	}

	@Test
	void aDoubleClickOnSaveSavesOnce() throws Exception {
		ReplyTemplate template = added("Double-saved template");

		List<MvcResult> results = Race.run(() -> save(first, template, "Clicked twice."),
				() -> save(first, template, "Clicked twice."));

		assertThat(results).allSatisfy(result -> assertThat(result.getResponse().getRedirectedUrl())
			.isEqualTo("/staff/templates"));
		assertThat(templates.findById(template.getId()).orElseThrow().getVersion())
			.isEqualTo(template.getVersion() + 1);
	}

	@Test
	void aDoubleClickOnAddAddsOneTemplateAndOnDeleteDeletesIt() throws Exception {
		String name = "Double-added " + UUID.randomUUID().toString().substring(0, 8);
		String key = UUID.randomUUID().toString();

		List<MvcResult> added = Race.run(() -> add(first, name, key), () -> add(first, name, key));

		assertThat(added).allSatisfy(result -> assertThat(result.getResponse().getRedirectedUrl())
			.isEqualTo("/staff/templates"));
		List<ReplyTemplate> found = templates.findAll().stream().filter(t -> t.getName().equals(name)).toList();
		assertThat(found).hasSize(1);

		List<MvcResult> deleted = Race.run(() -> delete(first, found.get(0)), () -> delete(second, found.get(0)));

		assertThat(deleted).extracting(result -> result.getFlashMap().get("flash"))
			.containsOnly("reply.template.deleted");
		assertThat(templates.findById(found.get(0).getId())).isEmpty();
	}

	private ReplyTemplate added(String name) throws Exception {
		String unique = name + " " + UUID.randomUUID().toString().substring(0, 8);
		assertThat(add(first, unique, UUID.randomUUID().toString()).getResponse().getStatus()).isEqualTo(302);
		return templates.findAll().stream().filter(t -> t.getName().equals(unique)).findFirst().orElseThrow();
	}

	private MvcResult add(MockHttpSession who, String name, String key) throws Exception {
		return mvc.perform(post("/staff/templates").session(who)
			.with(csrf())
			.param("version", "")
			.param("name", name)
			.param("subject", "About your inquiry")
			.param("body", "The text both opened.")
			.param("requestKey", key)).andReturn();
	}

	private MvcResult save(MockHttpSession who, ReplyTemplate template, String body) throws Exception {
		return mvc.perform(post("/staff/templates/" + template.getId()).session(who)
			.with(csrf())
			.param("version", String.valueOf(template.getVersion()))
			.param("name", template.getName())
			.param("subject", template.getSubject())
			.param("body", body)).andReturn();
	}

	private MvcResult delete(MockHttpSession who, ReplyTemplate template) throws Exception {
		return mvc.perform(post("/staff/templates/" + template.getId() + "/delete").session(who).with(csrf()))
			.andReturn();
	}

}

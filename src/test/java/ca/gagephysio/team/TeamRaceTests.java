package ca.gagephysio.team;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.Race;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.signin.StaffSessions;
import ca.gagephysio.staff.account.StaffTestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Two people saving one clinician at the same instant, and double clicks on Add, Save, Publish and Delete, through
 * the real path with two real signed-in sessions: two threads released together, never one after the other. Nobody
 * sees a 500: one save wins and the other gets the form again with theirs above it and the loser's text kept; a form
 * sent twice adds or changes one clinician once.
 */
@ClinicIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeamRaceTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TeamMemberRepository members;

	MockHttpSession admin;

	MockHttpSession staff;

	private final List<String> made = new ArrayList<>();

	@BeforeAll
	void signInOnce(@Autowired StaffAccounts accounts) throws Exception {
		admin = StaffSessions.signIn(mvc, StaffTestAccounts.create(accounts, "Avery Team", StaffRole.ADMIN));
		staff = StaffSessions.signIn(mvc, StaffTestAccounts.create(accounts, "Sam Team", StaffRole.STAFF));
	}

	@AfterEach
	void tidyUp() {
		made.forEach(slug -> members.findBySlug(slug).ifPresent(members::delete));
	}

	@Test
	void twoPeopleSavingOneClinicianAtOnceGetOneSaveAndTheFormWithTheirsAboveTheLosersText() throws Exception {
		TeamMember member = stored();

		List<MvcResult> results = Race.run(() -> edit(admin, member, "The administrator's bio."),
				() -> edit(staff, member, "The front desk's bio."));

		assertThat(results).extracting(result -> result.getResponse().getStatus()).containsExactlyInAnyOrder(302, 200);
		MvcResult loser = results.stream().filter(result -> result.getResponse().getStatus() == 200).findFirst()
			.orElseThrow();
		boolean adminLost = loser == results.get(0);
		assertThat(loser.getResponse().getContentAsString())
			.contains("Someone else saved this clinician while you were editing")
			.contains(adminLost ? "The administrator&#39;s bio." : "The front desk&#39;s bio.");
		assertThat(members.findById(member.id()).orElseThrow().details().bio())
			.isEqualTo(adminLost ? "The front desk's bio." : "The administrator's bio.");
	}

	@Test
	void aDoubleClickOnSaveSavesOnceAndBothClicksEndOnTheList() throws Exception {
		TeamMember member = stored();

		List<MvcResult> results = Race.run(() -> edit(staff, member, "Clicked twice."),
				() -> edit(staff, member, "Clicked twice."));

		assertThat(results).allSatisfy(result -> assertThat(result.getResponse().getRedirectedUrl())
			.isEqualTo("/staff/team"));
		assertThat(members.findById(member.id()).orElseThrow().version()).isEqualTo(member.version() + 1);
	}

	@Test
	void aDoubleClickOnAddAddsOneClinician() throws Exception {
		String name = "Double Added " + UUID.randomUUID().toString().substring(0, 8);
		String key = UUID.randomUUID().toString();
		made.add(TeamEditor.slugOf(name));
		made.add(TeamEditor.slugOf(name) + "-2");

		List<MvcResult> results = Race.run(() -> add(staff, name, key), () -> add(staff, name, key));

		assertThat(results).allSatisfy(result -> assertThat(result.getResponse().getRedirectedUrl())
			.isEqualTo("/staff/team"));
		assertThat(members.findAllByOrderBySortOrderAscNameAsc()).filteredOn(found -> found.name().equals(name))
			.hasSize(1);
	}

	@Test
	void twoPeopleAddingNamesakesAtOnceAddBoth() throws Exception {
		String name = "Same Name " + UUID.randomUUID().toString().substring(0, 8);
		made.add(TeamEditor.slugOf(name));
		made.add(TeamEditor.slugOf(name) + "-2");

		List<MvcResult> results = Race.run(() -> add(admin, name, UUID.randomUUID().toString()),
				() -> add(staff, name, UUID.randomUUID().toString()));

		assertThat(results).allSatisfy(result -> assertThat(result.getResponse().getRedirectedUrl())
			.isEqualTo("/staff/team"));
		assertThat(members.findAllByOrderBySortOrderAscNameAsc()).filteredOn(found -> found.name().equals(name))
			.extracting(TeamMember::slug)
			.containsExactlyInAnyOrder(TeamEditor.slugOf(name), TeamEditor.slugOf(name) + "-2");
	}

	@Test
	void doubleClicksOnPublishAndDeleteEachEndOnTheListWithTheResultAskedFor() throws Exception {
		TeamMember member = stored();

		List<MvcResult> published = Race.run(() -> send(admin, "/staff/team/" + member.id() + "/publish"),
				() -> send(admin, "/staff/team/" + member.id() + "/publish"));
		assertThat(members.findById(member.id()).orElseThrow().published()).isTrue();
		List<MvcResult> deleted = Race.run(() -> send(admin, "/staff/team/" + member.id() + "/delete"),
				() -> send(admin, "/staff/team/" + member.id() + "/delete"));

		assertThat(published).extracting(result -> result.getFlashMap().get("flash"))
			.containsOnly("team.staff.published");
		assertThat(deleted).extracting(result -> result.getFlashMap().get("flash")).containsOnly("team.staff.deleted");
		assertThat(members.findById(member.id())).isEmpty();
	}

	private TeamMember stored() {
		String slug = "race-" + UUID.randomUUID();
		made.add(slug);
		return members.save(new TeamMember(slug, 900, new ClinicianDetails("Raced Clinician", "Physiotherapist",
				"Physiotherapist", "TEST-CRED", "The bio both opened.", null, null), "test", Instant.now(), null));
	}

	private MvcResult edit(MockHttpSession who, TeamMember member, String bio) throws Exception {
		return mvc.perform(multipart("/staff/team/{id}", member.id()).session(who)
			.param("name", member.details().name())
			.param("jobTitle", member.details().jobTitle())
			.param("profession", member.details().profession())
			.param("credentials", member.details().credentials())
			.param("bio", bio)
			.param("version", String.valueOf(member.version()))
			.with(csrf())).andReturn();
	}

	private MvcResult add(MockHttpSession who, String name, String key) throws Exception {
		return mvc.perform(multipart("/staff/team").session(who)
			.param("name", name)
			.param("jobTitle", "Physiotherapist")
			.param("profession", "Physiotherapist")
			.param("credentials", "TEST-CRED")
			.param("bio", "A bio written by an automated test.")
			.param("requestKey", key)
			.with(csrf())).andReturn();
	}

	private MvcResult send(MockHttpSession who, String path) throws Exception {
		MockHttpServletRequestBuilder request = post(path).session(who).with(csrf());
		return mvc.perform(request).andReturn();
	}

}

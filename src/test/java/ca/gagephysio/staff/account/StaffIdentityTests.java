package ca.gagephysio.staff.account;

import ca.gagephysio.staff.signin.StaffSecurityTests;
import ca.gagephysio.staff.signin.StaffSessions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import ca.gagephysio.ClinicIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Who an account is can change, through the real pages and sign-in: a person's own name, their own email after a
 * second factor typed again (this session stays, the others end, the new address signs in and the old one no
 * longer does), and any account's name and email by an administrator; each change in the access trail, a taken
 * email a message with what was typed kept, also when two administrators race for one address.
 */
@ClinicIntegrationTest
class StaffIdentityTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aPersonChangesTheirOwnName() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Sam Old-Name", StaffRole.STAFF);
		MockHttpSession session = StaffSessions.signIn(mvc, email);
		String page = StaffSessions.page(mvc, session, AccountController.PATH);

		MvcResult saved = StaffSessions.send(mvc, session, page, AccountController.PATH + "/name",
				Map.of("displayName", "Sam New-Name"));

		assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo(AccountController.PATH);
		assertThat(accounts.byEmail(email).orElseThrow().getDisplayName()).isEqualTo("Sam New-Name");
		assertThat(trail(email)).contains("STAFF_NAME_CHANGED by the account holder");
	}

	@Test
	void anEmptyNameIsRefusedWithAMessage() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Kept Name", StaffRole.STAFF);
		MockHttpSession session = StaffSessions.signIn(mvc, email);
		String page = StaffSessions.page(mvc, session, AccountController.PATH);

		MvcResult refused = StaffSessions.send(mvc, session, page, AccountController.PATH + "/name",
				Map.of("displayName", "  "));

		assertThat(refused.getResponse().getStatus()).isEqualTo(200);
		assertThat(refused.getResponse().getContentAsString()).contains("Enter the person&#39;s name.");
		assertThat(accounts.byEmail(email).orElseThrow().getDisplayName()).isEqualTo("Kept Name");
	}

	@Test
	void aWrongCodeKeepsTheEmailAndWhatWasTyped() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Wrong Code", StaffRole.STAFF);
		MockHttpSession session = StaffSessions.signIn(mvc, email);
		String page = StaffSessions.page(mvc, session, AccountController.PATH);
		String wanted = unique("wanted");

		MvcResult refused = StaffSessions.send(mvc, session, page, AccountController.PATH + "/email",
				Map.of("email", wanted, "code", "000000"));

		assertThat(refused.getResponse().getStatus()).isEqualTo(200);
		assertThat(refused.getResponse().getContentAsString()).contains("That code isn&#39;t right.")
			.contains("value=\"" + wanted + "\"");
		assertThat(accounts.byEmail(email)).isPresent();
		assertThat(accounts.byEmail(wanted)).isEmpty();
		assertThat(trail(email)).contains("STAFF_CODE_WRONG changing the email");
	}

	@Test
	void withTheAppCodeAPersonChangesTheirOwnEmailKeepsThisSessionEndsTheOtherAndSignsInWithTheNewOne()
			throws Exception {
		String old = StaffTestAccounts.create(accounts, "Moving Address", StaffRole.STAFF);
		MockHttpSession other = StaffSessions.signIn(mvc, old);
		MockHttpSession session = StaffSessions.signIn(mvc, old);
		String page = StaffSessions.page(mvc, session, AccountController.PATH);
		String changed = unique("moved");

		MvcResult saved = StaffSessions.send(mvc, session, page, AccountController.PATH + "/email",
				Map.of("email", changed.toUpperCase(), "code", StaffTestAccounts.nextCode(mvc, old)));

		assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo(AccountController.PATH);
		MockHttpSession kept = StaffSessions.sessionOf(saved);
		assertThat(StaffSessions.page(mvc, kept, AccountController.PATH)).contains(changed)
			.contains("Your email is changed.");
		mvc.perform(get("/staff/inquiries").session(other)).andExpect(redirectedUrl("/login?expired"));
		assertThat(accounts.byEmail(old)).isEmpty();
		mvc.perform(post("/login").with(csrf())
			.with(request -> StaffSecurityTests.remote(request, "203.0.113.71"))
			.param("email", old)
			.param("password", StaffTestAccounts.PASSWORD)).andExpect(redirectedUrl("/login?error"));
		StaffTestAccounts.moveAppKey(old, changed);
		MockHttpSession again = StaffSessions.signIn(mvc, changed);
		mvc.perform(get("/staff/inquiries").session(again)).andExpect(status().isOk());
		assertThat(trail(changed)).contains("STAFF_EMAIL_CHANGED by the account holder; from " + old + " to " + changed);
	}

	@Test
	void anEmailAnotherAccountHasIsRefusedWithAMessage() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Wants Theirs", StaffRole.STAFF);
		String taken = StaffTestAccounts.create(accounts, "Has It", StaffRole.STAFF);
		MockHttpSession session = StaffSessions.signIn(mvc, email);
		String page = StaffSessions.page(mvc, session, AccountController.PATH);

		MvcResult refused = StaffSessions.send(mvc, session, page, AccountController.PATH + "/email",
				Map.of("email", taken, "code", StaffTestAccounts.nextCode(mvc, email)));

		assertThat(refused.getResponse().getStatus()).isEqualTo(200);
		assertThat(refused.getResponse().getContentAsString()).contains("An account with that email already exists.")
			.contains("value=\"" + taken + "\"");
		assertThat(accounts.byEmail(email)).isPresent();
	}

	@Test
	void anAdministratorChangesSomeonesNameAndEmailAndTheirSessionsEnd() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Changing Admin", StaffRole.ADMIN);
		String old = StaffTestAccounts.create(accounts, "Pat Typo", StaffRole.STAFF);
		MockHttpSession theirs = StaffSessions.signIn(mvc, old);
		long id = accounts.byEmail(old).orElseThrow().getId();
		MockHttpSession session = StaffSessions.signIn(mvc, admin);
		String page = StaffSessions.page(mvc, session, UsersController.PATH + "/" + id);
		assertThat(page).contains("value=\"Pat Typo\"").contains("value=\"" + old + "\"");
		String changed = unique("fixed");

		MvcResult saved = StaffSessions.send(mvc, session, page, UsersController.PATH + "/" + id,
				Map.of("displayName", "Pat Right", "email", changed));

		assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo(UsersController.PATH);
		assertThat(StaffSessions.page(mvc, session, UsersController.PATH)).contains("Pat Right").contains(changed);
		mvc.perform(get("/staff/inquiries").session(theirs)).andExpect(redirectedUrl("/login?expired"));
		StaffTestAccounts.moveAppKey(old, changed);
		StaffSessions.signIn(mvc, changed);
		assertThat(trail(changed)).contains("STAFF_NAME_CHANGED by an administrator",
				"STAFF_EMAIL_CHANGED by an administrator; from " + old + " to " + changed);
	}

	@Test
	void anAdministratorIsToldWhenTheEmailIsTakenWithWhatTheyTypedKept() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Careful Admin", StaffRole.ADMIN);
		String person = StaffTestAccounts.create(accounts, "Keeps Email", StaffRole.STAFF);
		String taken = StaffTestAccounts.create(accounts, "Has It Already", StaffRole.STAFF);
		long id = accounts.byEmail(person).orElseThrow().getId();

		String page = mvc.perform(post(UsersController.PATH + "/" + id)
			.with(StaffTestAccounts.signedIn(admin, "ADMIN", "STAFF"))
			.with(csrf())
			.param("displayName", "Typed Name")
			.param("email", taken))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(page).contains("An account with that email already exists.")
			.contains("value=\"Typed Name\"")
			.contains("value=\"" + taken + "\"");
		assertThat(accounts.byEmail(person).orElseThrow().getDisplayName()).isEqualTo("Keeps Email");
	}

	@Test
	void anAdministratorsOwnAccountIsChangedOnMyAccountWhereTheEmailNeedsTheSecondFactor() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Self Admin", StaffRole.ADMIN);
		long id = accounts.byEmail(admin).orElseThrow().getId();

		mvc.perform(get(UsersController.PATH + "/" + id).with(StaffTestAccounts.signedIn(admin, "ADMIN", "STAFF")))
			.andExpect(redirectedUrl(AccountController.PATH));
		String page = mvc.perform(post(UsersController.PATH + "/" + id)
			.with(StaffTestAccounts.signedIn(admin, "ADMIN", "STAFF"))
			.with(csrf())
			.param("displayName", "Self Admin")
			.param("email", unique("sneaky")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(page).contains("Change your own name and email on My account.");
		assertThat(accounts.byEmail(admin)).isPresent();
	}

	@Test
	void aFrontDeskAccountCannotChangeSomeoneElsesEmail() throws Exception {
		String staff = StaffTestAccounts.create(accounts, "Not An Admin", StaffRole.STAFF);
		String other = StaffTestAccounts.create(accounts, "Target", StaffRole.STAFF);
		long id = accounts.byEmail(other).orElseThrow().getId();

		mvc.perform(post(UsersController.PATH + "/" + id).with(StaffTestAccounts.signedIn(staff, "STAFF"))
			.with(csrf())
			.param("displayName", "Target")
			.param("email", unique("stolen"))).andExpect(status().isForbidden());

		assertThat(accounts.byEmail(other)).isPresent();
	}

	@Test
	void twoAdministratorsGivingOneEmailToTwoAccountsAtTheSameInstantEndWithOneOwnerAndAMessage() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Racing Admin", StaffRole.ADMIN);
		List<Long> ids = List.of(accounts.byEmail(StaffTestAccounts.create(accounts, "First", StaffRole.STAFF))
			.orElseThrow()
			.getId(), accounts.byEmail(StaffTestAccounts.create(accounts, "Second", StaffRole.STAFF)).orElseThrow().getId());
		String wanted = unique("contested");
		ExecutorService clicks = Executors.newFixedThreadPool(2);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<MvcResult>> results = new ArrayList<>();
		for (long id : ids) {
			results.add(clicks.submit(() -> {
				go.await();
				return mvc.perform(post(UsersController.PATH + "/" + id)
					.with(StaffTestAccounts.signedIn(admin, "ADMIN", "STAFF"))
					.with(csrf())
					.param("displayName", "Contested")
					.param("email", wanted)).andReturn();
			}));
		}
		go.countDown();
		List<MvcResult> outcomes = new ArrayList<>();
		for (Future<MvcResult> result : results) {
			outcomes.add(result.get(60, TimeUnit.SECONDS));
		}
		clicks.shutdown();

		assertThat(outcomes).extracting(result -> result.getResponse().getStatus())
			.containsExactlyInAnyOrder(302, 200);
		assertThat(outcomes).filteredOn(result -> result.getResponse().getStatus() == 200)
			.singleElement()
			.satisfies(refused -> assertThat(refused.getResponse().getContentAsString())
				.contains("An account with that email already exists."));
		assertThat(jdbc.sql("select count(*) from staff_account where email = ?")
			.param(wanted)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	/** The account's access-trail entries as "ACTION detail". */
	private List<String> trail(String email) {
		long id = accounts.byEmail(email).orElseThrow().getId();
		return jdbc.sql("""
				select action, detail from audit_entry where subject_type = 'STAFF_ACCOUNT' and subject_id = ?
				order by id""")
			.param(id)
			.query((row, n) -> row.getString(1) + (row.getString(2) == null ? "" : " " + row.getString(2)))
			.list();
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID() + "@test.gagephysio.ca";
	}

}

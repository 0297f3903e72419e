package ca.gagephysio.staff.account;

import ca.gagephysio.staff.signin.SignInEvents;
import ca.gagephysio.staff.signin.StaffSessions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.SettableClock;
import org.junit.jupiter.api.AfterEach;
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
 * Inviting staff by a one-time link, through the real pages: the link works once, for 72 hours, only while it is
 * the newest, only its hash is stored, the administrator sees it once, each step is in the access trail, and a
 * race (two clicks on one link, two administrators inviting one address) ends in one result and a clear message.
 */
@ClinicIntegrationTest
class StaffInvitationTests {

	private static final String CHOSEN = "my own chosen passphrase";

	@Autowired
	MockMvc mvc;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SettableClock clock;

	@Autowired
	ca.gagephysio.clinic.ClinicFacts clinic;

	@AfterEach
	void realTime() {
		clock.reset();
	}

	@Test
	void theAdministratorSeesTheLinkOnceAfterInvitingAndTheListSaysTheInvitationIsOpen() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Inviting Admin", StaffRole.ADMIN);
		MockHttpSession session = StaffSessions.signIn(mvc, admin);
		String newcomer = unique("copy");

		mvc.perform(post(UsersController.PATH).session(session)
			.with(csrf())
			.param("email", newcomer)
			.param("displayName", "Copy Paste")
			.param("role", "STAFF")).andExpect(redirectedUrl(UsersController.PATH));
		String first = StaffSessions.page(mvc, session, UsersController.PATH);
		String second = StaffSessions.page(mvc, session, UsersController.PATH);

		assertThat(first).contains("A one-time link for Copy Paste")
			.containsPattern("id=\"fresh-link\"[^>]*value=\"http[^\"]*/staff/invitation\\?token=[A-Za-z0-9_-]{43}\"")
			.contains("The account is added and the invitation is on its way.");
		assertThat(second).doesNotContain("fresh-link").contains("Invited, link valid until");
	}

	/**
	 * When a link stops working is said in the clinic's time zone, and the zone is named, on the staff list and in
	 * the email: a bare "4:00 p.m." read elsewhere (a new colleague abroad, a server in UTC) would be taken as theirs.
	 */
	@Test
	void theLinksExpiryIsShownInTheClinicsTimeZoneWithTheZoneNamed() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Zone Admin", StaffRole.ADMIN);
		MockHttpSession session = StaffSessions.signIn(mvc, admin);
		String newcomer = unique("zone");
		mvc.perform(post(UsersController.PATH).session(session)
			.with(csrf())
			.param("email", newcomer)
			.param("displayName", "Zone Newcomer")
			.param("role", "STAFF")).andExpect(redirectedUrl(UsersController.PATH));
		java.time.Instant expires = jdbc.sql("""
				select i.expires_at from staff_invitation i join staff_account a on a.id = i.account_id
				where a.email = ?""").param(newcomer).query(java.time.Instant.class).single();
		java.time.ZonedDateTime there = expires.atZone(clinic.timeZone());

		String list = StaffSessions.page(mvc, session, UsersController.PATH);
		String email = jdbc.sql("select body from notification where recipient_email = ?")
			.param(newcomer)
			.query(String.class)
			.single();

		String hour = String.valueOf(there.getHour() % 12 == 0 ? 12 : there.getHour() % 12);
		String minute = String.format("%02d", there.getMinute());
		assertThat(list).containsPattern("Invited, link valid until [A-Z][a-z]+ " + there.getDayOfMonth() + ", "
				+ there.getYear() + ", " + hour + ":" + minute + " [ap]\\.m\\. Eastern (Standard|Daylight) Time");
		assertThat(email).containsPattern("until [A-Z][a-z]+ " + there.getDayOfMonth() + ", " + there.getYear() + ", "
				+ hour + ":" + minute + " [ap]\\.m\\. Eastern (Standard|Daylight) Time\\)");
	}

	@Test
	void onlyTheHashOfTheTokenIsStored() {
		String newcomer = unique("hash");
		String token = StaffTestAccounts.tokenOf(accounts.invite(newcomer, "Hash Only", StaffRole.STAFF).link());
		long id = accounts.byEmail(newcomer).orElseThrow().getId();

		List<String> stored = jdbc.sql("select token_hash from staff_invitation where account_id = ?")
			.param(id)
			.query(String.class)
			.list();

		assertThat(stored).containsExactly(StaffInvitations.hash(token)).doesNotContain(token);
	}

	@Test
	void aLinkWorksOnceAndOpeningItAgainSaysSoAndGoesIntoTheAccessTrail() throws Exception {
		String newcomer = unique("once");
		String link = accounts.invite(newcomer, "Once Only", StaffRole.STAFF).link();
		long id = accounts.byEmail(newcomer).orElseThrow().getId();
		choose(link).andExpect(redirectedUrl("/login?" + SignInEvents.PASSWORD_CHOSEN));

		MockHttpSession again = new MockHttpSession();
		mvc.perform(get(link).session(again)).andExpect(redirectedUrl(StaffInvitations.PATH));
		String page = mvc.perform(get(StaffInvitations.PATH).session(again))
			.andExpect(status().isGone())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(page).contains("This link no longer works").doesNotContain("newPassword");
		assertThat(trail(id)).contains("STAFF_INVITATION_SENT", "STAFF_INVITATION_ACCEPTED",
				"STAFF_PASSWORD_CHOSEN with a one-time link", "STAFF_LINK_REFUSED used");
	}

	@Test
	void aLinkStopsWorkingAfter72Hours() throws Exception {
		String newcomer = unique("late");
		String link = accounts.invite(newcomer, "Too Late", StaffRole.STAFF).link();
		long id = accounts.byEmail(newcomer).orElseThrow().getId();
		clock.advance(Duration.ofHours(71).plusMinutes(59));
		MockHttpSession inTime = new MockHttpSession();
		mvc.perform(get(link).session(inTime));
		mvc.perform(get(StaffInvitations.PATH).session(inTime)).andExpect(status().isOk());

		clock.advance(Duration.ofMinutes(2));

		choose(link).andExpect(status().isGone());
		assertThat(trail(id)).contains("STAFF_LINK_REFUSED expired");
		assertThat(jdbc.sql("select count(*) from staff_invitation where account_id = ? and used_at is not null")
			.param(id)
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aNewLinkReplacesTheOneSentBefore() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Reset Admin", StaffRole.ADMIN);
		String newcomer = unique("replaced");
		String first = accounts.invite(newcomer, "Twice Sent", StaffRole.STAFF).link();
		long id = accounts.byEmail(newcomer).orElseThrow().getId();

		MvcResult reset = mvc.perform(post("/staff/users/{id}/password", id)
			.with(StaffTestAccounts.signedIn(admin, "ADMIN", "STAFF"))
			.with(csrf())).andExpect(redirectedUrl(UsersController.PATH)).andReturn();
		String second = ((UsersController.FreshLink) reset.getFlashMap().get(UsersController.FRESH_LINK)).link();

		choose(first).andExpect(status().isGone());
		choose(second).andExpect(redirectedUrl("/login?" + SignInEvents.PASSWORD_CHOSEN));
		assertThat(trail(id)).contains("STAFF_LINK_REFUSED replaced by a newer link", "STAFF_PASSWORD_RESET_LINK_USED");
	}

	@Test
	void aDisabledAccountsLinkNoLongerWorks() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Disabling Admin", StaffRole.ADMIN);
		String newcomer = unique("disabled");
		String link = accounts.invite(newcomer, "Never Started", StaffRole.STAFF).link();
		long id = accounts.byEmail(newcomer).orElseThrow().getId();
		mvc.perform(post("/staff/users/{id}/disable", id).with(StaffTestAccounts.signedIn(admin, "ADMIN", "STAFF"))
			.with(csrf())).andExpect(redirectedUrl(UsersController.PATH));

		choose(link).andExpect(status().isGone());
	}

	@Test
	void twoClicksOnOneLinkAtTheSameInstantSetOnePasswordAndTellTheOtherThatTheLinkIsUsed() throws Exception {
		String newcomer = unique("race");
		String link = accounts.invite(newcomer, "Double Click", StaffRole.STAFF).link();
		List<MockHttpSession> browsers = List.of(new MockHttpSession(), new MockHttpSession());
		for (MockHttpSession browser : browsers) {
			mvc.perform(get(link).session(browser));
		}
		ExecutorService clicks = Executors.newFixedThreadPool(2);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<Integer>> statuses = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			MockHttpSession browser = browsers.get(i);
			String password = "racing passphrase number " + i;
			statuses.add(clicks.submit(() -> {
				go.await();
				return mvc.perform(post(StaffInvitations.PATH).session(browser)
					.with(csrf())
					.param("newPassword", password)
					.param("confirmPassword", password)).andReturn().getResponse().getStatus();
			}));
		}
		go.countDown();
		List<Integer> outcomes = new ArrayList<>();
		for (Future<Integer> status : statuses) {
			outcomes.add(status.get(60, TimeUnit.SECONDS));
		}
		clicks.shutdown();

		assertThat(outcomes).containsExactlyInAnyOrder(302, 410);
		long id = accounts.byEmail(newcomer).orElseThrow().getId();
		assertThat(jdbc.sql("select count(*) from staff_invitation where account_id = ? and used_at is not null")
			.param(id)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void inviteAnEmailThatIsTakenGivesAMessageWithWhatWasTypedKept() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Careful Admin", StaffRole.ADMIN);
		String existing = StaffTestAccounts.create(accounts, "Already Here", StaffRole.STAFF);

		String page = mvc.perform(post(UsersController.PATH).with(StaffTestAccounts.signedIn(admin, "ADMIN", "STAFF"))
			.with(csrf())
			.param("email", existing.toUpperCase())
			.param("displayName", "Second Try")
			.param("role", "ADMIN"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(page).contains("An account with that email already exists.")
			.contains("value=\"" + existing.toUpperCase() + "\"")
			.contains("value=\"Second Try\"")
			.containsPattern("value=\"ADMIN\"\\s+selected=\"selected\"");
	}

	@Test
	void twoAdministratorsInvitingOneEmailAtTheSameInstantMakeOneAccountAndTheOtherIsToldSo() throws Exception {
		List<String> admins = List.of(StaffTestAccounts.create(accounts, "Racing Admin One", StaffRole.ADMIN),
				StaffTestAccounts.create(accounts, "Racing Admin Two", StaffRole.ADMIN));
		String newcomer = unique("both");
		ExecutorService clicks = Executors.newFixedThreadPool(2);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<MvcResult>> results = new ArrayList<>();
		for (String admin : admins) {
			results.add(clicks.submit(() -> {
				go.await();
				return mvc.perform(post(UsersController.PATH).with(StaffTestAccounts.signedIn(admin, "ADMIN", "STAFF"))
					.with(csrf())
					.param("email", newcomer)
					.param("displayName", "Wanted Twice")
					.param("role", "STAFF")).andReturn();
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
				.contains("An account with that email already exists.")
				.contains("value=\"" + newcomer + "\""));
		assertThat(jdbc.sql("select count(*) from staff_account where email = ?")
			.param(newcomer)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	private org.springframework.test.web.servlet.ResultActions choose(String link) throws Exception {
		MockHttpSession browser = new MockHttpSession();
		mvc.perform(get(link).session(browser));
		return mvc.perform(post(StaffInvitations.PATH).session(browser)
			.with(csrf())
			.param("newPassword", CHOSEN)
			.param("confirmPassword", CHOSEN));
	}

	/** The account's access-trail entries as "ACTION detail". */
	private List<String> trail(long accountId) {
		return jdbc.sql("""
				select action, detail from audit_entry where subject_type = 'STAFF_ACCOUNT' and subject_id = ?
				order by id""")
			.param(accountId)
			.query((row, n) -> row.getString(1) + (row.getString(2) == null ? "" : " " + row.getString(2)))
			.list()
			.stream()
			.map(entry -> entry.startsWith("STAFF_INVITATION_SENT") ? "STAFF_INVITATION_SENT" : entry)
			.toList();
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID() + "@test.gagephysio.ca";
	}

}

package ca.gagephysio.staff.session;

import ca.gagephysio.staff.secondfactor.StoredPasskeys;
import ca.gagephysio.staff.signin.StaffHttpBrowser;
import ca.gagephysio.staff.account.PasswordController;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import ca.gagephysio.staff.account.UsersController;
import ca.gagephysio.staff.secondfactor.SecurityPageController;
import ca.gagephysio.staff.signin.SignInEvents;
import ca.gagephysio.staff.signin.StaffSessions;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.LiveServer;
import ca.gagephysio.SettableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 19, "sessions end when the account changes, at once, on every endpoint": a person's own change to how they
 * sign in ends their other sessions and keeps the one making it; an administrator's change to someone ends all of
 * that person's sessions; and an ended session reaches nothing on its very next request, the passkey endpoints that
 * run before Spring MVC included. Each person signs in twice through the real two-step sign-in
 * ({@link StaffSessions}), as on two computers. MockMvc keeps its own sessions (see {@code ClinicTestConfiguration}),
 * so the tests through it prove the check on every request (the account's session epoch, from the database); the
 * tests over a real connection prove that the sessions are also deleted from the shared session store, and that
 * the check alone ends a stored session when another instance changed the account.
 */
@ClinicIntegrationTest
class SessionsEndWhenTheAccountChangesTests {

	private static final String NEW_PASSWORD = "a different passphrase chosen later";

	private static final String INBOX = "/staff/inquiries";

	@Autowired
	MockMvc mvc;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	SettableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PublicKeyCredentialUserEntityRepository userEntities;

	@Autowired
	UserCredentialRepository credentials;

	@LocalServerPort
	int port;

	@Test
	void changingYourOwnPasswordEndsYourOtherSessionsAndKeepsThisOne() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Two Computers", StaffRole.STAFF);
		MockHttpSession here = StaffSessions.signIn(mvc, email);
		MockHttpSession elsewhere = StaffSessions.signIn(mvc, email);
		assertSignedIn(elsewhere);

		changeOwnPassword(here);

		assertEnded(elsewhere);
		assertSignedIn(here);
	}

	@Test
	void settingUpTheAuthenticatorAppAgainEndsYourOtherSessionsAndKeepsThisOne() throws Exception {
		String email = StaffTestAccounts.create(accounts, "New Phone", StaffRole.STAFF);
		MockHttpSession here = StaffSessions.signIn(mvc, email);
		MockHttpSession elsewhere = StaffSessions.signIn(mvc, email);
		assertSignedIn(elsewhere);

		StaffSessions.enrolApp(mvc, here, email);

		assertEnded(elsewhere);
		assertSignedIn(here);
	}

	@Test
	void newRecoveryCodesEndYourOtherSessionsAndKeepThisOne() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Fresh Codes", StaffRole.STAFF);
		MockHttpSession here = StaffSessions.signIn(mvc, email);
		MockHttpSession elsewhere = StaffSessions.signIn(mvc, email);
		assertSignedIn(elsewhere);

		mvc.perform(post(SecurityPageController.PATH + "/recovery-codes").session(here).with(csrf()))
			.andExpect(redirectedUrl(SecurityPageController.PATH + "/recovery-codes"));

		assertEnded(elsewhere);
		assertThat(StaffSessions.page(mvc, here, SecurityPageController.PATH + "/recovery-codes"))
			.as("the codes, still shown to the session that made them")
			.contains("recovery-codes.txt");
	}

	@Test
	void removingAPasskeyEndsYourOtherSessionsAndKeepsThisOne() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Lost Key", StaffRole.STAFF);
		MockHttpSession here = StaffSessions.signIn(mvc, email);
		String passkey = addPasskey(email);
		MockHttpSession elsewhere = StaffSessions.signIn(mvc, email);
		assertSignedIn(elsewhere);

		mvc.perform(post(SecurityPageController.PATH + "/passkeys/" + passkey + "/delete").session(here).with(csrf()))
			.andExpect(redirectedUrl(SecurityPageController.PATH));

		assertThat(credentials.findByCredentialId(Bytes.fromBase64(passkey))).as("the passkey").isNull();
		assertEnded(elsewhere);
		assertSignedIn(here);
	}

	/** One more of the family: taking a factor away, here the app while a passkey remains. */
	@Test
	void switchingTheAppOffEndsYourOtherSessionsAndKeepsThisOne() throws Exception {
		String email = StaffTestAccounts.create(accounts, "App Off", StaffRole.STAFF);
		MockHttpSession here = StaffSessions.signIn(mvc, email);
		addPasskey(email);
		MockHttpSession elsewhere = StaffSessions.signIn(mvc, email);
		assertSignedIn(elsewhere);

		mvc.perform(post(SecurityPageController.PATH + "/app/off").session(here).with(csrf()))
			.andExpect(redirectedUrl(SecurityPageController.PATH));

		assertEnded(elsewhere);
		assertSignedIn(here);
	}

	/**
	 * Another tab of the session making the change: its request loaded its copy of the session before the change
	 * saved the new epoch into it (the session is saved when a request ends), so it still carries the epoch before.
	 * The change keeps the session making it, so that request goes through and takes the new epoch; another
	 * computer's session, one epoch behind as well, is ended. {@code StaffRaceTests}' two passkeys removed at once
	 * found the tab ended.
	 */
	@Test
	void aRequestOfTheSessionMakingTheChangeThatStillCarriesTheEpochBeforeStaysSignedIn() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Two Tabs", StaffRole.STAFF);
		MockHttpSession here = StaffSessions.signIn(mvc, email);
		String passkey = addPasskey(email);
		MockHttpSession elsewhere = StaffSessions.signIn(mvc, email);
		Object epochBefore = here.getAttribute(SignInEvents.SESSION_EPOCH);

		mvc.perform(post(SecurityPageController.PATH + "/passkeys/" + passkey + "/delete").session(here).with(csrf()))
			.andExpect(redirectedUrl(SecurityPageController.PATH));
		here.setAttribute(SignInEvents.SESSION_EPOCH, epochBefore);

		assertSignedIn(here);
		assertThat(here.getAttribute(SignInEvents.SESSION_EPOCH)).as("the new epoch, given to the tab")
			.isEqualTo(accounts.byEmail(email).orElseThrow().getSessionEpoch())
			.isNotEqualTo(epochBefore);
		assertEnded(elsewhere);
	}

	/** The same for another of the person's own changes, their password, made in one tab while another loads. */
	@Test
	void aTabOfTheSessionChangingItsPasswordStaysSignedIn() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Password Tabs", StaffRole.STAFF);
		MockHttpSession here = StaffSessions.signIn(mvc, email);
		MockHttpSession elsewhere = StaffSessions.signIn(mvc, email);
		Object epochBefore = here.getAttribute(SignInEvents.SESSION_EPOCH);

		changeOwnPassword(here);
		here.setAttribute(SignInEvents.SESSION_EPOCH, epochBefore);

		assertSignedIn(here);
		assertEnded(elsewhere);
	}

	/** Only from exactly the epoch before: the same session two of its own changes behind is ended. */
	@Test
	void theSessionThatMadeTwoChangesIsEndedWhenItCarriesTheEpochFromBeforeBoth() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Two Changes", StaffRole.STAFF);
		MockHttpSession here = StaffSessions.signIn(mvc, email);
		Object epochBefore = here.getAttribute(SignInEvents.SESSION_EPOCH);
		for (int change = 0; change < 2; change++) {
			mvc.perform(post(SecurityPageController.PATH + "/recovery-codes").session(here).with(csrf()))
				.andExpect(redirectedUrl(SecurityPageController.PATH + "/recovery-codes"));
		}

		here.setAttribute(SignInEvents.SESSION_EPOCH, epochBefore);

		assertEnded(here);
	}

	/**
	 * An administrator's change after the person's own ends the session that made the person's: the epoch it raised
	 * is no longer the account's last.
	 */
	@Test
	void anAdministratorsChangeAfterYourOwnEndsTheSessionThatMadeYours() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Privacy Officer", StaffRole.ADMIN);
		String person = StaffTestAccounts.create(accounts, "Own Then Reset", StaffRole.STAFF);
		MockHttpSession here = StaffSessions.signIn(mvc, person);
		MockHttpSession adminSession = StaffSessions.signIn(mvc, admin);
		mvc.perform(post(SecurityPageController.PATH + "/recovery-codes").session(here).with(csrf()))
			.andExpect(redirectedUrl(SecurityPageController.PATH + "/recovery-codes"));
		assertSignedIn(here);
		long id = accounts.byEmail(person).orElseThrow().getId();

		mvc.perform(post(UsersController.PATH + "/" + id + "/second-factors/reset").session(adminSession).with(csrf()))
			.andExpect(redirectedUrl(UsersController.PATH));

		assertEnded(here);
	}

	@ParameterizedTest
	@ValueSource(strings = { "password", "second-factors/reset", "disable" })
	void anAdministratorsChangeToSomeoneEndsAllTheirSessions(String change) throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Privacy Officer", StaffRole.ADMIN);
		String person = StaffTestAccounts.create(accounts, "Front Desk", StaffRole.STAFF);
		MockHttpSession first = StaffSessions.signIn(mvc, person);
		MockHttpSession second = StaffSessions.signIn(mvc, person);
		MockHttpSession adminSession = StaffSessions.signIn(mvc, admin);
		long id = accounts.byEmail(person).orElseThrow().getId();
		assertSignedIn(first);

		mvc.perform(post(UsersController.PATH + "/" + id + "/" + change).session(adminSession)
			.with(csrf())
			.param("temporaryPassword", "a temporary passphrase for them")).andExpect(redirectedUrl(UsersController.PATH));

		MvcResult options = mvc.perform(post("/webauthn/register/options").session(first).with(csrf())).andReturn();
		assertThat(options.getResponse().getStatus()).as("passkey options for an ended session").isNotEqualTo(200);
		assertThat(userEntities.findByUsername(person)).as("no passkey user made for it").isNull();
		assertThat(first.isInvalid()).isTrue();
		assertEnded(second);
		assertSignedIn(adminSession);
	}

	/**
	 * The example of the issue: the passkey endpoints are Spring Security filters, before Spring MVC, and an
	 * ended session must not add its own passkey there (one that would work again once the account is enabled).
	 */
	@Test
	void anEndedSessionIsRefusedPasskeyRegistrationWhichRunsBeforeSpringMvc() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Ended Registrar", StaffRole.STAFF);
		MockHttpSession here = StaffSessions.signIn(mvc, email);
		MockHttpSession elsewhere = StaffSessions.signIn(mvc, email);
		mvc.perform(post(SecurityPageController.PATH + "/recovery-codes").session(here).with(csrf()))
			.andExpect(status().is3xxRedirection());

		MvcResult options = mvc.perform(post("/webauthn/register/options").session(elsewhere).with(csrf()))
			.andReturn();
		MvcResult register = mvc.perform(post("/webauthn/register").session(elsewhere)
			.with(csrf())
			.contentType("application/json")
			.content("{\"publicKey\":{\"label\":\"Thief's key\"}}")).andReturn();

		assertThat(options.getResponse().getStatus()).as("the options").isNotEqualTo(200);
		assertThat(options.getResponse().getContentAsString()).doesNotContain("challenge");
		assertThat(register.getResponse().getStatus()).as("the registration").isNotEqualTo(200);
		assertThat(userEntities.findByUsername(email)).as("no passkey user made for the ended session").isNull();
		// the session that made the change still may
		mvc.perform(post("/webauthn/register/options").session(here).with(csrf())).andExpect(status().isOk());
	}

	@Test
	void aFormTypedInASessionThatEndedThisWayIsKeptForAfterSignIn() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Draft Writer", StaffRole.ADMIN);
		MockHttpSession here = StaffSessions.signIn(mvc, admin);
		MockHttpSession elsewhere = StaffSessions.signIn(mvc, admin);
		String page = StaffSessions.page(mvc, elsewhere, UsersController.PATH);
		mvc.perform(post(SecurityPageController.PATH + "/recovery-codes").session(here).with(csrf()))
			.andExpect(status().is3xxRedirection());

		MvcResult refused = StaffSessions.send(mvc, elsewhere, page, UsersController.PATH,
				Map.of("displayName", "Typed Before The End"));

		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/login?sessionEnded");
		MvcResult signIn = StaffSessions.signInAgain(mvc, StaffSessions.sessionOf(refused), admin);
		assertThat(signIn.getResponse().getRedirectedUrl()).isEqualTo(UsersController.PATH);
		assertThat(StaffSessions.page(mvc, StaffSessions.sessionOf(signIn), UsersController.PATH))
			.contains("value=\"Typed Before The End\"");
	}

	@Test
	void overARealConnectionYourOwnPasswordChangeDeletesYourOtherStoredSessionsOnly() {
		String email = StaffTestAccounts.create(accounts, "Stored Twice", StaffRole.STAFF);
		Browser here = Browser.signedIn(this, email);
		Browser elsewhere = Browser.signedIn(this, email);
		String page = here.get(PasswordController.PATH).body();
		String elsewhereToken = Browser.csrfOf(elsewhere.get(INBOX).body());

		HttpResponse<String> changed = here.post(PasswordController.PATH,
				Map.of("_csrf", Browser.csrfOf(page), "currentPassword", StaffTestAccounts.PASSWORD, "newPassword",
						NEW_PASSWORD, "confirmPassword", NEW_PASSWORD));

		assertThat(changed.headers().firstValue("Location")).hasValueSatisfying(
				location -> assertThat(location).endsWith(INBOX));
		assertThat(storedRows(elsewhere)).as("the other session, gone for every instance").isZero();
		assertThat(storedRows(here)).as("the session that made the change").isOne();
		assertThat(here.get(INBOX).statusCode()).isEqualTo(200);
		HttpResponse<String> options = elsewhere.copy().postJson("/webauthn/register/options", elsewhereToken);
		assertThat(options.statusCode()).as("passkey options for the ended session").isNotEqualTo(200);
		assertThat(options.body()).doesNotContain("challenge");
		assertThat(userEntities.findByUsername(email)).isNull();
		assertEndedOnTheServer(elsewhere);
	}

	@Test
	void overARealConnectionDisablingAnAccountDeletesAllItsStoredSessions() {
		String admin = StaffTestAccounts.create(accounts, "Privacy Officer", StaffRole.ADMIN);
		String person = StaffTestAccounts.create(accounts, "Leaving", StaffRole.STAFF);
		Browser first = Browser.signedIn(this, person);
		Browser second = Browser.signedIn(this, person);
		Browser administrator = Browser.signedIn(this, admin);
		long id = accounts.byEmail(person).orElseThrow().getId();
		String users = administrator.get(UsersController.PATH).body();

		administrator.post(UsersController.PATH + "/" + id + "/disable", Map.of("_csrf", Browser.csrfOf(users)));

		assertThat(storedRows(first)).isZero();
		assertThat(storedRows(second)).isZero();
		assertEndedOnTheServer(first);
		assertEndedOnTheServer(second);
		assertThat(administrator.get(UsersController.PATH).statusCode()).isEqualTo(200);
	}

	/**
	 * Another instance made the change (the epoch in the shared database is raised) and its clean-up of the store
	 * has not reached this session: the check on the next request ends it anyway, and deletes it from the store.
	 */
	@Test
	void overARealConnectionAStoredSessionWhoseAccountChangedElsewhereEndsOnItsNextRequest() {
		String email = StaffTestAccounts.create(accounts, "Other Instance", StaffRole.STAFF);
		Browser browser = Browser.signedIn(this, email);
		String token = Browser.csrfOf(browser.get(INBOX).body());
		jdbc.sql("update staff_account set session_epoch = session_epoch + 1 where email = ?").param(email).update();
		assertThat(storedRows(browser)).isOne();

		HttpResponse<String> options = browser.copy().postJson("/webauthn/register/options", token);

		assertThat(options.statusCode()).isNotEqualTo(200);
		assertThat(storedRows(browser)).as("the session, deleted from the store by the check").isZero();
		assertThat(options.body()).doesNotContain("challenge");
		assertThat(userEntities.findByUsername(email)).isNull();
		assertEndedOnTheServer(browser);
	}

	/**
	 * The account is read once per request and handed to the rest of it (the layout's name, the access trail), never
	 * kept for the next request: disabled elsewhere (straight in the shared database, as another instance would),
	 * the very next request of a session that has just shown pages is refused, the pages just before it read the
	 * account as it was, and an ended session is not brought back by anything the request before read.
	 */
	@Test
	void overARealConnectionAnAccountDisabledElsewhereIsRefusedOnTheVeryNextRequestThoughEachPageReadItOnce() {
		String email = StaffTestAccounts.create(accounts, "Read Once", StaffRole.STAFF);
		Browser browser = Browser.signedIn(this, email);
		assertThat(browser.get(INBOX).body()).as("the layout's name, from the request's one read").contains("Read Once");
		assertThat(browser.get(INBOX).statusCode()).isEqualTo(200);

		String session = browser.sessionId();
		jdbc.sql("update staff_account set enabled = false where email = ?").param(email).update();

		assertEndedOnTheServer(browser);
		assertThat(jdbc.sql("select count(*) from spring_session where session_id = ?").param(session)
			.query(Integer.class)
			.single()).as("the session, deleted from the store by the check").isZero();
	}

	/**
	 * The store indexes a session under its person's email, which may be as long as the form allows (254
	 * characters), not only the 100 of Spring Session's own schema: such a person signs in, and is found and ended.
	 */
	@Test
	void overARealConnectionALongEmailAddressIsIndexedSoItsSessionsAreFoundAndEnded() {
		String admin = StaffTestAccounts.create(accounts, "Privacy Officer", StaffRole.ADMIN);
		String email = "a".repeat(64) + "@" + "front-desk-of-the-physiotherapy-and-foot-clinic.".repeat(3)
				+ UUID.randomUUID() + ".ca";
		String link = accounts.invite(email, "Long Address", StaffRole.STAFF).link();
		accounts.choosePasswordWithLink(StaffTestAccounts.tokenOf(link), StaffTestAccounts.PASSWORD);
		long id = accounts.byEmail(email).orElseThrow().getId();
		assertThat(email.length()).isGreaterThan(200);
		Browser person = Browser.signedIn(this, email);
		Browser administrator = Browser.signedIn(this, admin);
		String users = administrator.get(UsersController.PATH).body();

		administrator.post(UsersController.PATH + "/" + id + "/second-factors/reset",
				Map.of("_csrf", Browser.csrfOf(users)));

		assertThat(storedRows(person)).isZero();
		assertEndedOnTheServer(person);
	}

	/** The person changes their own password on the password page, signed in as {@code session}. */
	private void changeOwnPassword(MockHttpSession session) throws Exception {
		mvc.perform(post(PasswordController.PATH).session(session)
			.with(csrf())
			.param("currentPassword", StaffTestAccounts.PASSWORD)
			.param("newPassword", NEW_PASSWORD)
			.param("confirmPassword", NEW_PASSWORD)).andExpect(redirectedUrl(INBOX));
	}

	private void assertSignedIn(MockHttpSession session) throws Exception {
		mvc.perform(get(INBOX).session(session)).andExpect(status().isOk());
	}

	/** The very next request of an ended session is sent to sign-in, told that its session ended. */
	private void assertEnded(MockHttpSession session) throws Exception {
		mvc.perform(get(INBOX).session(session)).andExpect(redirectedUrl("/login?expired"));
		assertThat(session.isInvalid()).as("the session").isTrue();
	}

	private static void assertEndedOnTheServer(Browser browser) {
		HttpResponse<String> inbox = browser.get(INBOX);
		assertThat(inbox.statusCode()).isEqualTo(302);
		assertThat(inbox.headers().firstValue("Location")).hasValueSatisfying(
				location -> assertThat(location).endsWith("/login?expired"));
	}

	private int storedRows(Browser browser) {
		return jdbc.sql("select count(*) from spring_session where session_id = ?")
			.param(browser.sessionId())
			.query(Integer.class)
			.single();
	}

	/** A passkey for the account, stored as Spring Security's registration stores one; returns its id. */
	private String addPasskey(String email) {
		Bytes userId = Bytes.random();
		userEntities.save(ImmutablePublicKeyCredentialUserEntity.builder()
			.name(email)
			.id(userId)
			.displayName(email)
			.build());
		Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Bytes credentialId = Bytes.random();
		credentials.save(StoredPasskeys.credential(credentialId, userId, "Reception computer", created));
		return credentialId.toBase64UrlString();
	}

	/** Just enough of a browser for the real server: one session cookie, forms sent with the page's token. */
	private static final class Browser extends StaffHttpBrowser {

		private Browser(LiveServer server) {
			super(server);
		}

		static Browser signedIn(SessionsEndWhenTheAccountChangesTests test, String email) {
			Browser browser = new Browser(new LiveServer(test.port));
			browser.signIn(email, test.clock);
			assertThat(browser.get(INBOX).statusCode()).as("signed in").isEqualTo(200);
			return browser;
		}

		/** Another tab of this browser: the same cookie, kept apart from now on. */
		Browser copy() {
			Browser copy = new Browser(server);
			copy.cookie = cookie;
			return copy;
		}

		/** As the passkey page's script posts: JSON, the CSRF token in a header, no body. */
		HttpResponse<String> postJson(String path, String csrf) {
			return postJson(path, csrf, "");
		}

	}

}

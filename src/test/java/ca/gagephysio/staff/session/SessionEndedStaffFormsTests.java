package ca.gagephysio.staff.session;

import ca.gagephysio.staff.account.PasswordController;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import ca.gagephysio.staff.account.UsersController;
import ca.gagephysio.staff.signin.SignInEvents;
import ca.gagephysio.staff.signin.StaffHttpBrowser;
import ca.gagephysio.staff.signin.StaffSessions;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.LiveServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Issue 9, item 2, for the back office's own forms and its refusals: what was typed survives the session ending
 * (never a password), the absolute time-out keeps it too, and every refusal speaks the back office's words.
 */
@ClinicIntegrationTest
class SessionEndedStaffFormsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	ca.gagephysio.SettableClock clock;

	@LocalServerPort
	int port;

	@Test
	void aNewStaffMemberTypedBeforeTheSessionEndedComesBackAsTypedAndIsNotInvitedYet() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Privacy Officer", StaffRole.ADMIN);
		String newcomer = "kept-" + UUID.randomUUID() + "@test.gagephysio.ca";
		MockHttpSession session = StaffSessions.signIn(mvc, admin);
		String page = StaffSessions.page(mvc, session, UsersController.PATH);

		MvcResult refused = StaffSessions.sendAfterSessionEnded(mvc, session, page, UsersController.PATH,
				Map.of("email", newcomer, "displayName", "Kept O'Brien", "role", "ADMIN"));

		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/login?sessionEnded");
		MockHttpSession afterward = StaffSessions.sessionOf(refused);
		MvcResult signIn = StaffSessions.signInAgain(mvc, afterward, admin);
		assertThat(signIn.getResponse().getRedirectedUrl()).isEqualTo(UsersController.PATH);
		String restored = StaffSessions.page(mvc, StaffSessions.sessionOf(signIn), UsersController.PATH);
		assertThat(restored).contains("value=\"" + newcomer + "\"")
			.contains("value=\"Kept O'Brien\"")
			.containsPattern("value=\"ADMIN\"\\s+selected=\"selected\"");
		assertThat(accounts.byEmail(newcomer)).isEmpty();
	}

	@Test
	void aPasswordChangeSentAfterTheSessionEndedKeepsNoPasswordOnlyThePage() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Dana Front-Desk", StaffRole.STAFF);
		MockHttpSession session = StaffSessions.signIn(mvc, email);
		String page = StaffSessions.page(mvc, session, PasswordController.PATH);
		String chosen = "my brand new chosen passphrase";

		MvcResult refused = StaffSessions.sendAfterSessionEnded(mvc, session, page, PasswordController.PATH,
				Map.of("currentPassword", StaffTestAccounts.PASSWORD, "newPassword", chosen, "confirmPassword",
						chosen));

		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/login?sessionEnded");
		MockHttpSession afterward = StaffSessions.sessionOf(refused);
		assertThat(afterward.getAttribute(FormDrafts.SESSION_ATTRIBUTE)).isInstanceOfSatisfying(FormDraft.class,
				draft -> assertThat(draft.fields()).isEmpty());
		assertThat(everythingIn(afterward)).doesNotContain(StaffTestAccounts.PASSWORD, chosen);
		MvcResult signIn = StaffSessions.signInAgain(mvc, afterward, email);
		assertThat(signIn.getResponse().getRedirectedUrl()).isEqualTo(PasswordController.PATH);
		assertThat(StaffSessions.page(mvc, StaffSessions.sessionOf(signIn), PasswordController.PATH))
			.doesNotContain(StaffTestAccounts.PASSWORD, chosen);
	}

	@Test
	void aFormSentPastTheAbsoluteTimeOutIsKeptLikeOneSentPastTheIdleTimeOut() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Privacy Officer", StaffRole.ADMIN);
		MockHttpSession session = StaffSessions.signIn(mvc, admin);
		String page = StaffSessions.page(mvc, session, UsersController.PATH);
		session.setAttribute(SignInEvents.SIGNED_IN_AT, Instant.now().minus(Duration.ofHours(11)));
		var form = post(UsersController.PATH).session(session).param("displayName", "Absolute Al");
		StaffSessions.formFieldsWithToken(page, UsersController.PATH).forEach(form::param);

		MvcResult refused = mvc.perform(form).andReturn();

		assertThat(session.isInvalid()).isTrue();
		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/login?sessionEnded");
		MvcResult signIn = StaffSessions.signInAgain(mvc, StaffSessions.sessionOf(refused), admin);
		assertThat(StaffSessions.page(mvc, StaffSessions.sessionOf(signIn), UsersController.PATH))
			.contains("value=\"Absolute Al\"");
	}

	@Test
	void aFormWhoseTokenWentStaleWhileStillSignedInComesBackFilledInAndAForgedOneIsRefused() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Privacy Officer", StaffRole.ADMIN);
		MockHttpSession session = StaffSessions.signIn(mvc, admin);
		String page = StaffSessions.page(mvc, session, UsersController.PATH);
		var stale = post(UsersController.PATH).session(session).param("_csrf", "a token from before").param(
				"displayName", "Stale Tab");
		StaffSessions.hiddenFields(page, UsersController.PATH).forEach(stale::param);

		MvcResult back = mvc.perform(stale).andReturn();

		assertThat(back.getResponse().getRedirectedUrl()).isEqualTo(UsersController.PATH);
		assertThat(StaffSessions.page(mvc, session, UsersController.PATH)).contains("value=\"Stale Tab\"");

		MvcResult forged = mvc.perform(post(UsersController.PATH).session(session)
			.param("_returnTo", UsersController.PATH)
			.param("_draftOwner", "made-up")
			.param("displayName", "Forged")).andReturn();

		assertThat(forged.getResponse().getStatus()).isEqualTo(403);
		assertThat(forged.getResponse().getForwardedUrl()).isEqualTo(SignInEvents.FORBIDDEN_PATH);
		assertThat(StaffSessions.page(mvc, session, UsersController.PATH)).doesNotContain("Forged");
	}

	@Test
	void onlyFormsThatPostCarryTheDraftFieldsSoNoSearchAddressHoldsThem() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Privacy Officer", StaffRole.ADMIN);
		String page = StaffSessions.page(mvc, StaffSessions.signIn(mvc, admin), "/staff/audit");

		assertThat(StaffSessions.hiddenFields(page, "/staff/audit")).isEmpty();
		assertThat(StaffSessions.hiddenFields(page, "/logout")).containsKeys(FormDrafts.RETURN_TO, FormDrafts.OWNER);
	}

	@Test
	void signingOutFromAPageLeftOpenPastTheTimeOutLandsOnTheSignedOutPage() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Dana Front-Desk", StaffRole.STAFF);
		MockHttpSession session = StaffSessions.signIn(mvc, email);
		String page = StaffSessions.page(mvc, session, PasswordController.PATH);

		MvcResult signOut = StaffSessions.sendAfterSessionEnded(mvc, session, page, "/logout", Map.of());

		assertThat(signOut.getResponse().getRedirectedUrl()).isEqualTo("/login?signedOut");
	}

	@Test
	void aFormSentWithAnEndedSessionCookieOnARealServerLeadsToSignInInStaffWordsNeverThePublicErrorPage() {
		LiveServer server = new LiveServer(port);
		Browser browser = new Browser(server);
		String email = StaffTestAccounts.create(accounts, "Dana Front-Desk", StaffRole.STAFF);
		browser.signIn(email);
		String page = browser.get(PasswordController.PATH).body();
		Map<String, String> fields = StaffSessions.hiddenFields(page, PasswordController.PATH);
		browser.cookie = "JSESSIONID=" + UUID.randomUUID().toString().replace("-", "").toUpperCase();

		HttpResponse<String> refused = browser.post(PasswordController.PATH, fields);

		assertThat(refused.statusCode()).isEqualTo(302);
		assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(
				location -> assertThat(location).endsWith("/login?sessionEnded"));
		HttpResponse<String> signInPage = browser.get("/login?sessionEnded");
		assertThat(signInPage.statusCode()).isEqualTo(200);
		assertThat(signInPage.body()).contains("Your session ended")
			.doesNotContain(StaffSessions.PUBLIC_ERROR_WORDING);
	}

	@Test
	void aFrontDeskAccountRefusedAnAdministratorsPageIsToldSoInTheBackOfficesWords() {
		LiveServer server = new LiveServer(port);
		Browser browser = new Browser(server);
		browser.signIn(StaffTestAccounts.create(accounts, "Dana Front-Desk", StaffRole.STAFF));

		HttpResponse<String> users = browser.get(UsersController.PATH);
		HttpResponse<String> audit = browser.get("/staff/audit");

		for (HttpResponse<String> refused : java.util.List.of(users, audit)) {
			assertThat(refused.statusCode()).isEqualTo(403);
			assertThat(refused.body()).contains("Not open to your account", "Sign out")
				.doesNotContain(StaffSessions.PUBLIC_ERROR_WORDING);
		}
	}

	/** Every session attribute as text, to show a secret was not kept anywhere in it. */
	private static String everythingIn(MockHttpSession session) {
		return Collections.list(session.getAttributeNames()).stream().map(name -> {
			Object value = session.getAttribute(name);
			return value instanceof FormDraft draft ? draft.fields().toString() : String.valueOf(value);
		}).collect(Collectors.joining("\n"));
	}

	/** Just enough of a browser for the real server: one cookie, the sign-in form with its token. */
	private final class Browser extends StaffHttpBrowser {

		Browser(LiveServer server) {
			super(server);
		}

		void signIn(String email) {
			signIn(email, clock);
		}

	}

}

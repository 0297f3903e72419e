package ca.gagephysio.staff.account;

import ca.gagephysio.staff.signin.StaffSecurityTests;
import ca.gagephysio.staff.signin.StaffSessions;
import ca.gagephysio.staff.secondfactor.SecurityPageController;
import ca.gagephysio.staff.secondfactor.SecondFactorRule;
import ca.gagephysio.staff.signin.SignInEvents;

import java.util.UUID;

import ca.gagephysio.ClinicIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@ClinicIntegrationTest
class UserManagementTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	StaffAccounts accounts;

	@Test
	void theFirstAdministratorComesFromTheConfiguredEmailAndPassword() throws Exception {
		assertThat(accounts.byEmail("admin@test.gagephysio.ca")).hasValueSatisfying(admin -> {
			assertThat(admin.getRole()).isEqualTo(StaffRole.ADMIN);
			assertThat(admin.isMustChangePassword()).isFalse();
		});
		signIn("admin@test.gagephysio.ca", "correct horse battery staple", "203.0.113.1");
	}

	/** Only a hand-made post sends a role that is not in the list; it gets the form back, not an error page. */
	@Test
	void aRoleNotInTheListGivesTheFormBackWithAMessageAndWhatWasTyped() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Careful Officer", StaffRole.ADMIN);
		String wanted = "owner-" + UUID.randomUUID() + "@test.gagephysio.ca";

		MvcResult refused = mvc.perform(post("/staff/users").with(StaffTestAccounts.signedIn(admin, "ADMIN", "STAFF"))
			.with(csrf())
			.param("email", wanted)
			.param("displayName", "Would Be Owner")
			.param("role", "OWNER")).andReturn();

		assertThat(refused.getResponse().getStatus()).isEqualTo(200);
		assertThat(refused.getResponse().getContentAsString()).contains("Choose one of the roles listed.")
			.contains("value=\"" + wanted + "\"", "value=\"Would Be Owner\"");
		assertThat(accounts.byEmail(wanted)).isEmpty();
	}

	/** The same family on "My account": a choice that is neither true nor false changes nothing, and says so. */
	@Test
	void anUnreadableChoiceOnMyAccountChangesNothingAndSaysSo() throws Exception {
		String email = StaffTestAccounts.createWithNewInquiryEmails(accounts, "Careful Choice", StaffRole.STAFF);

		MvcResult refused = mvc.perform(post("/staff/account").with(StaffTestAccounts.signedIn(email, "STAFF"))
			.with(csrf())
			.param("newInquiryEmails", "maybe")).andReturn();

		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo(AccountController.PATH);
		assertThat(refused.getFlashMap().get("problem")).isEqualTo("staff.account.unreadable");
		assertThat(accounts.byEmail(email).orElseThrow().isNewInquiryEmails()).isTrue();
	}

	@Test
	void anAdminInvitesAStaffMemberWhoChoosesTheirOwnPasswordThroughTheLinkThenEnrolsASecondFactor()
			throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Privacy Officer", StaffRole.ADMIN);
		String newcomer = "new-" + UUID.randomUUID() + "@test.gagephysio.ca";

		MvcResult invited = mvc.perform(post("/staff/users").with(StaffTestAccounts.signedIn(admin, "ADMIN", "STAFF"))
			.with(csrf())
			.param("email", newcomer)
			.param("displayName", "New Person")
			.param("role", "STAFF")).andExpect(redirectedUrl("/staff/users")).andReturn();
		String link = ((UsersController.FreshLink) invited.getFlashMap().get(UsersController.FRESH_LINK)).link();

		MockHttpSession browser = new MockHttpSession();
		mvc.perform(get(link).session(browser)).andExpect(redirectedUrl(StaffInvitations.PATH));
		mvc.perform(post(StaffInvitations.PATH).session(browser)
			.with(csrf())
			.param("newPassword", "my own chosen passphrase")
			.param("confirmPassword", "my own chosen passphrase"))
			.andExpect(redirectedUrl("/login?" + SignInEvents.PASSWORD_CHOSEN));

		MockHttpSession session = signIn(newcomer, "my own chosen passphrase", "203.0.113.2");
		// a second factor, enrolled before anything else opens
		mvc.perform(get("/staff/inquiries").session(session)).andExpect(redirectedUrl(SecondFactorRule.STEP_PATH));
		mvc.perform(get(SecondFactorRule.STEP_PATH).session(session))
			.andExpect(redirectedUrl(SecurityPageController.PATH));
		session = StaffSessions.sessionOf(StaffSessions.enrolApp(mvc, session, newcomer));
		mvc.perform(get("/staff/inquiries").session(session)).andExpect(status().isOk());
	}

	@Test
	void aCommonPasswordChosenThroughTheLinkIsRefusedWithAMessageAndTheLinkStillWorks() throws Exception {
		String newcomer = "weak-" + UUID.randomUUID() + "@test.gagephysio.ca";
		String link = accounts.invite(newcomer, "Weak Password", StaffRole.STAFF).link();
		MockHttpSession browser = new MockHttpSession();
		mvc.perform(get(link).session(browser));

		String page = mvc.perform(post(StaffInvitations.PATH).session(browser)
			.with(csrf())
			.param("newPassword", "password1234")
			.param("confirmPassword", "password1234"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(page).contains("That password is one of the most common ones");
		mvc.perform(post(StaffInvitations.PATH).session(browser)
			.with(csrf())
			.param("newPassword", "a far better passphrase")
			.param("confirmPassword", "a far better passphrase"))
			.andExpect(redirectedUrl("/login?" + SignInEvents.PASSWORD_CHOSEN));
	}

	@Test
	void resettingAPasswordEndsThePersonsOpenSessionStopsTheOldPasswordAndSendsANewLink() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Privacy Officer", StaffRole.ADMIN);
		String staff = StaffTestAccounts.create(accounts, "Front Desk", StaffRole.STAFF);
		MockHttpSession session = StaffSessions.signIn(mvc, staff);
		long id = accounts.byEmail(staff).orElseThrow().getId();

		MvcResult reset = mvc.perform(post("/staff/users/{id}/password", id)
			.with(StaffTestAccounts.signedIn(admin, "ADMIN", "STAFF"))
			.with(csrf())).andExpect(redirectedUrl("/staff/users")).andReturn();

		mvc.perform(get("/staff/inquiries").session(session)).andExpect(redirectedUrl("/login?expired"));
		mvc.perform(post("/login").with(csrf())
			.with(request -> StaffSecurityTests.remote(request, "203.0.113.5"))
			.param("email", staff)
			.param("password", StaffTestAccounts.PASSWORD)).andExpect(redirectedUrl("/login?error"));
		String link = ((UsersController.FreshLink) reset.getFlashMap().get(UsersController.FRESH_LINK)).link();
		accounts.choosePasswordWithLink(StaffTestAccounts.tokenOf(link), "my replacement passphrase");
		signIn(staff, "my replacement passphrase", "203.0.113.6");
	}

	/**
	 * An administrator's own reset would void the password their session signed in with and end that session; a
	 * sole administrator without a mail server would be locked out for good. Refused with a message, and not offered.
	 */
	@Test
	void anAdministratorCannotResetTheirOwnPasswordFromTheStaffList() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Only Administrator", StaffRole.ADMIN);
		MockHttpSession session = StaffSessions.signIn(mvc, admin);
		long id = accounts.byEmail(admin).orElseThrow().getId();
		assertThat(StaffSessions.page(mvc, session, "/staff/users"))
			.doesNotContain("/staff/users/" + id + "/password\"");

		MvcResult refused = mvc.perform(post("/staff/users/{id}/password", id).session(session).with(csrf()))
			.andExpect(redirectedUrl("/staff/users"))
			.andReturn();

		assertThat(refused.getFlashMap().get("problem")).isEqualTo("staff.users.cannot-reset-own-password");
		assertThat(refused.getFlashMap().get(UsersController.FRESH_LINK)).isNull();
		mvc.perform(get("/staff/inquiries").session(session)).andExpect(status().isOk());
		signIn(admin, StaffTestAccounts.PASSWORD, "203.0.113.7");
	}

	@Test
	void aDisabledAccountCanNoLongerSignIn() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Privacy Officer", StaffRole.ADMIN);
		String staff = StaffTestAccounts.create(accounts, "Leaving Soon", StaffRole.STAFF);
		long id = accounts.byEmail(staff).orElseThrow().getId();

		mvc.perform(post("/staff/users/{id}/disable", id).with(StaffTestAccounts.signedIn(admin, "ADMIN", "STAFF")).with(csrf()))
			.andExpect(redirectedUrl("/staff/users"));

		mvc.perform(post("/login").with(csrf())
			.with(request -> StaffSecurityTests.remote(request, "203.0.113.4"))
			.param("email", staff)
			.param("password", StaffTestAccounts.PASSWORD)).andExpect(redirectedUrl("/login?error"));
	}

	@Test
	void changingYourOwnPasswordNeedsTheCurrentOne() throws Exception {
		String staff = StaffTestAccounts.create(accounts, "Front Desk", StaffRole.STAFF);

		String page = mvc.perform(post("/staff/password").with(StaffTestAccounts.signedIn(staff, "STAFF"))
			.with(csrf())
			.param("currentPassword", "not my password at all")
			.param("newPassword", "a brand new passphrase")
			.param("confirmPassword", "a brand new passphrase"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(page).contains("That isn&#39;t your current password");
	}

	private MockHttpSession signIn(String email, String password, String address) throws Exception {
		MvcResult result = mvc.perform(post("/login").with(csrf())
			.with(request -> StaffSecurityTests.remote(request, address))
			.param("email", email)
			.param("password", password)).andExpect(redirectedUrl("/staff/inquiries")).andReturn();
		return (MockHttpSession) result.getRequest().getSession(false);
	}

	@Test
	void theInviteFormGivesEveryFieldItsLabelTypeAndAutofillHintAndAsksForNoPassword() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Form Checker", StaffRole.ADMIN);

		String page = mvc.perform(get("/staff/users").with(StaffTestAccounts.signedIn(admin, "ADMIN", "STAFF")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(page).contains("<label for=\"email\">Email</label>")
			.containsPattern("<input type=\"email\" autocomplete=\"off\"[^>]* id=\"email\" name=\"email\" value=\"\"")
			.containsPattern("<input type=\"text\" autocomplete=\"off\"[^>]* id=\"displayName\" name=\"displayName\"")
			.doesNotContain("type=\"password\"");
	}

}

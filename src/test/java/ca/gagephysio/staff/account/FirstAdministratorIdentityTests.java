package ca.gagephysio.staff.account;

import ca.gagephysio.staff.signin.StaffSecurityTests;
import ca.gagephysio.staff.secondfactor.SecurityPageController;
import ca.gagephysio.staff.secondfactor.SecondFactorRule;
import ca.gagephysio.staff.signin.StaffSessions;

import java.util.List;
import java.util.UUID;

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
 * A first administrator made at start-up without {@code CLINIC_ADMIN_EMAIL} ("Administrator" at a
 * {@code @localhost} placeholder, as {@link FirstAdminAccount} makes it) gives their real name and email at first
 * sign-in, with the password change, before anything else; then signs in with them. (The test context sets
 * {@code CLINIC_ADMIN_EMAIL}, so the account is made here the way {@link FirstAdminAccount} makes it.)
 */
@ClinicIntegrationTest
class FirstAdministratorIdentityTests {

	private static final String START_UP_PASSWORD = "logged once at start-up";

	private static final String CHOSEN = "the owner's own passphrase";

	@Autowired
	MockMvc mvc;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AccountsAtServerStart atServerStart;

	@Test
	void theFirstAdministratorExistsBeforeTheServerTakesItsFirstRequest() {
		assertThat(atServerStart.adminExisted()).as("whether CLINIC_ADMIN_EMAIL's account existed at server start")
			.contains(true);
	}

	@Test
	void thePlaceholderAdministratorGivesTheirNameAndEmailWithTheNewPasswordAndThenSignsInWithThem()
			throws Exception {
		String placeholder = "admin-" + UUID.randomUUID() + "@localhost";
		accounts.addFirstAdmin(placeholder, "Administrator", START_UP_PASSWORD, true, true);
		MockHttpSession session = signIn(placeholder, START_UP_PASSWORD);
		mvc.perform(get("/staff/inquiries").session(session)).andExpect(redirectedUrl(SecondFactorRule.STEP_PATH));
		mvc.perform(get(SecondFactorRule.STEP_PATH).session(session))
			.andExpect(redirectedUrl(PasswordController.PATH));
		String form = StaffSessions.page(mvc, session, PasswordController.PATH);
		assertThat(form).contains("with a placeholder name and email").contains("id=\"displayName\"")
			.contains("id=\"email\"");
		String owner = "owner-" + UUID.randomUUID() + "@test.gagephysio.ca";

		mvc.perform(post(PasswordController.PATH).session(session)
			.with(csrf())
			.param("currentPassword", START_UP_PASSWORD)
			.param("newPassword", CHOSEN)
			.param("confirmPassword", CHOSEN)
			.param("displayName", "Valerie Owner")
			.param("email", owner)).andExpect(redirectedUrl("/staff/inquiries"));

		StaffAccount account = accounts.byEmail(owner).orElseThrow();
		assertThat(account.getDisplayName()).isEqualTo("Valerie Owner");
		assertThat(account.isIdentityToConfirm()).isFalse();
		assertThat(account.isMustChangePassword()).isFalse();
		assertThat(accounts.byEmail(placeholder)).isEmpty();
		// the same session carries on, under the new name, to its second factor
		mvc.perform(get(SecondFactorRule.STEP_PATH).session(session))
			.andExpect(redirectedUrl(SecurityPageController.PATH));
		MockHttpSession enrolled = StaffSessions.sessionOf(StaffSessions.enrolApp(mvc, session, owner));
		mvc.perform(get("/staff/inquiries").session(enrolled)).andExpect(status().isOk());
		assertThat(jdbc.sql("select action from audit_entry where subject_type = 'STAFF_ACCOUNT' and subject_id = ?")
			.param(account.getId())
			.query(String.class)
			.list()).contains("STAFF_IDENTITY_CONFIRMED", "STAFF_PASSWORD_CHANGED");
		mvc.perform(post("/login").with(csrf())
			.with(request -> StaffSecurityTests.remote(request, "203.0.113.81"))
			.param("email", owner)
			.param("password", CHOSEN)).andExpect(redirectedUrl("/staff/inquiries"));
	}

	@Test
	void aMissingNameAndThePlaceholderEmailAreRefusedWithMessagesAndNothingChanges() throws Exception {
		String placeholder = "admin-" + UUID.randomUUID() + "@localhost";
		accounts.addFirstAdmin(placeholder, "Administrator", START_UP_PASSWORD, true, true);
		MockHttpSession session = signIn(placeholder, START_UP_PASSWORD);

		String page = mvc.perform(post(PasswordController.PATH).session(session)
			.with(csrf())
			.param("currentPassword", START_UP_PASSWORD)
			.param("newPassword", CHOSEN)
			.param("confirmPassword", CHOSEN)
			.param("displayName", "")
			.param("email", placeholder))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(page).contains("Enter the person&#39;s name.")
			.contains("Enter your real email, not the placeholder.")
			.contains("value=\"" + placeholder + "\"");
		StaffAccount account = accounts.byEmail(placeholder).orElseThrow();
		assertThat(account.isIdentityToConfirm()).isTrue();
		assertThat(account.isMustChangePassword()).isTrue();
	}

	@Test
	void anAccountWithItsOwnEmailIsNotAskedForIt() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Ordinary", StaffRole.STAFF);

		String form = mvc.perform(get(PasswordController.PATH).with(StaffTestAccounts.signedIn(email, "STAFF")))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(form).doesNotContain("id=\"displayName\"").doesNotContain("placeholder name");
	}

	private MockHttpSession signIn(String email, String password) throws Exception {
		MvcResult result = mvc.perform(post("/login").with(csrf())
			.with(request -> StaffSecurityTests.remote(request, "203.0.113.80"))
			.param("email", email)
			.param("password", password)).andExpect(redirectedUrl("/staff/inquiries")).andReturn();
		return (MockHttpSession) result.getRequest().getSession(false);
	}

}

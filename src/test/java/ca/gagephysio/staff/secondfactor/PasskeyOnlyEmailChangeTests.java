package ca.gagephysio.staff.secondfactor;

import ca.gagephysio.staff.account.AccountController;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import ca.gagephysio.staff.signin.StaffSessions;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.clinic.ClinicFacts;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Someone who signs in with passkeys only (no authenticator app, no recovery codes) changes their own email on "My
 * account" by confirming with one of their passkeys, through the real path: a passkey enrolled and signed in with
 * through Spring's WebAuthn endpoints, the page's own form, request options from the page's endpoint and an
 * assertion from {@link TestAuthenticator}. Only a fresh assertion of the person's own passkey will do.
 */
@ClinicIntegrationTest
class PasskeyOnlyEmailChangeTests {

	private static final int UP_UV = TestAuthenticator.UP | TestAuthenticator.UV;

	private static final String EMAIL_FORM = AccountController.PATH + "/email";

	private static final String OPTIONS = AccountController.PATH + "/email/passkey-options";

	@Autowired
	MockMvc mvc;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	SecondFactors factors;

	@Autowired
	ClinicFacts clinic;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aPasskeyOnlyAccountIsOfferedItsPasskeyNotACodeAndChangesItsEmailWithIt() throws Exception {
		String old = StaffTestAccounts.create(accounts, "Passkey Only Mover", StaffRole.STAFF);
		TestAuthenticator key = enrolledPasskeyOnly(old);
		MockHttpSession other = signInWithPasskey(key, old);
		MockHttpSession session = signInWithPasskey(key, old);
		String page = StaffSessions.page(mvc, session, AccountController.PATH);
		assertThat(page).contains("Confirm with a passkey and change email", "data-passkey-confirm")
			.doesNotContain("name=\"code\"");
		String changed = unique("passkey-moved");

		MvcResult saved = send(session, page,
				Map.of("email", changed, "passkey", assertionFor(session, key)));

		assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo(AccountController.PATH);
		assertThat(StaffSessions.page(mvc, StaffSessions.sessionOf(saved), AccountController.PATH)).contains(changed)
			.contains("Your email is changed.");
		assertThat(accounts.byEmail(old)).isEmpty();
		mvc.perform(get("/staff/inquiries").session(other)).andExpect(redirectedUrl("/login?expired"));
		assertThat(trail(changed)).contains("STAFF_EMAIL_CHANGED by the account holder; from " + old + " to " + changed);
		// the passkey went with the account
		mvc.perform(get("/staff/inquiries").session(signInWithPasskey(key, changed))).andExpect(status().isOk());
	}

	@Test
	void someoneElsesPasskeyAnAnswerUsedTwiceOrNoneAtAllChangesNothingAndKeepsWhatWasTyped() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Passkey Only Stayer", StaffRole.STAFF);
		TestAuthenticator own = enrolledPasskeyOnly(email);
		String stranger = StaffTestAccounts.create(accounts, "Passkey Only Stranger", StaffRole.STAFF);
		TestAuthenticator foreign = enrolledPasskeyOnly(stranger);
		MockHttpSession session = signInWithPasskey(own, email);
		String page = StaffSessions.page(mvc, session, AccountController.PATH);
		String wanted = unique("not-moved");

		// an answer of the person's own passkey whose request was replaced by a newer one, which a stranger's
		// passkey answers: the options name only this person's passkeys, so the stranger's is refused (and uses
		// them up), and the older answer has no open request left
		String stale = assertionFor(session, own);
		MvcResult foreignKey = send(session, page,
				Map.of("email", wanted, "passkey", assertionFor(session, foreign)));
		assertRefused(foreignKey, wanted, "That passkey could not confirm the change");
		MvcResult replayed = send(session, page,
				Map.of("email", wanted, "passkey", stale));
		assertRefused(replayed, wanted, "Confirm with your passkey once more");

		// nothing at all, or something that is not an answer
		assertRefused(send(session, page, Map.of("email", wanted)), wanted,
				"Type a code from your authenticator app, or a recovery code.");
		mvc.perform(post(OPTIONS).session(session).with(csrf())).andExpect(status().isOk());
		assertRefused(send(session, page, Map.of("email", wanted, "passkey", "{")),
				wanted, "That passkey could not confirm the change");

		assertThat(accounts.byEmail(email)).isPresent();
		assertThat(accounts.byEmail(wanted)).isEmpty();
		assertThat(trail(email)).filteredOn(line -> line.startsWith("STAFF_PASSKEY_WRONG"))
			.containsExactly("STAFF_PASSKEY_WRONG changing the email", "STAFF_PASSKEY_WRONG changing the email");
	}

	@Test
	void theOptionsAreOnlyForASignedInPersonWithACsrfToken() throws Exception {
		mvc.perform(post(OPTIONS).with(csrf())).andExpect(redirectedUrl("/login"));
		String email = StaffTestAccounts.create(accounts, "Passkey Options Guard", StaffRole.STAFF);
		TestAuthenticator key = enrolledPasskeyOnly(email);
		mvc.perform(post(OPTIONS).session(signInWithPasskey(key, email))).andExpect(status().isForbidden());
	}

	/**
	 * Sends the page's email form as the browser does once the script has put the passkey's answer in its hidden
	 * {@code passkey} field: each field once, with the value typed or filled in.
	 */
	private MvcResult send(MockHttpSession session, String page, Map<String, String> typed) throws Exception {
		Map<String, String> fields = new LinkedHashMap<>(StaffSessions.formFieldsWithToken(page, EMAIL_FORM));
		fields.putAll(typed);
		MockHttpServletRequestBuilder request = post(EMAIL_FORM).session(session);
		fields.forEach(request::param);
		return mvc.perform(request).andReturn();
	}

	private void assertRefused(MvcResult result, String typed, String message) throws Exception {
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(result.getResponse().getContentAsString().replace("&#39;", "'")).contains(message)
			.contains("value=\"" + typed + "\"");
	}

	/**
	 * An account whose only factor is a passkey: enrolled with its password while it has no factor yet, as a new
	 * colleague on a phone with a fingerprint does.
	 */
	private TestAuthenticator enrolledPasskeyOnly(String email) throws Exception {
		MvcResult password = mvc.perform(post("/login").with(csrf())
			.param("email", email)
			.param("password", StaffTestAccounts.PASSWORD)).andReturn();
		MockHttpSession enrolling = StaffSessions.sessionOf(password);
		String options = mvc.perform(post("/webauthn/register/options").session(enrolling).with(csrf()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		TestAuthenticator key = new TestAuthenticator();
		mvc.perform(post("/webauthn/register").session(enrolling)
			.with(csrf())
			.contentType("application/json")
			.content(key.registration(JsonPath.read(options, "$.rp.id"), origin(), JsonPath.read(options, "$.challenge"),
					UP_UV, "My phone")))
			.andExpect(status().isOk());
		long id = accounts.byEmail(email).orElseThrow().getId();
		assertThat(factors.hasApp(id)).isFalse();
		assertThat(factors.recoveryCodesLeft(id)).as("passkeys only").isZero();
		return key;
	}

	/** A passkey sign-in from a new browser session; returns the signed-in session. */
	private MockHttpSession signInWithPasskey(TestAuthenticator key, String email) throws Exception {
		MockHttpSession session = new MockHttpSession();
		String options = mvc.perform(post("/webauthn/authenticate/options").session(session).with(csrf()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		MvcResult signedIn = mvc.perform(post("/login/webauthn").session(session)
			.with(csrf())
			.contentType("application/json")
			.content(key.assertion(JsonPath.read(options, "$.rpId"), origin(), JsonPath.read(options, "$.challenge"),
					UP_UV, handleOf(email))))
			.andReturn();
		assertThat(signedIn.getResponse().getStatus()).as("passkey sign-in").isEqualTo(200);
		return (MockHttpSession) signedIn.getRequest().getSession();
	}

	/** What the page's script does: asks for options, lets the passkey answer them; returns the answer's JSON. */
	private String assertionFor(MockHttpSession session, TestAuthenticator key) throws Exception {
		MvcResult options = mvc.perform(post(OPTIONS).session(session).with(csrf())).andReturn();
		assertThat(options.getResponse().getStatus()).isEqualTo(200);
		String json = options.getResponse().getContentAsString();
		assertThat((String) JsonPath.read(json, "$.userVerification")).isEqualTo("required");
		assertThat((List<?>) JsonPath.read(json, "$.allowCredentials")).hasSize(1);
		return key.assertion(JsonPath.read(json, "$.rpId"), origin(), JsonPath.read(json, "$.challenge"), UP_UV, null);
	}

	private String origin() {
		URI base = clinic.baseUrl();
		return PasskeyRelyingParty.origin(base.getScheme(), base.getHost(), base.getPort());
	}

	private String handleOf(String email) {
		return jdbc.sql("select id from user_entities where name = ?").param(email).query(String.class).single();
	}

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

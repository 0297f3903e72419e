package ca.gagephysio.staff.secondfactor;

import ca.gagephysio.staff.signin.StaffSessions;
import ca.gagephysio.staff.account.StaffTestAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.signin.SignInThrottle;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.Race;
import ca.gagephysio.clinic.ClinicFacts;
import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * What a passkey must prove before it counts as both factors, through the real filter chain (Spring Security's
 * WebAuthn filters, the clinic's relying party, H2 or PostgreSQL): user verification at registration and at sign-in
 * whatever the session store did to the stored options, a signature counter that goes up and the credential
 * owner's user handle (else refused and written to the access trail), an enabled account, and registration only
 * for a session that may enrol. Payloads come from {@link TestAuthenticator}; every refusal is shown beside the
 * same request that succeeds, so no test passes for a reason other than the one it names. (The same journeys in
 * a browser: {@code PasskeyJourneyTests}; through the database-backed session: {@code PasskeySessionStoreTests}.)
 */
@ClinicIntegrationTest
class PasskeyVerificationTests {

	private static final int UP = TestAuthenticator.UP;

	private static final int UV = TestAuthenticator.UV;

	/** Where Spring's {@code HttpSessionPublicKeyCredentialRequestOptionsRepository} keeps the sign-in options. */
	private static final String REQUEST_OPTIONS = "org.springframework.security.web.webauthn.authentication."
			+ "PublicKeyCredentialRequestOptionsRepository.ATTR_NAME";

	@Autowired
	MockMvc mvc;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	SignInThrottle throttle;

	@Autowired
	ClinicFacts clinic;

	@Autowired
	JdbcClient jdbc;

	// --- user verification ---

	@Test
	void aKeyThatDidNotVerifyThePersonIsNotRegisteredEvenAfterTheSessionStoreLostTheRequirement() throws Exception {
		String email = StaffTestAccounts.create(accounts, "No Pin Key", StaffRole.STAFF);
		MockHttpSession session = StaffSessions.signIn(mvc, email);
		TestAuthenticator key = new TestAuthenticator();

		// the options as they come back from the JDBC session: serialised and read back
		assertThat(register(session, key, UP, true).getResponse().getStatus()).isEqualTo(400);
		// present but not verified, the other way round, and neither
		assertThat(register(session, key, UV, true).getResponse().getStatus()).isEqualTo(400);
		assertThat(register(session, key, 0, false).getResponse().getStatus()).isEqualTo(400);
		assertThat(credentialsOf(email)).isZero();

		MvcResult verified = register(session, key, UP | UV, true);
		assertThat(verified.getResponse().getStatus()).isEqualTo(200);
		assertThat(verified.getResponse().getContentAsString()).contains("\"success\":true");
		assertThat(credentialsOf(email)).isOne();
	}

	@Test
	void aSignInWithoutUserVerificationIsRefusedWhateverTheStoredOptionsSay() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Touch Only", StaffRole.STAFF);
		TestAuthenticator key = registered(email);

		// the options read back from the session store, then options that no longer ask for verification at all
		assertThat(signIn(key, UP, handleOf(email), Tamper.SERIALISED).status()).isEqualTo(401);
		assertThat(signIn(key, UP, handleOf(email), Tamper.DISCOURAGED).status()).isEqualTo(401);
		// verified but not present
		assertThat(signIn(key, UV, handleOf(email), Tamper.SERIALISED).status()).isEqualTo(401);

		SignIn verified = signIn(key, UP | UV, handleOf(email), Tamper.SERIALISED);
		assertThat(verified.status()).isEqualTo(200);
		assertThat(verified.body()).contains("\"authenticated\":true");
		assertThat(mvc.perform(get("/staff/inquiries").session(verified.session())).andReturn().getResponse().getStatus())
			.isEqualTo(200);
	}

	// --- who may register ---

	@Test
	void aPasswordAloneGetsNoPasskeyOptionsAndNoUserEntityOnceTheAccountHasAFactor() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Stolen Password", StaffRole.STAFF);
		StaffSessions.signIn(mvc, email); // enrols an authenticator app
		MockHttpSession passwordOnly = passwordOnly(email);

		MvcResult options = mvc.perform(post("/webauthn/register/options").session(passwordOnly).with(csrf()))
			.andReturn();
		assertThat(options.getResponse().getStatus()).isEqualTo(302);
		assertThat(options.getResponse().getRedirectedUrl()).isEqualTo(SecondFactorRule.STEP_PATH);
		assertThat(options.getResponse().getContentAsString()).doesNotContain("challenge", "excludeCredentials");
		assertThat(userEntitiesNamed(email)).as("no user entity created").isZero();

		TestAuthenticator key = new TestAuthenticator();
		MvcResult register = mvc.perform(post("/webauthn/register").session(passwordOnly)
			.with(csrf())
			.contentType("application/json")
			.content(key.registration("localhost", origin(), "AAAA", UP | UV, "Thief's key"))).andReturn();
		assertThat(register.getResponse().getRedirectedUrl()).isEqualTo(SecondFactorRule.STEP_PATH);
		assertThat(userEntitiesNamed(email)).isZero();

		// the same account, its second factor done: options, and its user entity, now
		MockHttpSession complete = StaffSessions.signIn(mvc, email);
		assertThat(mvc.perform(post("/webauthn/register/options").session(complete).with(csrf()))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
		assertThat(userEntitiesNamed(email)).isOne();
	}

	@Test
	void aTemporaryPasswordOrNoSignInGetsNoPasskeyOptionsAndNoUserEntity() throws Exception {
		// Temporary passwords are gone (staff are invited by a one-time link); the one password still chosen by
		// nobody is the first administrator's start-up one, which must be changed: such an account, with no factor.
		String email = StaffTestAccounts.create(accounts, "Told On The Phone", StaffRole.STAFF);
		jdbc.sql("update staff_account set must_change_password = true where email = ?").param(email).update();
		MvcResult password = mvc.perform(post("/login").with(csrf())
			.param("email", email)
			.param("password", StaffTestAccounts.PASSWORD)).andReturn();
		MockHttpSession temporary = StaffSessions.sessionOf(password);

		MvcResult options = mvc.perform(post("/webauthn/register/options").session(temporary).with(csrf()))
			.andReturn();
		assertThat(options.getResponse().getStatus()).isIn(302, 403);
		assertThat(options.getResponse().getContentAsString()).doesNotContain("challenge");
		assertThat(userEntitiesNamed(email)).isZero();

		long before = jdbc.sql("select count(*) from user_entities").query(Long.class).single();
		MvcResult anonymous = mvc.perform(post("/webauthn/register/options").with(csrf())).andReturn();
		assertThat(anonymous.getResponse().getStatus()).isNotEqualTo(200);
		assertThat(jdbc.sql("select count(*) from user_entities").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void anAccountWithNoFactorYetMayEnrolAPasskeyWithItsPasswordAndThenSignInWithIt() throws Exception {
		String email = StaffTestAccounts.create(accounts, "First Passkey", StaffRole.STAFF);
		MockHttpSession enrolling = passwordOnly(email);
		TestAuthenticator key = new TestAuthenticator();

		assertThat(register(enrolling, key, UP | UV, false).getResponse().getStatus()).isEqualTo(200);
		// and once it has one, that session may not add another
		assertThat(mvc.perform(post("/webauthn/register/options").session(enrolling).with(csrf()))
			.andReturn()
			.getResponse()
			.getRedirectedUrl()).isEqualTo(SecondFactorRule.STEP_PATH);
		assertThat(signIn(key, UP | UV, handleOf(email), Tamper.NONE).status()).isEqualTo(200);
	}

	// --- cloned authenticators and user handles ---

	@Test
	void aSignatureCounterThatGoesBackOrStandsStillIsRefusedAndWrittenToTheTrail() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Cloned Key", StaffRole.STAFF);
		TestAuthenticator key = registered(email);
		key.counter = 7;
		assertThat(signIn(key, UP | UV, handleOf(email), Tamper.NONE).status()).isEqualTo(200);

		key.counter = 3;
		assertThat(signIn(key, UP | UV, handleOf(email), Tamper.NONE).status()).isEqualTo(401);
		key.counter = 7;
		assertThat(signIn(key, UP | UV, handleOf(email), Tamper.NONE).status()).as("the same counter again")
			.isEqualTo(401);
		assertThat(trail(email)).filteredOn(line -> line.startsWith("SIGN_IN_PASSKEY_COUNTER_WENT_BACK"))
			.containsExactly("SIGN_IN_PASSKEY_COUNTER_WENT_BACK credential " + shortId(key) + ": signature counter 3, last seen 7 (a cloned authenticator?)",
					"SIGN_IN_PASSKEY_COUNTER_WENT_BACK credential " + shortId(key) + ": signature counter 7, last seen 7 (a cloned authenticator?)");

		assertThat(signIn(key, UP | UV, handleOf(email), Tamper.NONE).status()).as("the original, counting on")
			.isEqualTo(200);
	}

	/**
	 * A clone used at the same instant as the original: two assertions carrying the same counter, released together.
	 * One signs in; the other waits for the first's counter and is refused as a counter that did not go up.
	 */
	@Test
	void twoAssertionsWithOneCounterAtTheSameInstantSignInOnlyOnce() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Cloned At Once", StaffRole.STAFF);
		TestAuthenticator key = registered(email);
		List<MockHttpSession> sessions = new ArrayList<>();
		List<String> assertions = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			MockHttpSession session = new MockHttpSession();
			String options = mvc.perform(post("/webauthn/authenticate/options").session(session).with(csrf()))
				.andReturn()
				.getResponse()
				.getContentAsString();
			key.counter = 9;
			assertions.add(key.assertion(JsonPath.read(options, "$.rpId"), origin(), JsonPath.read(options, "$.challenge"),
					UP | UV, handleOf(email)));
			sessions.add(session);
		}

		List<Integer> statuses = Race.run(() -> assertionStatus(sessions.get(0), assertions.get(0)),
				() -> assertionStatus(sessions.get(1), assertions.get(1)));

		assertThat(statuses).containsExactlyInAnyOrder(200, 401);
		assertThat(trail(email)).filteredOn(line -> line.startsWith("SIGN_IN_PASSKEY_COUNTER_WENT_BACK"))
			.containsExactly("SIGN_IN_PASSKEY_COUNTER_WENT_BACK credential " + shortId(key)
					+ ": signature counter 9, last seen 9 (a cloned authenticator?)");
	}

	private int assertionStatus(MockHttpSession session, String assertion) throws Exception {
		return mvc.perform(post("/login/webauthn").session(session)
			.with(csrf())
			.contentType("application/json")
			.content(assertion)).andReturn().getResponse().getStatus();
	}

	@Test
	void anotherAccountsUserHandleOrNoneIsRefusedAndWrittenToTheTrail() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Handle Owner", StaffRole.STAFF);
		String other = StaffTestAccounts.create(accounts, "Handle Other", StaffRole.ADMIN);
		TestAuthenticator key = registered(email);
		registered(other);

		SignIn foreign = signIn(key, UP | UV, handleOf(other), Tamper.NONE);
		assertThat(foreign.status()).isEqualTo(401);
		assertThat(foreign.session().getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY))
			.isNull();
		assertThat(signIn(key, UP | UV, null, Tamper.NONE).status()).as("no user handle, nobody named before")
			.isEqualTo(401);
		assertThat(signIn(key, UP | UV, "bm90LWEtdXNlcg", Tamper.NONE).status()).as("a made-up one").isEqualTo(401);
		assertThat(trail(email)).filteredOn(line -> line.startsWith("SIGN_IN_PASSKEY_USER_HANDLE_MISMATCH"))
			.containsExactly("SIGN_IN_PASSKEY_USER_HANDLE_MISMATCH credential " + shortId(key) + ": user handle of another account",
					"SIGN_IN_PASSKEY_USER_HANDLE_MISMATCH credential " + shortId(key) + ": no user handle",
					"SIGN_IN_PASSKEY_USER_HANDLE_MISMATCH credential " + shortId(key) + ": user handle of another account");
		assertThat(trail(other)).noneMatch(line -> line.startsWith("SIGN_IN_PASSKEY"));

		assertThat(signIn(key, UP | UV, handleOf(email), Tamper.NONE).status()).isEqualTo(200);
	}

	@Test
	void onTheSecondStepOnlyThePersonsOwnPasskeyCompletesTheSignInWithOrWithoutAUserHandle() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Second Step Key", StaffRole.STAFF);
		String other = StaffTestAccounts.create(accounts, "Someone Elses Key", StaffRole.STAFF);
		TestAuthenticator own = registered(email);
		TestAuthenticator foreign = registered(other);

		// named by the password first, so the options list the person's own passkeys (WebAuthn 7.2 step 6)
		assertThat(secondStep(email, foreign, handleOf(other)).getResponse().getStatus()).isEqualTo(401);
		assertThat(secondStep(email, own, null).getResponse().getStatus())
			.as("a key asked for by id may leave out the user handle")
			.isEqualTo(200);
		assertThat(secondStep(email, own, handleOf(other)).getResponse().getStatus()).isEqualTo(401);
		assertThat(secondStep(email, own, handleOf(email)).getResponse().getStatus()).isEqualTo(200);
	}

	/** A passkey used on the second step of a password sign-in: its options name the account's own passkeys. */
	private MvcResult secondStep(String email, TestAuthenticator key, String userHandle) throws Exception {
		MockHttpSession session = passwordOnly(email);
		String options = mvc.perform(post("/webauthn/authenticate/options").session(session).with(csrf()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat((List<?>) JsonPath.read(options, "$.allowCredentials")).isNotEmpty();
		return mvc.perform(post("/login/webauthn").session(session)
			.with(csrf())
			.contentType("application/json")
			.content(key.assertion(JsonPath.read(options, "$.rpId"), origin(), JsonPath.read(options, "$.challenge"),
					UP | UV, userHandle))).andReturn();
	}

	@Test
	void aPasskeyTheSiteNeverRegisteredIsRefusedNotAnError() throws Exception {
		TestAuthenticator stranger = new TestAuthenticator();
		assertThat(signIn(stranger, UP | UV, "c3RyYW5nZXI", Tamper.NONE).status()).isEqualTo(401);
	}

	// --- account state ---

	@Test
	void aDisabledAccountsPasskeySignsNobodyInAndLeavesItsThrottleCountAlone() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Left The Clinic", StaffRole.STAFF);
		TestAuthenticator key = registered(email);
		throttle.admit(email, "198.51.100.77", Instant.now()); // a wrong attempt: counted, never given back
		throttle.admit(email, "198.51.100.77", Instant.now()); // a wrong attempt: counted, never given back
		accounts.disable(accounts.byEmail(email).orElseThrow().getId());

		SignIn refused = signIn(key, UP | UV, handleOf(email), Tamper.NONE);
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.body()).doesNotContain("authenticated");
		assertThat(refused.session().getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY))
			.isNull();
		assertThat(mvc.perform(get("/staff/inquiries").session(refused.session())).andReturn().getResponse().getRedirectedUrl())
			.endsWith("/login");
		assertThat(accountFailures(email)).isEqualTo(2);
		assertThat(trail(email)).contains("SIGN_IN_PASSKEY_REFUSED account disabled").doesNotContain("SIGN_IN_PASSKEY null");

		accounts.enable(accounts.byEmail(email).orElseThrow().getId());
		assertThat(signIn(key, UP | UV, handleOf(email), Tamper.NONE).status()).isEqualTo(200);
		assertThat(accountFailures(email)).as("a completed sign-in clears it").isZero();
	}

	@Test
	void aPasskeyWhoseAccountIsGoneSignsNobodyIn() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Renamed Away", StaffRole.STAFF);
		TestAuthenticator key = registered(email);
		String handle = handleOf(email);
		jdbc.sql("update user_entities set name = ? where name = ?").params("gone-" + email, email).update();

		assertThat(signIn(key, UP | UV, handle, Tamper.NONE).status()).isEqualTo(401);
	}

	// --- helpers ---

	/** What the test does to the stored sign-in options between the two requests. */
	private enum Tamper {

		/** Nothing. */
		NONE,
		/** Serialised and read back, as Spring Session JDBC does with every attribute. */
		SERIALISED,
		/** Replaced by a copy that says user verification is discouraged. */
		DISCOURAGED

	}

	private record SignIn(int status, String body, MockHttpSession session) {
	}

	/** A passkey sign-in from a fresh browser session: the options, then the assertion. */
	private SignIn signIn(TestAuthenticator key, int flags, String userHandle, Tamper tamper) throws Exception {
		MockHttpSession session = new MockHttpSession();
		String options = mvc.perform(post("/webauthn/authenticate/options").session(session).with(csrf()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String challenge = JsonPath.read(options, "$.challenge");
		String rpId = JsonPath.read(options, "$.rpId");
		switch (tamper) {
			case SERIALISED -> throughTheSessionStore(session);
			case DISCOURAGED -> {
				PublicKeyCredentialRequestOptions stored = (PublicKeyCredentialRequestOptions) session
					.getAttribute(REQUEST_OPTIONS);
				session.setAttribute(REQUEST_OPTIONS, PublicKeyCredentialRequestOptions.builder()
					.challenge(stored.getChallenge())
					.timeout(stored.getTimeout())
					.rpId(stored.getRpId())
					.allowCredentials(stored.getAllowCredentials())
					.userVerification(UserVerificationRequirement.DISCOURAGED)
					.extensions(stored.getExtensions())
					.build());
			}
			case NONE -> {
			}
		}
		MvcResult result = mvc.perform(post("/login/webauthn").session(session)
			.with(csrf())
			.contentType("application/json")
			.content(key.assertion(rpId, origin(), challenge, flags, userHandle))).andReturn();
		return new SignIn(result.getResponse().getStatus(), result.getResponse().getContentAsString(),
				(MockHttpSession) result.getRequest().getSession());
	}

	/** Registers a passkey in {@code session}: the options (read back from the session store if asked), then it. */
	private MvcResult register(MockHttpSession session, TestAuthenticator key, int flags, boolean serialised)
			throws Exception {
		MvcResult options = mvc.perform(post("/webauthn/register/options").session(session).with(csrf())).andReturn();
		assertThat(options.getResponse().getStatus()).as("registration options").isEqualTo(200);
		String json = options.getResponse().getContentAsString();
		assertThat((String) JsonPath.read(json, "$.authenticatorSelection.userVerification")).isEqualTo("required");
		if (serialised) {
			throughTheSessionStore(session);
		}
		return mvc.perform(post("/webauthn/register").session(session)
			.with(csrf())
			.contentType("application/json")
			.content(key.registration(JsonPath.read(json, "$.rp.id"), origin(), JsonPath.read(json, "$.challenge"),
					flags, "Test key"))).andReturn();
	}

	/** A passkey registered for {@code email} through the real pages, after both factors. */
	private TestAuthenticator registered(String email) throws Exception {
		TestAuthenticator key = new TestAuthenticator();
		MockHttpSession session = StaffSessions.signIn(mvc, email);
		assertThat(register(session, key, UP | UV, true).getResponse().getStatus()).isEqualTo(200);
		return key;
	}

	/** Serialises every session attribute and reads it back: what Spring Session JDBC does between requests. */
	private static void throughTheSessionStore(MockHttpSession session) throws Exception {
		for (String name : Collections.list(session.getAttributeNames())) {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
				out.writeObject(session.getAttribute(name));
			}
			try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
				session.setAttribute(name, in.readObject());
			}
		}
	}

	private MockHttpSession passwordOnly(String email) throws Exception {
		MvcResult result = mvc.perform(post("/login").with(csrf())
			.param("email", email)
			.param("password", StaffTestAccounts.PASSWORD)).andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/staff/inquiries");
		MockHttpSession session = StaffSessions.sessionOf(result);
		SecurityContext context = (SecurityContext) session
			.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
		assertThat(SecondFactorRule.lacksSecondFactor(context.getAuthentication())).isTrue();
		return session;
	}

	private String origin() {
		URI base = clinic.baseUrl();
		return PasskeyRelyingParty.origin(base.getScheme(), base.getHost(), base.getPort());
	}

	/** The account's user handle (WebAuthn user.id), Base64url as the browser sends it and Spring stores it. */
	private String handleOf(String email) {
		return jdbc.sql("select id from user_entities where name = ?").param(email).query(String.class).single();
	}

	private long credentialsOf(String email) {
		return jdbc.sql("""
				select count(*) from user_credentials c join user_entities u on u.id = c.user_entity_user_id
				where u.name = ?""").param(email).query(Long.class).single();
	}

	private long userEntitiesNamed(String email) {
		return jdbc.sql("select count(*) from user_entities where name = ?").param(email).query(Long.class).single();
	}

	private int accountFailures(String email) {
		return jdbc.sql("select coalesce(sum(failures), 0) from staff_sign_in_failure where kind = 'account' and sign_in_key = ?")
			.param(email)
			.query(Integer.class)
			.single();
	}

	private List<String> trail(String email) {
		return jdbc.sql("select action, detail from audit_entry where actor_email = ? order by id")
			.param(email)
			.query((row, n) -> row.getString(1) + " " + row.getString(2))
			.list();
	}

	private static String shortId(TestAuthenticator key) {
		String id = key.credentialId();
		return id.length() <= 12 ? id : id.substring(0, 12) + "...";
	}

}

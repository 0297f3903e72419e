package ca.gagephysio.staff.account;

import ca.gagephysio.staff.secondfactor.StoredPasskeys;
import ca.gagephysio.staff.secondfactor.PasskeyRelyingParty;
import ca.gagephysio.staff.secondfactor.TestAuthenticator;
import ca.gagephysio.staff.secondfactor.SecondFactors;
import ca.gagephysio.staff.signin.StaffSessions;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.Race;
import ca.gagephysio.clinic.ClinicFacts;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Races on staff accounts through the real path with real signed-in sessions, two threads released together: a
 * double click on "New codes" makes one set of recovery codes, the one on the screen; two administrators changing one
 * account at once both end on the list with no 500; the same new address added twice at once makes one account and
 * tells the other, with what was typed kept; two requests for passkey options at once make one WebAuthn user; removing the last two passkeys at once
 * keeps one.
 */
@ClinicIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffRaceTests {

	private static final Pattern SHOWN_CODE = Pattern.compile("<code>([a-z0-9]{5}-[a-z0-9]{5})</code>");

	@Autowired
	MockMvc mvc;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	SecondFactors factors;

	@Autowired
	PublicKeyCredentialUserEntityRepository userEntities;

	@Autowired
	UserCredentialRepository credentials;

	@Autowired
	ClinicFacts clinic;

	MockHttpSession first;

	MockHttpSession second;

	String firstEmail;

	@BeforeAll
	void signInOnce() throws Exception {
		firstEmail = StaffTestAccounts.create(accounts, "Avery Accounts", StaffRole.ADMIN);
		first = StaffSessions.signIn(mvc, firstEmail);
		second = StaffSessions.signIn(mvc, StaffTestAccounts.create(accounts, "Blair Accounts", StaffRole.ADMIN));
	}

	@Test
	void aDoubleClickOnNewRecoveryCodesMakesOneSetAndItIsTheOneShown() throws Exception {
		String key = UUID.randomUUID().toString();

		List<MvcResult> results = Race.run(() -> send(first, "/staff/account/security/recovery-codes", "requestKey", key),
				() -> send(first, "/staff/account/security/recovery-codes", "requestKey", key));

		assertThat(results).allSatisfy(result -> assertThat(result.getResponse().getRedirectedUrl())
			.isEqualTo("/staff/account/security/recovery-codes"));
		long accountId = accounts.byEmail(firstEmail).orElseThrow().getId();
		List<String> stored = jdbc.sql("select code_hash from staff_recovery_code where account_id = ?")
			.param(accountId)
			.query(String.class)
			.list();
		assertThat(stored).hasSize(10);
		String page = StaffSessions.page(mvc, first, "/staff/account/security/recovery-codes");
		List<String> shown = new ArrayList<>();
		for (Matcher code = SHOWN_CODE.matcher(page); code.find();) {
			shown.add(code.group(1).replace("-", ""));
		}
		assertThat(shown).hasSize(10).allSatisfy(code -> assertThat(stored)
			.anySatisfy(hash -> assertThat(passwordEncoder.matches(code, hash)).isTrue()));
	}

	@Test
	void twoAdministratorsChangingOneAccountAtOnceBothEndOnTheListAndBothChangesHold() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Casey Changed", StaffRole.STAFF);
		long id = accounts.byEmail(email).orElseThrow().getId();
		String passwordHashBefore = accounts.byEmail(email).orElseThrow().getPasswordHash();

		List<MvcResult> results = Race.run(() -> send(first, "/staff/users/" + id + "/disable"),
				() -> send(second, "/staff/users/" + id + "/password"));

		assertThat(results).allSatisfy(result -> {
			assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/staff/users");
			assertThat(result.getFlashMap().get("problem")).isNull();
		});
		StaffAccount account = accounts.all().stream().filter(found -> found.getEmail().equals(email)).findFirst()
			.orElseThrow();
		assertThat(account.isEnabled()).isFalse();
		// the reset holds too: the old password no longer works (a one-time link chooses the next one)
		assertThat(account.getPasswordHash()).isNotEqualTo(passwordHashBefore);
	}

	@Test
	void theSameNewAddressAddedTwiceAtOnceMakesOneAccountAndTellsTheOtherWithTheTypingKept() throws Exception {
		String email = "racer-" + UUID.randomUUID() + "@test.gagephysio.ca";

		List<MvcResult> results = Race.run(() -> addAccount(first, email, "Dana First"),
				() -> addAccount(second, email, "Dana Second"));

		assertThat(results).extracting(result -> result.getResponse().getStatus()).containsExactlyInAnyOrder(302, 200);
		MvcResult loser = results.stream().filter(result -> result.getResponse().getStatus() == 200).findFirst()
			.orElseThrow();
		assertThat(loser.getResponse().getContentAsString()).contains("An account with that email already exists.")
			.contains(loser == results.get(0) ? "Dana First" : "Dana Second");
		assertThat(accounts.all()).filteredOn(account -> account.getEmail().equals(email)).hasSize(1);
	}

	@Test
	void twoRequestsForPasskeyOptionsAtOnceMakeOneWebAuthnUserAndBothCarryItsHandle() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Ellis Passkey", StaffRole.STAFF);
		MockHttpSession session = StaffSessions.signIn(mvc, email);

		List<MvcResult> results = Race.run(() -> send(session, "/webauthn/register/options"),
				() -> send(session, "/webauthn/register/options"));

		assertThat(results).allSatisfy(result -> assertThat(result.getResponse().getStatus()).isEqualTo(200));
		List<String> stored = jdbc.sql("select id from user_entities where name = ?").param(email)
			.query(String.class)
			.list();
		assertThat(stored).hasSize(1);
		Pattern userId = Pattern.compile("\"user\"\\s*:\\s*\\{[^}]*\"id\"\\s*:\\s*\"([^\"]+)\"");
		List<String> handles = new ArrayList<>();
		for (MvcResult result : results) {
			Matcher handle = userId.matcher(result.getResponse().getContentAsString());
			assertThat(handle.find()).as("the user handle in %s", result.getResponse().getContentAsString()).isTrue();
			handles.add(handle.group(1));
		}
		assertThat(handles.get(0)).isEqualTo(handles.get(1));
	}

	/**
	 * A double click on "Add passkey" after the authenticator answered: the same registration (one session, one set
	 * of options, one credential) posted twice at the same instant. One passkey is stored, and neither post is a 500:
	 * each is the success the page expects, or the refusal it shows ({@code 400}, once the options were used).
	 */
	@Test
	void theSameRegistrationSentTwiceAtOnceStoresOnePasskeyAndNeverA500() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Gale Double Click", StaffRole.STAFF);
		MockHttpSession session = StaffSessions.signIn(mvc, email);
		String options = send(session, "/webauthn/register/options").getResponse().getContentAsString();
		TestAuthenticator key = new TestAuthenticator();
		URI base = clinic.baseUrl();
		String registration = key.registration(JsonPath.read(options, "$.rp.id"),
				PasskeyRelyingParty.origin(base.getScheme(), base.getHost(), base.getPort()),
				JsonPath.read(options, "$.challenge"), TestAuthenticator.UP | TestAuthenticator.UV, "Reception computer");

		List<MvcResult> results = Race.run(() -> register(session, registration), () -> register(session, registration));

		assertThat(results).extracting(result -> result.getResponse().getStatus())
			.allSatisfy(status -> assertThat(status).isIn(200, 400))
			.contains(200);
		assertThat(jdbc.sql("select count(*) from user_credentials where credential_id = ?")
			.param(key.credentialId())
			.query(Long.class)
			.single()).isOne();
		assertThat(factors.passkeys(email)).hasSize(1);
	}

	private MvcResult register(MockHttpSession session, String registration) throws Exception {
		return mvc.perform(post("/webauthn/register").session(session)
			.with(csrf())
			.contentType("application/json")
			.content(registration)).andReturn();
	}

	@Test
	void removingTheLastTwoPasskeysAtOnceRemovesOneAndKeepsTheOtherAsTheLastFactor() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Frankie Passkeys", StaffRole.STAFF);
		MockHttpSession session = StaffSessions.signIn(mvc, email);
		long accountId = accounts.byEmail(email).orElseThrow().getId();
		// Passkeys only: the app the sign-in enrolled is switched off, so the two passkeys are the only factors.
		factors.disableApp(accountId);
		Bytes userId = Bytes.random();
		userEntities.save(ImmutablePublicKeyCredentialUserEntity.builder().name(email).id(userId)
			.displayName("Frankie Passkeys").build());
		String one = storedPasskey(userId, "Reception computer");
		String two = storedPasskey(userId, "Treatment room tablet");

		List<MvcResult> results = Race.run(
				() -> send(session, "/staff/account/security/passkeys/" + one + "/delete"),
				() -> send(session, "/staff/account/security/passkeys/" + two + "/delete"));

		assertThat(results).allSatisfy(result -> assertThat(result.getResponse().getStatus()).isEqualTo(302));
		assertThat(results).extracting(result -> result.getFlashMap().get("flash") != null
				? result.getFlashMap().get("flash") : result.getFlashMap().get("problem"))
			.containsExactlyInAnyOrder("staff.security.passkey.removed", "staff.security.passkey.last-factor");
		assertThat(factors.passkeys(email)).hasSize(1);
	}

	private String storedPasskey(Bytes userId, String label) {
		Bytes credentialId = Bytes.random();
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		credentials.save(StoredPasskeys.credential(credentialId, userId, label, now));
		return credentialId.toBase64UrlString();
	}

	private MvcResult addAccount(MockHttpSession who, String email, String name) throws Exception {
		return send(who, "/staff/users", "email", email, "displayName", name, "role", "STAFF", "temporaryPassword",
				"a temporary passphrase for a racer");
	}

	private MvcResult send(MockHttpSession who, String path, String... params) throws Exception {
		MockHttpServletRequestBuilder request = post(path).session(who).with(csrf());
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		return mvc.perform(request).andReturn();
	}

}

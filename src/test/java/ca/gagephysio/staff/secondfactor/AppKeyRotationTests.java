package ca.gagephysio.staff.secondfactor;

import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import ca.gagephysio.staff.signin.StaffProperties;
import ca.gagephysio.staff.signin.StaffSessions;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Changing {@code clinic.staff.totp-key}, as a restart with new settings does. The test application runs as the
 * clinic after the change (see the test {@code application.properties}): a new key {@code B}, and the development key
 * {@code A} it replaced in {@code clinic.staff.totp-previous-keys}. The clinic before the change, and one configured
 * with {@code B} alone, are {@link SecondFactors} built here from those settings, on the same database rows.
 */
@ClinicIntegrationTest
class AppKeyRotationTests {

	/** The key before the change: application.properties' development key. */
	private static final String KEY_A = "ZGV2ZWxvcG1lbnQtb25seS10b3RwLWtleS0zMmJ5dGU=";

	/** The key after it, as the test settings configure it. */
	private static final String KEY_B = "dGVzdC1vbmx5IHRvdHAga2V5LCBub3QgZGV2LCAzMmI=";

	/** A key no setting of the running application names: an app enrolled under it is unreadable there. */
	private static final String KEY_LOST = Base64.getEncoder().encodeToString(new byte[32]);

	private static final String STEP = SecondFactorRule.STEP_PATH;

	@Autowired
	MockMvc mvc;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	SettableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationContext beans;

	@Autowired
	StaffProperties properties;

	@AfterEach
	void realTime() {
		clock.reset();
	}

	@Test
	void theRunningApplicationIsConfiguredAsAClinicThatChangedItsKey() {
		assertThat(properties.totpKey()).isEqualTo(KEY_B);
		assertThat(properties.totpPreviousKeys()).containsExactly(KEY_A);
	}

	@Test
	void anAppEnrolledUnderThePreviousKeySignsInThroughTheSecondStepAndIsStoredUnderTheNewKey() throws Exception {
		clock.set(Instant.parse("2026-03-02T14:00:10Z"));
		String email = StaffTestAccounts.create(accounts, "Enrolled Before The Change", StaffRole.STAFF);
		long id = accounts.byEmail(email).orElseThrow().getId();
		byte[] appKey = enrol(factorsWith(KEY_A), id);
		String before = storedSecret(id);
		assertThat(factorsWith(KEY_B).appState(id)).as("not under B yet").isEqualTo(SecondFactors.AppState.UNREADABLE);

		MockHttpSession session = passwordOnly(email);
		mvc.perform(get(STEP).session(session)).andExpect(redirectedUrl(null));
		MvcResult done = mvc.perform(post(STEP).session(session).with(csrf()).param("code", nextCode(appKey)))
			.andReturn();

		assertThat(done.getResponse().getRedirectedUrl()).isEqualTo("/staff/inquiries");
		mvc.perform(get("/staff/inquiries").session(StaffSessions.sessionOf(done))).andExpect(status().isOk());
		String after = storedSecret(id);
		assertThat(after).as("encrypted again").isNotEqualTo(before);
		assertThat(factorsWith(KEY_B).appState(id)).as("B alone reads it now").isEqualTo(SecondFactors.AppState.READY);
		assertThat(factorsWith(KEY_A).appState(id)).as("A alone no longer does")
			.isEqualTo(SecondFactors.AppState.UNREADABLE);
		// the same app, only re-encrypted: its codes still work under B alone
		clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS * 2));
		assertThat(factorsWith(KEY_B).check(id, nextCode(appKey))).isInstanceOf(SecondFactors.CodeCheck.AppCode.class);
	}

	@Test
	void aWrongCodeLeavesAnAppUnderThePreviousKeyAsItWas() throws Exception {
		clock.set(Instant.parse("2026-03-02T14:00:10Z"));
		String email = StaffTestAccounts.create(accounts, "Mistyped After The Change", StaffRole.STAFF);
		long id = accounts.byEmail(email).orElseThrow().getId();
		enrol(factorsWith(KEY_A), id);
		String before = storedSecret(id);

		assertThat(factorsWith(KEY_B, KEY_A).check(id, "000000")).isInstanceOf(SecondFactors.CodeCheck.Wrong.class);

		assertThat(storedSecret(id)).isEqualTo(before);
	}

	@Test
	void withTheNewKeyAloneAnAppUnderTheOldOneCannotBeCheckedAndSaysSo() {
		clock.set(Instant.parse("2026-03-02T14:00:10Z"));
		String email = StaffTestAccounts.create(accounts, "Old Key Dropped", StaffRole.STAFF);
		long id = accounts.byEmail(email).orElseThrow().getId();
		byte[] appKey = enrol(factorsWith(KEY_A), id);
		String before = storedSecret(id);

		SecondFactors withoutA = factorsWith(KEY_B);

		assertThat(withoutA.check(id, nextCode(appKey))).isInstanceOf(SecondFactors.CodeCheck.AppUnreadable.class);
		assertThat(withoutA.hasApp(id)).as("still a factor: a password alone cannot enrol another").isTrue();
		assertThat(storedSecret(id)).isEqualTo(before);
		assertThat(withoutA.keyReport().unreadable()).isPositive();
	}

	@Test
	void anAppNoConfiguredKeyOpensGetsTheBackOfficePageThenARecoveryCodeAndTheSecurityPageSaysToSetItUpAgain()
			throws Exception {
		clock.set(Instant.parse("2026-03-02T14:00:10Z"));
		String email = StaffTestAccounts.create(accounts, "Key Lost", StaffRole.STAFF);
		long id = accounts.byEmail(email).orElseThrow().getId();
		SecondFactors lostKey = factorsWith(KEY_LOST);
		byte[] appKey = Totp.newKey();
		List<String> recoveryCodes = lostKey
			.enableApp(id, appKey, Totp.code(appKey, Totp.stepOf(clock.instant())))
			.orElseThrow();

		MockHttpSession session = passwordOnly(email);
		mvc.perform(post(STEP).session(session).with(csrf()).param("code", nextCode(appKey)))
			.andExpect(redirectedUrl(AppUnreadableController.PATH));
		MvcResult page = mvc.perform(get(AppUnreadableController.PATH).session(session)).andReturn();

		assertThat(page.getResponse().getStatus()).isEqualTo(200);
		String html = page.getResponse().getContentAsString();
		assertThat(html).contains("class=\"staff\"", "staff-header") // the back office's layout
			.contains("Your authenticator app must be set up again", "recovery code", "passkey",
					"reset your sign-in factors")
			.doesNotContain(StaffSessions.PUBLIC_ERROR_WORDING);
		// before the second factor: only what that state reaches (this page, signing out), in the menu's words
		assertThat(html).contains("action=\"/logout\"", "(Staff accounts, then Reset sign-in factors)")
			.doesNotContain("class=\"staff-nav\"", "href=\"/staff/users\"", "href=\"/staff/audit\"",
					"href=\"/staff/inquiries\"", "(Users,");
		assertThat(actions(email)).contains("SECOND_FACTOR_APP_UNREADABLE");
		// the password alone still reaches nothing else, enrolment included
		mvc.perform(get("/staff/inquiries").session(session)).andExpect(redirectedUrl(STEP));
		mvc.perform(post(SecurityPageController.PATH + "/app").session(session).with(csrf()))
			.andExpect(redirectedUrl(STEP));

		// a recovery code, typed on that page, signs in and leads to the security page, which says what to do
		MvcResult recovered = mvc
			.perform(post(STEP).session(session).with(csrf()).param("code", recoveryCodes.get(0)))
			.andReturn();
		assertThat(recovered.getResponse().getRedirectedUrl()).isEqualTo(SecurityPageController.PATH);
		MockHttpSession signedIn = StaffSessions.sessionOf(recovered);
		assertThat(StaffSessions.page(mvc, signedIn, SecurityPageController.PATH))
			.contains("Your authenticator app must be set up again")
			.doesNotContain("An authenticator app is set up.");
		// signed in, the explanation page hands over to the security page
		mvc.perform(get(AppUnreadableController.PATH).session(signedIn))
			.andExpect(redirectedUrl(SecurityPageController.PATH));

		// set up again, the app works and the page no longer asks for it
		StaffSessions.enrolApp(mvc, signedIn, email);
		assertThat(StaffSessions.page(mvc, signedIn, SecurityPageController.PATH))
			.contains("An authenticator app is set up.")
			.doesNotContain("must be set up again");
		assertThat(factorsWith(KEY_B).appState(id)).isEqualTo(SecondFactors.AppState.READY);
	}

	@Test
	void theExplanationPageIsOnlyTheStepForSomeoneWhoseAppIsReadable() throws Exception {
		clock.set(Instant.parse("2026-03-02T14:00:10Z"));
		String email = StaffTestAccounts.create(accounts, "Readable App", StaffRole.STAFF);
		enrol(factorsWith(KEY_B), accounts.byEmail(email).orElseThrow().getId());

		mvc.perform(get(AppUnreadableController.PATH).session(passwordOnly(email))).andExpect(redirectedUrl(STEP));
	}

	@Test
	void aKeyThatIsNotThirtyTwoBytesOfBase64RefusesToStartNamingTheSetting() {
		assertThatIllegalStateException().isThrownBy(() -> factorsWith(KEY_B, "c2hvcnQ="))
			.withMessageContaining("clinic.staff.totp-previous-keys")
			.withMessageContaining("5 bytes");
		assertThatIllegalStateException().isThrownBy(() -> factorsWith(KEY_B, "not base64!"))
			.withMessageContaining("clinic.staff.totp-previous-keys");
		assertThatIllegalStateException().isThrownBy(() -> factorsWith(""))
			.withMessageContaining("clinic.staff.totp-key");
		// an empty entry (a trailing comma, an empty variable) is no key, not an error
		assertThat(factorsWith(KEY_B, "", " ")).isNotNull();
	}

	/** {@link SecondFactors} as a restart with these settings builds it, on the test database. */
	private SecondFactors factorsWith(String key, String... previousKeys) {
		StaffProperties settings = new StaffProperties(properties.absoluteSessionTimeout(), properties.signIn(), key,
				List.of(previousKeys));
		return new SecondFactors(jdbc, beans.getBean(PasswordEncoder.class),
				beans.getBean(UserCredentialRepository.class),
				beans.getBean(PublicKeyCredentialUserEntityRepository.class), settings,
				beans.getBeanProvider(java.time.Clock.class));
	}

	/** Sets up an authenticator app with {@code factors}, confirmed by its current code; returns the app's key. */
	private byte[] enrol(SecondFactors factors, long accountId) {
		byte[] appKey = Totp.newKey();
		assertThat(factors.enableApp(accountId, appKey, Totp.code(appKey, Totp.stepOf(clock.instant())))).isPresent();
		return appKey;
	}

	/** The next step's code: the current one was used to switch the app on. */
	private String nextCode(byte[] appKey) {
		return Totp.code(appKey, Totp.stepOf(clock.instant()) + 1);
	}

	private String storedSecret(long accountId) {
		return jdbc.sql("select secret from staff_totp where account_id = ?")
			.param(accountId)
			.query(String.class)
			.single();
	}

	private MockHttpSession passwordOnly(String email) throws Exception {
		MvcResult result = mvc.perform(post("/login").with(csrf())
			.param("email", email)
			.param("password", StaffTestAccounts.PASSWORD)).andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/staff/inquiries");
		return StaffSessions.sessionOf(result);
	}

	private List<String> actions(String email) {
		return jdbc.sql("select action from audit_entry where actor_email = ?").param(email).query(String.class).list();
	}

}

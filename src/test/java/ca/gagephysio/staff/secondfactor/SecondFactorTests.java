package ca.gagephysio.staff.secondfactor;

import ca.gagephysio.staff.signin.StaffSessions;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@ClinicIntegrationTest
class SecondFactorTests {

	private static final String STEP = SecondFactorRule.STEP_PATH;

	@Autowired
	MockMvc mvc;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	SettableClock clock;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void realTime() {
		clock.reset();
	}

	@Test
	void aPasswordAloneLeadsToEnrolmentAndTheFirstAppCodeCompletesTheSignIn() throws Exception {
		clock.set(Instant.parse("2026-03-02T14:00:10Z"));
		String email = StaffTestAccounts.create(accounts, "New Enrolee", StaffRole.STAFF);
		MockHttpSession session = passwordOnly(email);

		mvc.perform(get("/staff/inquiries").session(session)).andExpect(redirectedUrl(STEP));
		mvc.perform(get(STEP).session(session)).andExpect(redirectedUrl(SecurityPageController.PATH));
		// enrolling, the page offers nothing a password alone cannot open: no menu, no notices; signing out
		assertThat(StaffSessions.page(mvc, session, SecurityPageController.PATH))
			.contains("Before you can use the back office", "action=\"/logout\"")
			.doesNotContain("class=\"staff-nav\"", "href=\"/staff/inquiries\"", "href=\"/staff/users\"");
		StaffSessions.enrolApp(mvc, session, email);

		String codes = StaffSessions.page(mvc, session, SecurityPageController.PATH + "/recovery-codes");
		assertThat(recoveryCodes(codes)).hasSize(10);
		assertThat(codes).as("both factors: the menu").contains("class=\"staff-nav\"", "href=\"/staff/inquiries\"");
		mvc.perform(get(SecurityPageController.PATH + "/recovery-codes.txt").session(session))
			.andExpect(status().isOk());
		mvc.perform(get("/staff/inquiries").session(session)).andExpect(status().isOk());
		// shown once: after another page, their addresses show nothing more
		mvc.perform(get(SecurityPageController.PATH + "/recovery-codes").session(session))
			.andExpect(redirectedUrl(SecurityPageController.PATH));
		assertThat(mvc.perform(get(SecurityPageController.PATH + "/recovery-codes.txt").session(session))
			.andReturn()
			.getResponse()
			.getContentAsString()).doesNotContain(recoveryCodes(codes).get(0));
	}

	@Test
	void theRightCodeSignsInOnceAndAWrongOneASecondUseOrOneTwoStepsOldAreRefused() throws Exception {
		clock.set(Instant.parse("2026-03-02T14:00:10Z"));
		String email = enrolled("Code Checker");
		byte[] key = StaffTestAccounts.appKey(email);
		long now = Totp.stepOf(clock.instant());

		MockHttpSession wrong = passwordOnly(email);
		sendCode(wrong, "000000".equals(Totp.code(key, now)) ? "111111" : "000000")
			.andExpect(redirectedUrl(STEP + "?error"));
		sendCode(wrong, Totp.code(key, now - 2)).andExpect(redirectedUrl(STEP + "?error"));
		mvc.perform(get("/staff/inquiries").session(wrong)).andExpect(redirectedUrl(STEP));

		clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS * 3));
		long later = Totp.stepOf(clock.instant());
		MockHttpSession right = passwordOnly(email);
		sendCode(right, Totp.code(key, later)).andExpect(redirectedUrl("/staff/inquiries"));
		mvc.perform(get("/staff/inquiries").session(right)).andExpect(status().isOk());

		MockHttpSession replay = passwordOnly(email);
		sendCode(replay, Totp.code(key, later)).andExpect(redirectedUrl(STEP + "?error"));
		// one step of drift ahead is accepted (a phone's clock a little fast), once
		sendCode(replay, Totp.code(key, later + 1)).andExpect(redirectedUrl("/staff/inquiries"));
	}

	@Test
	void aCodeOneStepBehindIsAcceptedForAClockRunningSlow() throws Exception {
		clock.set(Instant.parse("2026-03-02T15:00:10Z"));
		String email = enrolled("Slow Phone");
		clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS * 4));
		MockHttpSession session = passwordOnly(email);
		sendCode(session, Totp.code(StaffTestAccounts.appKey(email), Totp.stepOf(clock.instant()) - 1))
			.andExpect(redirectedUrl("/staff/inquiries"));
	}

	@Test
	void aRecoveryCodeWorksOnceIsWrittenToTheTrailAndSaysHowManyAreLeft() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Lost Phone", StaffRole.STAFF);
		MockHttpSession first = passwordOnly(email);
		StaffSessions.secondStep(mvc, first, email);
		List<String> codes = recoveryCodes(
				StaffSessions.page(mvc, first, SecurityPageController.PATH + "/recovery-codes"));

		MockHttpSession session = passwordOnly(email);
		sendCode(session, codes.get(3)).andExpect(redirectedUrl(SecurityPageController.PATH));
		assertThat(StaffSessions.page(mvc, session, SecurityPageController.PATH))
			.contains("You have 9 recovery codes left.");
		assertThat(actions(email)).contains("SECOND_FACTOR_RECOVERY_CODE");

		MockHttpSession again = passwordOnly(email);
		sendCode(again, codes.get(3)).andExpect(redirectedUrl(STEP + "?error=recovery-used"));
		assertThat(StaffSessions.page(mvc, again, STEP + "?error=recovery-used"))
			.contains("That recovery code was used already: each works only once.")
			.doesNotContain("Check the app shows this clinic");
		sendCode(again, "zzzzz-zzzzz").andExpect(redirectedUrl(STEP + "?error=recovery"));
		assertThat(StaffSessions.page(mvc, again, STEP + "?error=recovery"))
			.contains("That is not one of your recovery codes.")
			.doesNotContain("Check the app shows this clinic");
	}

	@Test
	void theCodeFieldIsAOneTimeCodeFieldWithDigitsFocusedFirstAndSigningOutIsALinkBelow() throws Exception {
		String email = enrolled("Phone Keypad");
		MockHttpSession session = passwordOnly(email);
		String page = StaffSessions.page(mvc, session, STEP);
		String field = page.substring(page.indexOf("<input id=\"code\""), page.indexOf(">", page.indexOf("<input id=\"code\"")));
		assertThat(field).contains("autocomplete=\"one-time-code\"", "inputmode=\"numeric\"", "autofocus",
				"class=\"one-time-code\"");
		assertThat(page.indexOf("id=\"code\"")).as("the first field on the page").isLessThan(page.indexOf("action=\"/logout\""));
		assertThat(page).contains("class=\"link-button\"").doesNotContain("button--quiet\">Sign out");
		// a recovery code has letters: its own field, without the numeric keypad
		String recovery = StaffSessions.page(mvc, session, STEP + "?recovery=code");
		String recoveryField = recovery.substring(recovery.indexOf("<input id=\"code\""),
				recovery.indexOf(">", recovery.indexOf("<input id=\"code\"")));
		assertThat(recoveryField).contains("autocomplete=\"one-time-code\"", "autofocus").doesNotContain("inputmode");
		assertThat(recovery).contains("Recovery code");
	}

	@Test
	void theThrottleSaysHowLongToWait() throws Exception {
		String email = enrolled("Waiting Room");
		MockHttpSession session = passwordOnly(email);
		String throttled = null;
		for (int i = 0; i < 6 && throttled == null; i++) {
			String target = sendCode(session, "99999" + i).andReturn().getResponse().getRedirectedUrl();
			if (target.contains("throttled=")) {
				throttled = target;
			}
		}
		assertThat(throttled).matches(".*\\?throttled=[0-9]+");
		assertThat(StaffSessions.page(mvc, session, throttled))
			.containsPattern("Please wait [0-9]+ (second|seconds|minute|minutes) before trying again");
	}

	@Test
	void wrongCodesAreThrottledWithThePasswordsCountersAndTheSameAnswer() throws Exception {
		String email = enrolled("Guessed Password");
		MockHttpSession session = passwordOnly(email);
		for (int i = 0; i < 3; i++) {
			sendCode(session, "99999" + i);
		}
		sendCode(session, "999999").andExpect(redirectedUrlPattern(STEP + "?throttled=*"));
		// the password sign-in is held back as well, right password or not
		mvc.perform(post("/login").with(csrf())
			.with(fromOwnAddress())
			.param("email", email)
			.param("password", StaffTestAccounts.PASSWORD)).andExpect(redirectedUrlPattern("/login?throttled=*"));
		mvc.perform(post("/login").with(csrf())
			.with(fromOwnAddress())
			.param("email", email)
			.param("password", "not it at all")).andExpect(redirectedUrlPattern("/login?throttled=*"));
	}

	@Test
	void aPasswordOnlySessionCannotEnrolAnotherFactorOnceTheAccountHasOne() throws Exception {
		String email = enrolled("Has An App");
		MockHttpSession session = passwordOnly(email);
		mvc.perform(post(SecurityPageController.PATH + "/app").session(session).with(csrf()))
			.andExpect(redirectedUrl(STEP));
		mvc.perform(post("/webauthn/register/options").session(session).with(csrf()));
		mvc.perform(post("/webauthn/register").session(session).with(csrf()).contentType("application/json")
			.content("{}")).andExpect(redirectedUrl(STEP));
	}

	@Test
	void anAdministratorResetsAnothersFactorsInTheTrailAndThePersonMustEnrolAgain() throws Exception {
		String admin = enrolled("Reset Admin", StaffRole.ADMIN);
		String person = enrolled("Reset Person");
		MockHttpSession personsSession = StaffSessions.signIn(mvc, person);
		long id = accounts.byEmail(person).orElseThrow().getId();

		MockHttpSession adminSession = StaffSessions.signIn(mvc, admin);
		mvc.perform(post("/staff/users/" + id + "/second-factors/reset").session(adminSession).with(csrf()))
			.andExpect(redirectedUrl("/staff/users"));

		assertThat(jdbc.sql("select action from audit_entry where actor_email = ? and subject_id = ?")
			.params(admin, id)
			.query(String.class)
			.list()).contains("STAFF_SECOND_FACTORS_RESET");
		mvc.perform(get("/staff/inquiries").session(personsSession)).andExpect(redirectedUrl("/login?expired"));
		MockHttpSession next = passwordOnly(person);
		mvc.perform(get(STEP).session(next)).andExpect(redirectedUrl(SecurityPageController.PATH));
	}

	@Test
	void anAdministratorCannotResetTheirOwnFactorsThereAndStaffCannotResetAnyones() throws Exception {
		String admin = enrolled("Self Resetter", StaffRole.ADMIN);
		String staff = enrolled("Front Desk Resetter");
		long adminId = accounts.byEmail(admin).orElseThrow().getId();

		MockHttpSession adminSession = StaffSessions.signIn(mvc, admin);
		mvc.perform(post("/staff/users/" + adminId + "/second-factors/reset").session(adminSession).with(csrf()))
			.andExpect(redirectedUrl("/staff/users"));
		MockHttpSession staffSession = StaffSessions.signIn(mvc, staff);
		mvc.perform(post("/staff/users/" + adminId + "/second-factors/reset").session(staffSession).with(csrf()))
			.andExpect(status().isForbidden());

		assertThat(jdbc.sql("select count(*) from staff_totp where account_id = ?")
			.param(adminId)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void theTestShortcutHoldsExactlyTheAuthoritiesOfTheRealTwoStepSignIn() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Real Path", StaffRole.ADMIN);
		MockHttpSession session = StaffSessions.signIn(mvc, admin);
		SecurityContext context = (SecurityContext) session
			.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);

		assertThat(names(context.getAuthentication()))
			.isEqualTo(names(StaffTestAccounts.twoFactorAuthentication(admin, "ADMIN", "STAFF")))
			.contains("FACTOR_PASSWORD", SecondFactorRule.CODE_AUTHORITY);
		assertThat(context.getAuthentication().getName()).isEqualTo(admin);
	}

	private static Set<String> names(Authentication authentication) {
		return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
	}

	private String enrolled(String name) throws Exception {
		return enrolled(name, StaffRole.STAFF);
	}

	/** An account whose authenticator app is enrolled, signed out again. */
	private String enrolled(String name, StaffRole role) throws Exception {
		String email = StaffTestAccounts.create(accounts, name, role);
		StaffSessions.signIn(mvc, email);
		return email;
	}

	/** A session signed in with the password only. */
	private MockHttpSession passwordOnly(String email) throws Exception {
		MvcResult result = mvc.perform(post("/login").with(csrf())
			.param("email", email)
			.param("password", StaffTestAccounts.PASSWORD)).andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/staff/inquiries");
		return StaffSessions.sessionOf(result);
	}

	/**
	 * Sends a code from an address of its own (from the documentation prefix 2001:db8::/32, RFC 3849), so that its failures are not counted
	 * against the address every other test signs in from.
	 */
	private org.springframework.test.web.servlet.ResultActions sendCode(MockHttpSession session, String code)
			throws Exception {
		return mvc.perform(post(STEP).session(session).with(csrf()).with(fromOwnAddress()).param("code", code));
	}

	private static final java.util.concurrent.atomic.AtomicInteger ADDRESSES = new java.util.concurrent.atomic.AtomicInteger();

	/** Each request from a new address, so only the account's own count adds up across a test's attempts. */
	private static org.springframework.test.web.servlet.request.RequestPostProcessor fromOwnAddress() {
		int n = ADDRESSES.incrementAndGet();
		return request -> {
			request.setRemoteAddr("2001:db8:13:" + Integer.toHexString(n) + "::1");
			return request;
		};
	}

	private static List<String> recoveryCodes(String page) {
		Matcher code = Pattern.compile("<code>([a-z2-9]{5}-[a-z2-9]{5})</code>").matcher(page);
		List<String> codes = new java.util.ArrayList<>();
		while (code.find()) {
			codes.add(code.group(1));
		}
		return codes;
	}

	private List<String> actions(String email) {
		return jdbc.sql("select action from audit_entry where actor_email = ?").param(email).query(String.class).list();
	}

}

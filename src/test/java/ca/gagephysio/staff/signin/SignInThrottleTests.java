package ca.gagephysio.staff.signin;

import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import ca.gagephysio.staff.trail.AuditEntryRepository;

import java.util.ArrayList;
import java.util.List;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.ManagementServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Password guessing. The test settings make the slow-down wait ten minutes, so the outcome never depends on how
 * fast the machine runs; each test signs in from its own made-up client address. (A burst of parallel guesses:
 * {@code ParallelSignInAttemptsTests}.)
 */
@ClinicIntegrationTest
class SignInThrottleTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	AuditEntryRepository audit;

	@LocalManagementPort
	int managementPort;

	@Test
	void repeatedFailuresAreThrottledExactlyAlikeForRealAndUnknownAccounts() throws Exception {
		String real = StaffTestAccounts.create(accounts, "Real Person", StaffRole.STAFF);
		String unknown = "nobody-" + real;

		List<String> realOutcomes = guess(real, "198.51.100.1", 5);
		List<String> unknownOutcomes = guess(unknown, "198.51.100.2", 5);

		assertThat(realOutcomes).containsExactly("/login?error", "/login?error", "/login?throttled",
				"/login?throttled", "/login?throttled");
		assertThat(unknownOutcomes).isEqualTo(realOutcomes);
		assertThat(mvc.perform(get("/login?throttled")).andReturn().getResponse().getContentAsString())
			.contains("Too many sign-in attempts")
			.doesNotContain(real);
	}

	@Test
	void aThrottledAttemptIsToldHowLongToWait() throws Exception {
		String real = StaffTestAccounts.create(accounts, "Waiting Person", StaffRole.STAFF);
		String address = "198.51.100.10";
		guess(real, address, 3);

		String throttled = mvc.perform(post("/login").with(csrf())
			.with(request -> StaffSecurityTests.remote(request, address))
			.param("email", real)
			.param("password", "not the password either")).andReturn().getResponse().getRedirectedUrl();

		// the test settings' first slow-down wait is ten minutes, less the moment since the last attempt
		assertThat(throttled).matches("/login\\?throttled=(59[0-9]|600)");
		assertThat(mvc.perform(get(throttled)).andReturn().getResponse().getContentAsString())
			.contains("Too many sign-in attempts. Please wait 10 minutes before trying again");
		assertThat(mvc.perform(get("/login?throttled=42")).andReturn().getResponse().getContentAsString())
			.contains("Please wait 42 seconds");
		assertThat(mvc.perform(get("/login?throttled=nonsense")).andReturn().getResponse().getContentAsString())
			.contains("Please wait a little before trying again");
	}

	@Test
	void onceThrottledEvenTheRightPasswordIsRefused() throws Exception {
		String real = StaffTestAccounts.create(accounts, "Real Person", StaffRole.STAFF);
		guess(real, "198.51.100.3", 3);

		String outcome = mvc.perform(post("/login").with(csrf())
			.with(request -> StaffSecurityTests.remote(request, "198.51.100.4"))
			.param("email", real)
			.param("password", StaffTestAccounts.PASSWORD)).andReturn().getResponse().getRedirectedUrl();

		assertThat(outcome).startsWith("/login?throttled=");
	}

	@Test
	void oneAddressTryingManyAccountsIsThrottled() throws Exception {
		String address = "198.51.100.5";
		List<String> outcomes = new ArrayList<>();
		for (int i = 0; i < 21; i++) {
			outcomes.addAll(guess("spray-" + i + "@test.gagephysio.ca", address, 1));
		}
		assertThat(outcomes.get(0)).isEqualTo("/login?error");
		assertThat(outcomes.get(20)).isEqualTo("/login?throttled");
	}

	@Test
	void failedAndThrottledSignInsAreCountedInTheMetrics() throws Exception {
		ManagementServer management = new ManagementServer(managementPort);
		double rejected = management.value("clinic_sign_in_failures_total{outcome=\"rejected\"}").orElseThrow();
		double throttled = management.value("clinic_sign_in_failures_total{outcome=\"throttled\"}").orElseThrow();

		guess(StaffTestAccounts.create(accounts, "Counted Person", StaffRole.STAFF), "198.51.100.9", 4);

		assertThat(management.value("clinic_sign_in_failures_total{outcome=\"rejected\"}")).hasValue(rejected + 3);
		assertThat(management.value("clinic_sign_in_failures_total{outcome=\"throttled\"}")).hasValue(throttled + 1);
	}

	@Test
	void failedAndSuccessfulSignInsAreInTheAccessTrail() throws Exception {
		String real = StaffTestAccounts.create(accounts, "Audited Person", StaffRole.STAFF);
		guess(real, "198.51.100.6", 1);
		mvc.perform(post("/login").with(csrf())
			.with(request -> StaffSecurityTests.remote(request, "198.51.100.6"))
			.param("email", real)
			.param("password", StaffTestAccounts.PASSWORD));

		Long id = accounts.byEmail(real).orElseThrow().getId();
		List<String> actions = audit.search(id, null, null, AuditEntryRepository.BEGINNING, AuditEntryRepository.END,
				org.springframework.data.domain.Pageable.unpaged())
			.map(entry -> entry.getAction() + " from " + entry.getClientAddress())
			.getContent();
		assertThat(actions).contains("SIGN_IN_FAILED from 198.51.100.6", "SIGN_IN_PASSWORD_ACCEPTED from 198.51.100.6");
	}

	private List<String> guess(String email, String address, int times) throws Exception {
		List<String> outcomes = new ArrayList<>();
		for (int i = 0; i < times; i++) {
			outcomes.add(mvc.perform(post("/login").with(csrf())
				.with(request -> StaffSecurityTests.remote(request, address))
				.param("email", email)
				.param("password", "not the password at all " + i)).andReturn().getResponse().getRedirectedUrl()
				.replaceFirst("throttled=[0-9]+$", "throttled"));
		}
		return outcomes;
	}

}

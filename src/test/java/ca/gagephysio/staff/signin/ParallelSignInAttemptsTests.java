package ca.gagephysio.staff.signin;

import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import ca.gagephysio.staff.secondfactor.SecondFactorRule;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import ca.gagephysio.ClinicIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A burst of guesses sent all at once, each on its own thread, released together by one latch: never more are checked
 * than the throttle allows one at a time. What was checked is read from the access trail, where every checked and
 * wrong password or code leaves {@code SIGN_IN_FAILED} or {@code SECOND_FACTOR_FAILED} and every refused one
 * {@code SIGN_IN_THROTTLED} or {@code SECOND_FACTOR_THROTTLED}. The test settings make the slow-down wait ten
 * minutes, so however slowly the burst runs, exactly {@code slow-down-after} attempts are admitted.
 */
@ClinicIntegrationTest
class ParallelSignInAttemptsTests {

	private static final int BURST = 20;

	private static final AtomicInteger ADDRESSES = new AtomicInteger();

	@Autowired
	MockMvc mvc;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	StaffProperties properties;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aBurstOfWrongPasswordsForOneAccountHasNoMoreCheckedThanTheLimit() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Burst Target", StaffRole.STAFF);

		List<String> outcomes = all(BURST, i -> post("/login").with(csrf())
			.with(request -> StaffSecurityTests.remote(request, ownAddress()))
			.param("email", email)
			.param("password", "a wrong guess number " + i));

		int allowed = properties.signIn().slowDownAfter();
		assertThat(trail(email, "SIGN_IN_FAILED")).as("passwords checked").isEqualTo(allowed);
		assertThat(trail(email, "SIGN_IN_THROTTLED")).as("refused unchecked").isEqualTo(BURST - allowed);
		assertThat(outcomes).allMatch(url -> url.equals("/login?error") || url.startsWith("/login?throttled="));
	}

	@Test
	void aBurstFromOneAddressAcrossManyAccountsHasNoMoreCheckedThanTheLimit() throws Exception {
		String address = ownAddress();
		String prefix = "spray-" + ADDRESSES.incrementAndGet() + "-" + System.nanoTime();

		all(BURST, i -> post("/login").with(csrf())
			.with(request -> StaffSecurityTests.remote(request, address))
			.param("email", prefix + "-" + i + "@test.gagephysio.ca")
			.param("password", "a wrong guess"));

		assertThat(jdbc.sql("select count(*) from audit_entry where actor_email like ? and action = 'SIGN_IN_FAILED'")
			.param(prefix + "-%")
			.query(Integer.class)
			.single()).as("passwords checked").isEqualTo(properties.signIn().slowDownAfter());
	}

	@Test
	void aBurstOfWrongAppCodesHasNoMoreCheckedThanTheLimit() throws Exception {
		String email = enrolled("Code Burst Target");
		List<MockHttpSession> sessions = passwordOnlySessions(email, BURST);

		all(BURST, i -> post(SecondFactorRule.STEP_PATH).session(sessions.get(i))
			.with(csrf())
			.with(request -> StaffSecurityTests.remote(request, ownAddress()))
			.param("code", String.format("%06d", i)));

		int allowed = properties.signIn().slowDownAfter();
		assertThat(trail(email, "SECOND_FACTOR_FAILED")).as("codes checked").isEqualTo(allowed);
		assertThat(trail(email, "SECOND_FACTOR_THROTTLED")).as("refused unchecked").isEqualTo(BURST - allowed);
		assertThat(trail(email, "SECOND_FACTOR_APP")).isZero();
	}

	@Test
	void aBurstOfWrongRecoveryCodesHasNoMoreCheckedThanTheLimit() throws Exception {
		String email = enrolled("Recovery Burst Target");
		List<MockHttpSession> sessions = passwordOnlySessions(email, BURST);

		all(BURST, i -> post(SecondFactorRule.STEP_PATH).session(sessions.get(i))
			.with(csrf())
			.with(request -> StaffSecurityTests.remote(request, ownAddress()))
			.param("code", "wrong-recovery-code-" + i));

		int allowed = properties.signIn().slowDownAfter();
		assertThat(trail(email, "SECOND_FACTOR_FAILED")).as("recovery codes checked").isEqualTo(allowed);
		assertThat(trail(email, "SECOND_FACTOR_THROTTLED")).as("refused unchecked").isEqualTo(BURST - allowed);
	}

	/** An account whose authenticator app (and so its recovery codes) is enrolled. */
	private String enrolled(String name) throws Exception {
		String email = StaffTestAccounts.create(accounts, name, StaffRole.STAFF);
		StaffSessions.signIn(mvc, email);
		return email;
	}

	/** Sessions signed in with the password only, one after another: each right password is given back. */
	private List<MockHttpSession> passwordOnlySessions(String email, int count) throws Exception {
		List<MockHttpSession> sessions = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			MvcResult result = mvc.perform(post("/login").with(csrf())
				.with(request -> StaffSecurityTests.remote(request, ownAddress()))
				.param("email", email)
				.param("password", StaffTestAccounts.PASSWORD)).andReturn();
			assertThat(result.getResponse().getRedirectedUrl()).as("password " + (i + 1)).isEqualTo("/staff/inquiries");
			sessions.add(StaffSessions.sessionOf(result));
		}
		return sessions;
	}

	/** Sends {@code count} requests on as many threads, all released at once; returns where each was sent. */
	private List<String> all(int count, Request request) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(count);
		try {
			CountDownLatch ready = new CountDownLatch(count);
			CountDownLatch go = new CountDownLatch(1);
			List<Future<String>> sent = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				MockHttpServletRequestBuilder builder = request.build(i);
				sent.add(threads.submit(() -> {
					ready.countDown();
					go.await();
					return mvc.perform(builder).andReturn().getResponse().getRedirectedUrl();
				}));
			}
			ready.await();
			go.countDown();
			List<String> outcomes = new ArrayList<>();
			for (Future<String> each : sent) {
				outcomes.add(each.get());
			}
			return outcomes;
		}
		finally {
			threads.shutdownNow();
		}
	}

	private int trail(String email, String action) {
		return jdbc.sql("select count(*) from audit_entry where actor_email = ? and action = ?")
			.params(email, action)
			.query(Integer.class)
			.single();
	}

	/** A client address no other request uses (2001:db8::/32 is for documentation, RFC 3849). */
	private static String ownAddress() {
		return "2001:db8:19:" + Integer.toHexString(ADDRESSES.incrementAndGet()) + "::1";
	}

	private interface Request {

		MockHttpServletRequestBuilder build(int index);

	}

}

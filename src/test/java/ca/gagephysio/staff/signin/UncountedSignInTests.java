package ca.gagephysio.staff.signin;

import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import ca.gagephysio.staff.secondfactor.SecondFactorRule;

import java.util.concurrent.atomic.AtomicInteger;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.UnavailableTable;
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

/**
 * When the throttle cannot count an attempt (its table is out of reach, as in a database error), the attempt is
 * refused unchecked with words saying so, even with the right password or code: nothing gets through uncounted.
 */
@ClinicIntegrationTest
class UncountedSignInTests {

	private static final String THROTTLE_TABLE = "staff_sign_in_failure";

	private static final AtomicInteger ADDRESSES = new AtomicInteger();

	@Autowired
	MockMvc mvc;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theRightPasswordIsRefusedUncheckedWithAClearMessageWhenTheAttemptCannotBeCounted() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Uncounted Person", StaffRole.STAFF);

		MvcResult refused;
		try (UnavailableTable gone = UnavailableTable.of(jdbc, THROTTLE_TABLE)) {
			refused = mvc.perform(post("/login").with(csrf())
				.with(request -> StaffSecurityTests.remote(request, ownAddress()))
				.param("email", email)
				.param("password", StaffTestAccounts.PASSWORD)).andReturn();
		}

		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/login?unavailable");
		MockHttpSession session = StaffSessions.sessionOf(refused);
		assertThat(session == null ? null : session.getAttribute("SPRING_SECURITY_CONTEXT")).as("not signed in").isNull();
		assertThat(actions(email)).contains("SIGN_IN_UNCOUNTED").doesNotContain("SIGN_IN_PASSWORD_ACCEPTED");
		assertThat(mvc.perform(get("/login?unavailable")).andReturn().getResponse().getContentAsString())
			.contains("Sign-in is unavailable for a moment: this attempt could not be recorded, so it was not checked.");
		mvc.perform(post("/login").with(csrf())
			.with(request -> StaffSecurityTests.remote(request, ownAddress()))
			.param("email", email)
			.param("password", StaffTestAccounts.PASSWORD)).andExpect(redirectedUrl("/staff/inquiries"));
	}

	@Test
	void theRightCodeIsRefusedUncheckedWhenTheAttemptCannotBeCounted() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Uncounted Code", StaffRole.STAFF);
		StaffSessions.signIn(mvc, email);
		MockHttpSession session = StaffSessions.sessionOf(mvc.perform(post("/login").with(csrf())
			.param("email", email)
			.param("password", StaffTestAccounts.PASSWORD)).andReturn());

		try (UnavailableTable gone = UnavailableTable.of(jdbc, THROTTLE_TABLE)) {
			mvc.perform(post(SecondFactorRule.STEP_PATH).session(session)
				.with(csrf())
				.param("code", StaffTestAccounts.nextCode(mvc, email)))
				.andExpect(redirectedUrl(SecondFactorRule.STEP_PATH + "?unavailable"));
		}

		mvc.perform(get("/staff/inquiries").session(session)).andExpect(redirectedUrl(SecondFactorRule.STEP_PATH));
		assertThat(actions(email)).contains("SECOND_FACTOR_UNCOUNTED").doesNotContain("SECOND_FACTOR_FAILED");
		assertThat(mvc.perform(get(SecondFactorRule.STEP_PATH + "?unavailable").session(session))
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("Sign-in is unavailable for a moment");
	}

	private java.util.List<String> actions(String email) {
		return jdbc.sql("select action from audit_entry where actor_email = ?").param(email).query(String.class).list();
	}

	/** A client address no other request uses (2001:db8::/32 is for documentation, RFC 3849). */
	private static String ownAddress() {
		return "2001:db8:1a:" + Integer.toHexString(ADDRESSES.incrementAndGet()) + "::1";
	}

}

package ca.gagephysio.staff.signin;

import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;

import java.util.List;

import java.net.http.HttpResponse;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.LiveServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@ClinicIntegrationTest
public class StaffSecurityTests {

	private static final List<String> STAFF_PAGES = List.of("/staff", "/staff/inquiries", "/staff/inquiries/1",
			"/staff/inquiries/export.csv", "/staff/inquiries/access-request", "/staff/users", "/staff/audit",
			"/staff/password");

	@Autowired
	MockMvc mvc;

	@Autowired
	StaffAccounts accounts;

	@Test
	void anonymousRequestsToEveryStaffPageAreSentToSignIn() throws Exception {
		for (String path : STAFF_PAGES) {
			mvc.perform(get(path)).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
		}
	}

	@Test
	void anonymousPostsToStaffActionsAreRefused() throws Exception {
		for (String path : List.of("/staff/inquiries/1/status", "/staff/inquiries/1/note", "/staff/users",
				"/staff/users/1/disable", "/staff/password", "/staff/inquiries/access-request")) {
			MvcResult result = mvc.perform(post(path).with(csrf()).param("status", "CLOSED").param("version", "0"))
				.andReturn();
			assertThat(result.getResponse().getStatus()).as(path).isIn(302, 401, 403);
			if (result.getResponse().getStatus() == 302) {
				assertThat(result.getResponse().getRedirectedUrl()).as(path).isEqualTo("/login");
			}
		}
	}

	@Test
	void aStaffAccountCannotReachUserManagementTheAccessTrailOrRightOfAccess() throws Exception {
		String staff = StaffTestAccounts.create(accounts, "Front Desk", StaffRole.STAFF);
		for (String path : List.of("/staff/users", "/staff/audit", "/staff/inquiries/access-request")) {
			mvc.perform(get(path).with(StaffTestAccounts.signedIn(staff, "STAFF"))).andExpect(status().isForbidden());
		}
		mvc.perform(post("/staff/users").with(StaffTestAccounts.signedIn(staff, "STAFF")).with(csrf())
			.param("email", "intruder@test.gagephysio.ca")
			.param("displayName", "Intruder")
			.param("role", "ADMIN")).andExpect(status().isForbidden());
		assertThat(accounts.byEmail("intruder@test.gagephysio.ca")).isEmpty();
	}

	@Test
	void anAdminReachesUserManagementAndTheAccessTrail() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Privacy Officer", StaffRole.ADMIN);
		mvc.perform(get("/staff/users").with(StaffTestAccounts.signedIn(admin, "ADMIN", "STAFF"))).andExpect(status().isOk());
		mvc.perform(get("/staff/audit").with(StaffTestAccounts.signedIn(admin, "ADMIN", "STAFF"))).andExpect(status().isOk());
	}

	@Test
	void aPostWithoutCsrfTokenIsRefused() throws Exception {
		String staff = StaffTestAccounts.create(accounts, "Front Desk", StaffRole.STAFF);
		mvc.perform(post("/staff/inquiries/1/note").with(StaffTestAccounts.signedIn(staff, "STAFF")).param("note", "hello"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/login").param("email", staff).param("password", StaffTestAccounts.PASSWORD))
			.andExpect(redirectedUrl("/login?expired"))
			.andExpect(unauthenticated());
	}

	@Test
	void signInGivesANewSessionIdAndSignOutEndsTheSessionAndClearsSiteData() throws Exception {
		String staff = StaffTestAccounts.create(accounts, "Front Desk", StaffRole.STAFF);
		MockHttpSession session = new MockHttpSession();
		String idBefore = session.getId();

		MvcResult signIn = mvc.perform(post("/login").session(session)
			.with(csrf())
			.with(request -> remote(request, "192.0.2.10"))
			.param("email", staff)
			.param("password", StaffTestAccounts.PASSWORD))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/staff/inquiries"))
			.andReturn();
		MockHttpSession signedIn = (MockHttpSession) signIn.getRequest().getSession(false);
		assertThat(signedIn.getId()).isNotEqualTo(idBefore);
		String idAfterPassword = signedIn.getId();
		signedIn = StaffSessions.sessionOf(StaffSessions.secondStep(mvc, signedIn, staff));
		assertThat(signedIn.getId()).as("a new id again once the second factor is done").isNotEqualTo(idAfterPassword);
		mvc.perform(get("/staff/inquiries").session(signedIn)).andExpect(status().isOk());

		mvc.perform(post("/logout").session(signedIn).with(csrf()))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/login?signedOut"))
			.andExpect(header().string("Clear-Site-Data", "\"cache\", \"cookies\", \"storage\""));
		assertThat(signedIn.isInvalid()).isTrue();
	}

	@Test
	void theSignInPageUsesTheSiteLayoutIsNotIndexedAndCarriesACsrfToken() throws Exception {
		mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"_csrf\"")))
			.andExpect(content().string(containsString("name=\"robots\" content=\"noindex\"")))
			.andExpect(content().string(containsString("site-footer")));
	}

	@Test
	void theSessionCookieIsHttpOnlyAndSameSiteLaxAndStaffPagesAreNeverCached(@LocalServerPort int port) {
		LiveServer server = new LiveServer(port);

		HttpResponse<String> login = server.get("/login");
		HttpResponse<String> inbox = server.get("/staff/inquiries");

		assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
			.startsWith("JSESSIONID=")
			.containsIgnoringCase("HttpOnly")
			.containsIgnoringCase("SameSite=Lax"));
		assertThat(login.headers().firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("no-store"));
		assertThat(inbox.statusCode()).isEqualTo(302);
		assertThat(inbox.headers().firstValue("Location")).hasValueSatisfying(value -> assertThat(value).endsWith("/login"));
	}

	public static MockHttpServletRequest remote(MockHttpServletRequest request, String address) {
		request.setRemoteAddr(address);
		return request;
	}

}

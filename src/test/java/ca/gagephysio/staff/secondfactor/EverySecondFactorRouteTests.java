package ca.gagephysio.staff.secondfactor;

import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import ca.gagephysio.staff.signin.SignInEvents;
import ca.gagephysio.staff.signin.StaffSessions;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import ca.gagephysio.ClinicIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Walks every {@code /staff/**} route the application declares (so a page added later is covered without anyone
 * adding it here) with a session signed in by password alone, and expects each to send it to the second step:
 * inquiries, exports, access requests, the audit trail, insights, templates, settings, accounts, all of them.
 */
@ClinicIntegrationTest
class EverySecondFactorRouteTests {

	/** What a password-only session may reach: the second step itself (and a temporary password's change). */
	private static final Set<String> OPEN_TO_A_PASSWORD = Set.of(SecondFactorRule.STEP_PATH);

	/**
	 * What is open to anyone, signed in or not: a one-time link's page, where the link itself is the credential
	 * (proved in {@code StaffInvitationTests}).
	 */
	private static final Set<String> OPEN_TO_ANYONE = Set.of(SignInEvents.INVITATION_PATH);

	@Autowired
	MockMvc mvc;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void aPasswordWithoutTheSecondFactorReachesNoBackOfficeRoute() throws Exception {
		for (StaffRole role : StaffRole.values()) {
			String email = StaffTestAccounts.create(accounts, "Password Only " + role, role);
			StaffSessions.signIn(mvc, email); // enrols an app, so the account has a second factor to ask for
			MockHttpSession session = StaffSessions.sessionOf(mvc.perform(post("/login").with(csrf())
				.param("email", email)
				.param("password", StaffTestAccounts.PASSWORD)).andReturn());

			List<String> walked = new ArrayList<>();
			for (Route route : staffRoutes()) {
				MvcResult result = mvc.perform(request(route.method(), route.path()).session(session).with(csrf()))
					.andReturn();
				assertThat(result.getResponse().getRedirectedUrl())
					.as(role + " " + route.method() + " " + route.path())
					.isEqualTo(SecondFactorRule.STEP_PATH);
				walked.add(route.path());
			}
			assertThat(walked).as("routes walked").hasSizeGreaterThan(40)
				.contains("/staff/inquiries", "/staff/audit", "/staff/settings", "/staff/users", "/staff/password",
						SecurityPageController.PATH + "/app");
		}
	}

	private List<Route> staffRoutes() {
		List<Route> routes = new ArrayList<>();
		for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				if (!pattern.startsWith("/staff") || OPEN_TO_A_PASSWORD.contains(pattern)
						|| OPEN_TO_ANYONE.contains(pattern)) {
					continue;
				}
				String path = pattern.replaceAll("\\{[^}]+}", "1").replace("/**", "/any");
				if (methods.isEmpty()) {
					routes.add(new Route(HttpMethod.GET, path));
					routes.add(new Route(HttpMethod.POST, path));
				}
				for (RequestMethod method : methods) {
					routes.add(new Route(method.asHttpMethod(), path));
				}
			}
		}
		return routes;
	}

	private record Route(HttpMethod method, String path) {
	}

}

package ca.gagephysio.staff;

import ca.gagephysio.staff.account.StaffTestAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffAccounts;
import java.lang.reflect.Method;

import ca.gagephysio.ClinicIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A back-office page whose module forgot to declare it (no {@code BackOfficePages} names its path) is closed to
 * everyone, administrators signed in with both factors included: the back office fails closed. The page is a
 * handler mapped for the length of the test in the shared context's own handler mapping (so requests go through
 * the real filter chain and dispatcher, and the run keeps its one Spring context); mapped outside {@code /staff}
 * too, where it answers, so what refuses it under {@code /staff} is the missing rule and nothing else.
 */
@ClinicIntegrationTest
class UndeclaredStaffRouteTests {

	private static final String UNDECLARED = "/staff/undeclared-probe";

	private static final String OUTSIDE_THE_BACK_OFFICE = "/undeclared-probe";

	@Autowired
	MockMvc mvc;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void aStaffRouteNoModuleDeclaredIsRefusedToAnAdministratorWithBothFactors() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Undeclared Route Admin", StaffRole.ADMIN);
		String staff = StaffTestAccounts.create(accounts, "Undeclared Route Staff", StaffRole.STAFF);
		RequestMappingInfo undeclared = route(UNDECLARED);
		RequestMappingInfo outside = route(OUTSIDE_THE_BACK_OFFICE);
		Method answer = Probe.class.getMethod("answer");
		mappings.registerMapping(undeclared, new Probe(), answer);
		mappings.registerMapping(outside, new Probe(), answer);
		try {
			mvc.perform(get(OUTSIDE_THE_BACK_OFFICE))
				.andExpect(status().isOk())
				.andExpect(content().string(Probe.ANSWER));

			mvc.perform(get(UNDECLARED).with(StaffTestAccounts.signedIn(admin, "ADMIN", "STAFF")))
				.andExpect(status().isForbidden())
				.andExpect(content().string(not(containsString(Probe.ANSWER))));
			mvc.perform(post(UNDECLARED).with(csrf()).with(StaffTestAccounts.signedIn(admin, "ADMIN", "STAFF")))
				.andExpect(status().isForbidden())
				.andExpect(content().string(not(containsString(Probe.ANSWER))));
			mvc.perform(get(UNDECLARED).with(StaffTestAccounts.signedIn(staff, "STAFF")))
				.andExpect(status().isForbidden())
				.andExpect(content().string(not(containsString(Probe.ANSWER))));
		}
		finally {
			mappings.unregisterMapping(undeclared);
			mappings.unregisterMapping(outside);
		}
	}

	private RequestMappingInfo route(String path) {
		return RequestMappingInfo.paths(path).options(mappings.getBuilderConfiguration()).build();
	}

	/** The forgotten page: it answers whoever reaches it. */
	public static class Probe {

		static final String ANSWER = "the undeclared page answered";

		@ResponseBody
		public String answer() {
			return ANSWER;
		}

	}

}

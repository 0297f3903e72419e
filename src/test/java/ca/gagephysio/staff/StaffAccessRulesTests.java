package ca.gagephysio.staff;

import ca.gagephysio.staff.account.StaffTestAccounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import ca.gagephysio.ClinicIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.server.PathContainer;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may open which back-office route, now that each module declares its own pages, is what it was when one list
 * in {@code StaffSecurityConfig} said it: asked of the filter chain's own rules for every {@code /staff} route the
 * application maps (so a page added later is covered), for a staff account and an administrator, both signed in
 * with two factors. Administrators open everything; staff everything but the pages below (today's, pinned, so a
 * module that drops its rule is caught) and those a module declares for administrators (so a new page needs no edit
 * here).
 */
@ClinicIntegrationTest
class StaffAccessRulesTests {

	/** The administrators-only paths as {@code StaffSecurityConfig} listed them before modules declared their own. */
	private static final List<PathPattern> ADMINISTRATORS_ONLY = Set
		.of("/staff/users/**", "/staff/audit/**", "/staff/inquiries/access-request/**", "/staff/settings/**",
				"/staff/templates/**", "/staff/insights/**", "/staff/articles/*/publish", "/staff/articles/*/schedule",
				"/staff/articles/*/unpublish", "/staff/articles/*/delete", "/staff/team/*/publish",
				"/staff/team/*/unpublish", "/staff/team/*/delete")
		.stream()
		.map(PathPatternParser.defaultInstance::parse)
		.toList();

	@Autowired
	WebInvocationPrivilegeEvaluator rules;

	/** Every module's declaration: a page added later is expected closed to staff when its module says so. */
	@Autowired
	List<BackOfficePages> declared;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void staffOpenEveryRouteButTheAdministratorsOnesAndAdministratorsOpenEveryRoute() {
		Authentication staff = StaffTestAccounts.twoFactorAuthentication("rules-staff@test.gagephysio.ca", "STAFF");
		Authentication admin = StaffTestAccounts.twoFactorAuthentication("rules-admin@test.gagephysio.ca", "ADMIN",
				"STAFF");
		Set<String> refusedToStaff = new TreeSet<>();
		Set<String> expectedRefusedToStaff = new TreeSet<>();
		Set<String> refusedToAdministrators = new TreeSet<>();
		List<String> routes = staffRoutes();
		for (String route : routes) {
			String method = route.substring(0, route.indexOf(' '));
			String path = route.substring(route.indexOf(' ') + 1);
			if (!rules.isAllowed(null, path, method, staff)) {
				refusedToStaff.add(route);
			}
			if (!rules.isAllowed(null, path, method, admin)) {
				refusedToAdministrators.add(route);
			}
			PathContainer container = PathContainer.parsePath(path);
			if (ADMINISTRATORS_ONLY.stream().anyMatch(pattern -> pattern.matches(container))
					|| declaredForAdministrators().stream().anyMatch(pattern -> pattern.matches(container))) {
				expectedRefusedToStaff.add(route);
			}
		}
		assertThat(routes).hasSizeGreaterThan(40);
		assertThat(expectedRefusedToStaff).hasSizeGreaterThan(15);
		assertThat(refusedToStaff).isEqualTo(expectedRefusedToStaff);
		assertThat(refusedToAdministrators).isEmpty();
	}

	private List<PathPattern> declaredForAdministrators() {
		return declared.stream()
			.flatMap(pages -> pages.forAdministrators().stream())
			.map(PathPatternParser.defaultInstance::parse)
			.toList();
	}

	/** Every mapped {@code /staff} route as "METHOD /path", path variables filled in. */
	private List<String> staffRoutes() {
		List<String> routes = new ArrayList<>();
		for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				if (!pattern.startsWith("/staff")) {
					continue;
				}
				String path = pattern.replaceAll("\\{[^}]+}", "1");
				for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST) : methods) {
					routes.add(method.name() + " " + path);
				}
			}
		}
		return routes;
	}

}

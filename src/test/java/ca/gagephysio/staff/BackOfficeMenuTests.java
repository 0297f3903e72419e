package ca.gagephysio.staff;

import ca.gagephysio.staff.account.AccountController;
import ca.gagephysio.staff.account.StaffTestAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffAccounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.staff.BackOfficePages;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The back-office menu is built from what every module declares ({@link BackOfficePages}): today's entries in
 * today's order for an administrator, and for every role exactly the entries it may open, each of which opens.
 */
@ClinicIntegrationTest
class BackOfficeMenuTests {

	/**
	 * The menu as it was written by hand in the layout before modules contributed it: still there, in this order (a
	 * module's new entry may stand anywhere between them).
	 */
	private static final List<String> ADMINISTRATORS_MENU = List.of("/staff/inquiries", "/staff/articles",
			"/staff/team", "/staff/users", "/staff/audit", "/staff/inquiries/access-request", "/staff/settings",
			"/staff/templates", "/staff/insights", "/staff/account", "/staff/password", "/staff/account/security");

	private static final List<String> STAFF_MENU = List.of("/staff/inquiries", "/staff/articles", "/staff/team",
			"/staff/account", "/staff/password", "/staff/account/security");

	private static final Pattern NAV = Pattern.compile("<nav class=\"staff-nav\"[^>]*>(.*?)</nav>", Pattern.DOTALL);

	private static final Pattern LINK = Pattern.compile("<a href=\"([^\"]+)\">([^<]*)</a>");

	@Autowired
	MockMvc mvc;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	List<BackOfficePages> declared;

	@Autowired
	MessageSource messages;

	@Test
	void anAdministratorSeesTodaysMenuInTodaysOrderWithItsLabels() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Menu Admin", StaffRole.ADMIN);
		List<Link> menu = menuShownTo(StaffTestAccounts.signedIn(admin, "ADMIN", "STAFF"));

		assertThat(menu).extracting(Link::path).containsSubsequence(ADMINISTRATORS_MENU);
		assertThat(menu).extracting(Link::path)
			.as("every declared entry, in its order")
			.containsExactlyElementsOf(entries().stream()
				.sorted(java.util.Comparator.comparingInt(BackOfficePages.MenuEntry::order))
				.map(BackOfficePages.MenuEntry::path)
				.toList());
		for (BackOfficePages.MenuEntry entry : entries()) {
			assertThat(menu).as(entry.messageKey())
				.contains(new Link(entry.path(), messages.getMessage(entry.messageKey(), null, Locale.CANADA)));
		}
	}

	@Test
	void eachRoleSeesExactlyTheEntriesItMayOpen() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Menu Roles Admin", StaffRole.ADMIN);
		String staff = StaffTestAccounts.create(accounts, "Menu Roles Staff", StaffRole.STAFF);
		RequestPostProcessor asAdmin = StaffTestAccounts.signedIn(admin, "ADMIN", "STAFF");
		RequestPostProcessor asStaff = StaffTestAccounts.signedIn(staff, "STAFF");

		assertThat(menuShownTo(asStaff)).extracting(Link::path)
			.containsSubsequence(STAFF_MENU)
			.doesNotContainAnyElementsOf(ADMINISTRATORS_MENU.stream().filter(path -> !STAFF_MENU.contains(path)).toList());
		for (RequestPostProcessor person : List.of(asAdmin, asStaff)) {
			List<String> shown = menuShownTo(person).stream().map(Link::path).toList();
			for (BackOfficePages.MenuEntry entry : entries()) {
				int status = mvc.perform(get(entry.path()).with(person)).andReturn().getResponse().getStatus();
				assertThat(status).as(entry.path() + (person == asAdmin ? " as ADMIN" : " as STAFF"))
					.isEqualTo(shown.contains(entry.path()) ? 200 : 403);
			}
		}
	}

	private List<BackOfficePages.MenuEntry> entries() {
		List<BackOfficePages.MenuEntry> entries = new ArrayList<>();
		declared.forEach(pages -> entries.addAll(pages.menu()));
		assertThat(entries).hasSizeGreaterThanOrEqualTo(ADMINISTRATORS_MENU.size());
		return entries;
	}

	private List<Link> menuShownTo(RequestPostProcessor person) throws Exception {
		String page = mvc.perform(get(AccountController.PATH).with(person)).andReturn().getResponse()
			.getContentAsString();
		Matcher nav = NAV.matcher(page);
		assertThat(nav.find()).as("the back-office menu").isTrue();
		List<Link> links = new ArrayList<>();
		Matcher link = LINK.matcher(nav.group(1));
		while (link.find()) {
			links.add(new Link(link.group(1), HtmlUtils.htmlUnescape(link.group(2))));
		}
		return links;
	}

	private record Link(String path, String label) {
	}

}

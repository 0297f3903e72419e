package ca.gagephysio.staff.account;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.staff.StaffDirectory;
import ca.gagephysio.staff.StaffMember;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * "My account": each person turns new-inquiry emails to themselves on or off, for themselves only, and the rest of
 * the site (through {@link StaffDirectory}) sees the choice at once.
 */
@ClinicIntegrationTest
class AccountPageTests {

	private static final String CHECKED_BOX = "name=\"newInquiryEmails\" value=\"true\" checked=\"checked\"";

	@Autowired
	MockMvc mvc;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	StaffDirectory directory;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aNewAccountIsEmailedAboutNewInquiriesAndSaysSoOnItsPage() throws Exception {
		String email = StaffTestAccounts.createWithNewInquiryEmails(accounts, "New Starter", StaffRole.STAFF);

		mvc.perform(get("/staff/account").with(StaffTestAccounts.signedIn(email, "STAFF")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("New Starter")))
			.andExpect(content().string(containsString("Email me about new inquiries")))
			.andExpect(content().string(containsString(CHECKED_BOX)));
		assertThat(directory.newInquiryAlertRecipients()).extracting(StaffMember::email).contains(email);
	}

	@Test
	void turningNewInquiryEmailsOffAndOnAgainIsSavedRedirectedAndTrailed() throws Exception {
		String email = StaffTestAccounts.createWithNewInquiryEmails(accounts, "Part Timer", StaffRole.STAFF);

		// An unticked box sends only Spring's marker field.
		mvc.perform(post("/staff/account").with(StaffTestAccounts.signedIn(email, "STAFF")).with(csrf())
			.param("_newInquiryEmails", "on"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/staff/account"))
			.andExpect(flash().attribute("flash", "staff.account.saved.off"));
		assertThat(directory.newInquiryAlertRecipients()).extracting(StaffMember::email).doesNotContain(email);
		mvc.perform(get("/staff/account").with(StaffTestAccounts.signedIn(email, "STAFF")))
			.andExpect(content().string(not(containsString("checked=\"checked\""))));

		mvc.perform(post("/staff/account").with(StaffTestAccounts.signedIn(email, "STAFF")).with(csrf())
			.param("newInquiryEmails", "true")
			.param("_newInquiryEmails", "on")).andExpect(redirectedUrl("/staff/account"));
		assertThat(directory.newInquiryAlertRecipients()).extracting(StaffMember::email).contains(email);

		long id = accounts.byEmail(email).orElseThrow().getId();
		assertThat(jdbc.sql("select action from audit_entry where subject_type = 'STAFF_ACCOUNT' and subject_id = ? "
				+ "and action like 'STAFF_NEW_INQUIRY_EMAILS_%' order by id")
			.param(id)
			.query(String.class)
			.list()).containsExactly("STAFF_NEW_INQUIRY_EMAILS_OFF", "STAFF_NEW_INQUIRY_EMAILS_ON");
	}

	@Test
	void theAccountPageNeedsASignedInPersonAndACsrfToken() throws Exception {
		String email = StaffTestAccounts.createWithNewInquiryEmails(accounts, "Careful Person", StaffRole.STAFF);

		mvc.perform(get("/staff/account")).andExpect(redirectedUrl("/login"));
		mvc.perform(post("/staff/account").with(StaffTestAccounts.signedIn(email, "STAFF")).param("_newInquiryEmails", "on"))
			.andExpect(status().isForbidden());
		assertThat(directory.newInquiryAlertRecipients()).extracting(StaffMember::email).contains(email);
	}

}

package ca.gagephysio.notification;

import java.time.Instant;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The "emails are not being sent" notices lead administrators to the outbox page, which says what is wrong and lists
 * the waiting and failed emails; other staff are led to the inbox, and the outbox is closed to them.
 */
@ClinicIntegrationTest
class OutboxPageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	NotificationRepository notifications;

	private Notification failed;

	@AfterEach
	void forgetTheFailedEmail() {
		// a failed email left behind would keep the notice up for the suite's other tests
		if (failed != null) {
			notifications.delete(failed);
		}
	}

	@Test
	void theNoticeLeadsAdministratorsToAPageSayingWhatIsWrongAndListingTheWaitingEmails() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Outbox Reader", StaffRole.ADMIN);
		String staff = StaffTestAccounts.create(accounts, "Desk Reader", StaffRole.STAFF);
		Notification email = Notification.aboutStaffAccount("gave-up-" + System.nanoTime() + "@example.com",
				"Your account", "Hello", Instant.now());
		email.failedForGood("535 5.7.8 Authentication credentials invalid", Instant.now());
		failed = notifications.save(email);

		String inbox = page("/staff/inquiries", admin, "ADMIN", "STAFF");
		assertThat(inbox).containsPattern("could not be sent[^<]*</span>\\s*<a href=\"/staff/outbox\"");

		String outbox = page("/staff/outbox", admin, "ADMIN", "STAFF");
		assertThat(outbox).contains("What is wrong", "stopped trying", "Email about a staff account",
				email.getRecipientEmail(), "535 5.7.8 Authentication credentials invalid");

		String staffInbox = page("/staff/inquiries", staff, "STAFF");
		assertThat(staffInbox).contains("could not be sent").doesNotContain("href=\"/staff/outbox\"");
		mvc.perform(get("/staff/outbox").with(StaffTestAccounts.signedIn(staff, "STAFF")))
			.andExpect(status().isForbidden());
	}

	private String page(String path, String email, String... roles) throws Exception {
		return mvc.perform(get(path).with(StaffTestAccounts.signedIn(email, roles)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

}

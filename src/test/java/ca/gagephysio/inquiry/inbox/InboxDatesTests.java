package ca.gagephysio.inquiry.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Dates in one format (issue 21) on the front desk's pages, through security, mapping and the real templates: the
 * inbox list, the inquiry page (received, consent, timeline, snooze) and the CSV export write a moment as the rest of
 * the site does ("July 2, 2026, 7:30 p.m.", in the clinic's time zone), never "Jul 2 2026" or "2026-07-02 19:30";
 * the machine forms beside them stay ISO 8601.
 */
@ClinicIntegrationTest
class InboxDatesTests {

	/** Thursday, July 2, 2026, 7:30 p.m. in Toronto (EDT): already July 3 in UTC. */
	private static final Instant RECEIVED = Instant.parse("2026-07-02T23:30:00Z");

	private static final String READ = "July 2, 2026, 7:30 p.m.";

	@Autowired
	MockMvc mvc;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	StaffAccounts accounts;

	RequestPostProcessor staff;

	Inquiry inquiry;

	@BeforeEach
	void anInquiryReceivedOnASummerEvening() {
		staff = StaffTestAccounts.signedIn(StaffTestAccounts.create(accounts, "Date Reader", StaffRole.STAFF),
				"STAFF");
		inquiry = inquiries.save(TestInquiries.from("Dee Dates", TestInquiries.uniqueEmail(), null, RECEIVED));
	}

	@Test
	void theInboxListSaysHowLongAgoAndGivesTheMomentInTheOneFormat() throws Exception {
		String list = page(get("/staff/inquiries").param("q", inquiry.getReference()));

		assertThat(list).contains("<time datetime=\"2026-07-02T23:30:00Z\" title=\"" + READ + "\">");
		assertThat(list).doesNotContain("2026-07-02 19:30", "Jul 2");
	}

	@Test
	void theInquiryPageWritesEveryMomentInTheOneFormatAndTheFieldsAsTheyReadThem() throws Exception {
		mvc.perform(post("/staff/inquiries/{id}/snooze", inquiry.getId()).with(staff)
			.with(csrf())
			.param("until", "2099-03-10T09:30")
			.param("version", String.valueOf(inquiry.getVersion())))
			.andExpect(redirectedUrl("/staff/inquiries/" + inquiry.getId()));

		String detail = page(get("/staff/inquiries/{id}", inquiry.getId()));

		assertThat(detail).as("received").contains("<dd>Thursday, " + READ + "</dd>");
		assertThat(detail).as("consent").contains("Given " + READ);
		assertThat(detail).as("timeline").contains("<time datetime=\"2026-07-02T23:30:00Z\">" + READ + "</time>");
		assertThat(detail).as("snooze").contains("Snoozed until Tuesday, March 10, 2099, 9:30 a.m.")
			.as("the field still reads what a datetime-local field sends").contains("value=\"2099-03-10T09:30\"");
		assertThat(detail).doesNotContain("Jul 2 2026", "Thu Jul 2", "Tue Mar 10", "2026-07-02 19:30");
	}

	@Test
	void theCsvWritesTheMomentAsThePagesDoAndKeepsTheUtcColumn() throws Exception {
		String csv = page(get("/staff/inquiries/export.csv").param("q", inquiry.getReference()));

		assertThat(csv).contains(inquiry.getReference() + ",\"" + READ + "\",")
			.contains(",2026-07-02T23:30:00Z\r\n")
			.doesNotContain("2026-07-02 19:30");
	}

	private String page(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
			throws Exception {
		return mvc.perform(request.with(staff))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

}

package ca.gagephysio.inquiry.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Someone who pressed Back and sent the form again, or wrote twice in a week, shows up twice in the inbox: the
 * later row says in words that it may duplicate the first and links to it by its reference, as the detail page does.
 * The inquiries are stored as the form stores them, flagged as the form flags them.
 */
@ClinicIntegrationTest
class InboxDuplicateMarkerTests {

	private static final Pattern MARKER = Pattern
		.compile("<a class=\"duplicate-of\"\\s+href=\"/staff/inquiries/(\\d+)\">Possible duplicate of ([^<]+)</a>");

	@Autowired
	MockMvc mvc;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	StaffAccounts accounts;

	RequestPostProcessor staff;

	@BeforeEach
	void signIn() {
		staff = StaffTestAccounts.signedIn(StaffTestAccounts.create(accounts, "Dana Front-Desk", StaffRole.STAFF), "STAFF");
	}

	@Test
	void theSecondInquiryFromTheSameEmailIsMarkedInTheListWithALinkToTheFirstByItsReference() throws Exception {
		String email = TestInquiries.uniqueEmail();
		Inquiry first = inquiries.save(TestInquiries.from("Robin Twice", email, null, minutesAgo(5)));
		Inquiry again = inquiries.save(duplicateOf(first, TestInquiries.from("Robin Twice", email, null, minutesAgo(1))));

		String list = listSearchingFor(email);

		assertThat(rowOf(list, again)).as("the later row").satisfies(row -> {
			Matcher marker = MARKER.matcher(row);
			assertThat(marker.find()).as("a marker in %s", row).isTrue();
			assertThat(marker.group(1)).isEqualTo(first.getId().toString());
			assertThat(marker.group(2)).isEqualTo(first.getReference());
		});
		assertThat(rowOf(list, first)).as("the first row").doesNotContain("Possible duplicate");
	}

	@Test
	void aDuplicateByPhoneIsMarkedEvenWhenTheFirstIsNotOnThePageShown() throws Exception {
		String line = String.valueOf(ThreadLocalRandom.current().nextInt(1000, 10000));
		Inquiry first = inquiries.save(
				TestInquiries.from("Sam Caller", TestInquiries.uniqueEmail(), "905-555-" + line, minutesAgo(90)));
		Inquiry byPhone = inquiries.save(duplicateOf(first,
				TestInquiries.from("Sam Caller", TestInquiries.uniqueEmail(), "(905) 555 " + line, minutesAgo(2))));

		String list = listSearchingFor(byPhone.getReference());

		assertThat(list).doesNotContain(">" + first.getReference() + "</td>");
		Matcher marker = MARKER.matcher(rowOf(list, byPhone));
		assertThat(marker.find()).as("a marker").isTrue();
		assertThat(marker.group(1)).isEqualTo(first.getId().toString());
		assertThat(marker.group(2)).isEqualTo(first.getReference());
	}

	@Test
	void theDetailPageNamesTheEarlierInquiryByItsReferenceToo() throws Exception {
		String email = TestInquiries.uniqueEmail();
		Inquiry first = inquiries.save(TestInquiries.from("Kim Again", email, null, minutesAgo(30)));
		Inquiry again = inquiries.save(duplicateOf(first, TestInquiries.from("Kim Again", email, null, minutesAgo(1))));

		String detail = mvc.perform(get("/staff/inquiries/{id}", again.getId()).with(staff))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(detail).contains("<a href=\"/staff/inquiries/" + first.getId()
				+ "\">See the earlier inquiry from the same email or phone (" + first.getReference() + ")</a>");
	}

	@Test
	void theCsvNamesTheEarlierInquiryByItsReferenceNotItsRowId() throws Exception {
		String email = TestInquiries.uniqueEmail();
		Inquiry first = inquiries.save(TestInquiries.from("Lee Twice", email, null, minutesAgo(40)));
		Inquiry again = inquiries.save(duplicateOf(first, TestInquiries.from("Lee Twice", email, null, minutesAgo(3))));

		String csv = mvc.perform(get("/staff/inquiries/export.csv").param("q", email).with(staff))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);

		// the first inquiry's reference starts its own row; only the duplicate's possible_duplicate_of cell has it
		// between two commas (the old file had the row id there, which nothing in the file matches)
		assertThat(csv).contains(again.getReference()).contains("," + first.getReference() + ",");
	}

	private String listSearchingFor(String query) throws Exception {
		return mvc.perform(get("/staff/inquiries").param("q", query).with(staff))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	/** The table row that shows an inquiry, found by its reference. */
	private static String rowOf(String page, Inquiry inquiry) {
		Matcher row = Pattern.compile("<tr[^>]*>((?:(?!</tr>).)*>" + Pattern.quote(inquiry.getReference())
				+ "</td>(?:(?!</tr>).)*)</tr>", Pattern.DOTALL).matcher(page);
		assertThat(row.find()).as("a row for %s", inquiry.getReference()).isTrue();
		return row.group(1);
	}

	/** Flags it the way the form does when the same email or phone wrote within the duplicate window. */
	private static Inquiry duplicateOf(Inquiry first, Inquiry later) {
		later.flagPossibleDuplicateOf(first.getId());
		return later;
	}

	private static Instant minutesAgo(long minutes) {
		return Instant.now().minus(Duration.ofMinutes(minutes));
	}

}

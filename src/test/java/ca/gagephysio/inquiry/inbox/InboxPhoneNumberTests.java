package ca.gagephysio.inquiry.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The back office dials, exports and looks up a phone number as libphonenumber reads it, in the clinic's country
 * (CA in the tests): the {@code tel:} link on an inquiry (RFC 3966), the CSV export and the right-of-access file.
 */
@ClinicIntegrationTest
class InboxPhoneNumberTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	StaffAccounts accounts;

	RequestPostProcessor staff;

	@BeforeEach
	void signIn() {
		staff = StaffTestAccounts.signedIn(
				StaffTestAccounts.forTheClass(getClass(), accounts, "Caller", StaffRole.STAFF), "STAFF");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			+44 20 7946 0958        | tel:+442079460958
			905-555-0142 ext. 12    | tel:+19055550142;ext=12
			(905) 555.0142 x 7      | tel:+19055550142;ext=7
			+1 (905) 555-0142       | tel:+19055550142
			1 905 555 0142          | tel:+19055550142
			011 44 20 7946 0958     | tel:+442079460958
			+33 1 23 45 67 89       | tel:+33123456789
			""")
	void theCallLinkDialsTheNumberAsWrittenWithItsExtensionApart(String typed, String link) throws Exception {
		Inquiry inquiry = withPhone(typed);

		String page = detail(inquiry);

		assertThat(page).contains("<a href=\"" + link + "\">" + typed + "</a>");
		assertThat(telLinksIn(page)).containsExactly(link);
	}

	@Test
	void aNumberThatCannotBeReadIsShownAsTypedWithNoLink() throws Exception {
		// Stored before the form checked numbers this way, or sent by a client that skipped the form.
		Inquiry tooShort = withPhone("12345");
		Inquiry words = withPhone("evenings only");

		for (Inquiry inquiry : List.of(tooShort, words)) {
			String page = detail(inquiry);
			assertThat(page).contains(inquiry.getPhone()).contains("not a number we can dial");
			assertThat(telLinksIn(page)).isEmpty();
		}
	}

	@Test
	void theCsvShowsOneNumberTheSameWayHoweverItWasTyped() throws Exception {
		String last4 = String.valueOf(1000 + ThreadLocalRandom.current().nextInt(9000));
		String tag = "Csv" + UUID.randomUUID().toString().substring(0, 8);
		Inquiry dashed = inquiries.save(TestInquiries.from(tag + " One", null, "905-555-" + last4, Instant.now()));
		Inquiry dotted = inquiries.save(TestInquiries.from(tag + " Two", null, "+1 (905) 555." + last4 + " ext. 3",
				Instant.now()));
		Inquiry unreadable = inquiries.save(TestInquiries.from(tag + " Three", null, "12345", Instant.now()));

		String csv = mvc.perform(get("/staff/inquiries/export.csv").param("q", tag).with(staff))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);

		String[] lines = csv.split("\r\n");
		assertThat(lines[0]).contains(",phone,phone_international,");
		assertThat(lineOf(lines, dashed)).contains(",905-555-" + last4 + ",'+1 905-555-" + last4 + ",");
		assertThat(lineOf(lines, dotted)).contains(",'+1 (905) 555." + last4 + " ext. 3,'+1 905-555-" + last4 + " ext. 3,");
		assertThat(lineOf(lines, unreadable)).contains(",12345,,");
	}

	@Test
	void aRightOfAccessRequestFindsTheNumberHoweverItIsWritten() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Privacy Officer", StaffRole.ADMIN);
		String last3 = String.valueOf(100 + ThreadLocalRandom.current().nextInt(900));
		Inquiry inquiry = withPhone("+44 20 7946 0" + last3);

		String file = mvc.perform(post("/staff/inquiries/access-request").with(StaffTestAccounts.signedIn(admin, "ADMIN", "STAFF"))
			.with(csrf())
			.param("contact", "011 44 (0)20 7946-0" + last3))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);

		assertThat(file).contains(inquiry.getReference())
			.containsPattern("\"phoneGlobal\"\\s*:\\s*\"\\+442079460" + last3 + "\"");
	}

	/**
	 * Two people behind one office switchboard share its number but not their extensions: a right-of-access file
	 * for one of them (PHIPA s. 52) must not carry the other's inquiries.
	 */
	@Test
	void aRightOfAccessRequestNeverMixesPeopleWhoShareANumberButNotAnExtension() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Privacy Officer", StaffRole.ADMIN);
		String last4 = String.valueOf(1000 + ThreadLocalRandom.current().nextInt(9000));
		Inquiry switchboard = withPhone("905-555-" + last4);
		Inquiry extension12 = withPhone("905-555-" + last4 + " ext. 12");
		Inquiry extension7 = withPhone("(905) 555." + last4 + " x 7");

		String forTwelve = accessRequest(admin, "+1 905 555 " + last4 + " extension 12");
		String forSwitchboard = accessRequest(admin, "905.555." + last4);

		assertThat(forTwelve).contains(extension12.getReference())
			.doesNotContain(switchboard.getReference())
			.doesNotContain(extension7.getReference());
		assertThat(forSwitchboard).contains(switchboard.getReference())
			.doesNotContain(extension12.getReference())
			.doesNotContain(extension7.getReference());
	}

	private String accessRequest(String admin, String contact) throws Exception {
		return mvc.perform(post("/staff/inquiries/access-request").with(StaffTestAccounts.signedIn(admin, "ADMIN", "STAFF"))
			.with(csrf())
			.param("contact", contact))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	private Inquiry withPhone(String phone) {
		return inquiries.save(TestInquiries.from("Phone Person", "p-" + UUID.randomUUID() + "@example.com", phone,
				Instant.now()));
	}

	private String detail(Inquiry inquiry) throws Exception {
		return mvc.perform(get("/staff/inquiries/{id}", inquiry.getId()).with(staff))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	private static List<String> telLinksIn(String page) {
		return Arrays.stream(page.split("href=\"")).skip(1).map(rest -> rest.substring(0, rest.indexOf('"')))
			.filter(href -> href.startsWith("tel:"))
			.toList();
	}

	private static String lineOf(String[] lines, Inquiry inquiry) {
		return Arrays.stream(lines).filter(line -> line.startsWith(inquiry.getReference() + ",")).findFirst().orElseThrow();
	}

}

package ca.gagephysio.inquiry.inbox;

import java.nio.charset.StandardCharsets;
import java.util.List;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.staff.AccessTrail;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@ClinicIntegrationTest
class InboxExportTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	AccessTrail trail;

	@Test
	void exportsTheCurrentFilterAsUtf8CsvAndRecordsEachExportedInquiry() throws Exception {
		String staff = StaffTestAccounts.create(accounts, "Exporter", StaffRole.STAFF);
		Inquiry inquiry = inquiries.save(TestInquiries.from("Zoë Ünïcode, \"Jr\""));

		MockHttpServletResponse response = mvc.perform(get("/staff/inquiries/export.csv")
			.param("q", inquiry.getReference())
			.with(StaffTestAccounts.signedIn(staff, "STAFF"))).andExpect(status().isOk()).andReturn().getResponse();

		assertThat(response.getContentType()).isEqualTo("text/csv;charset=UTF-8");
		assertThat(response.getHeader("Content-Disposition")).startsWith("attachment;");
		String csv = new String(response.getContentAsByteArray(), StandardCharsets.UTF_8);
		String[] lines = csv.split("\r\n", -1);
		assertThat(lines).hasSize(3);
		assertThat(lines[0]).startsWith("\uFEFFreference,received,status,name,email,phone")
			.endsWith(",time_zone,status_code,service_code,asking_about_code,best_time_code,received_utc");
		assertThat(lines[1]).startsWith(inquiry.getReference() + ",")
			.contains(",\"Zoë Ünïcode, \"\"Jr\"\"\",")
			.contains(",905-555-0142,")
			.contains("\"My heel hurts\nin the morning\"");
		assertThat(trail.entriesAbout("INQUIRY", List.of(inquiry.getId())))
			.extracting(entry -> entry.action() + " by " + entry.actorEmail())
			.contains("INQUIRY_EXPORTED by " + staff);
	}

	@Test
	void theCsvShowsValuesAsPeopleReadThemAndTimesOnTheClinicsClockWithTheCodesAtTheEnd() throws Exception {
		String staff = StaffTestAccounts.create(accounts, "Spreadsheet Reader", StaffRole.STAFF);
		Inquiry saved = TestInquiries.from("Hu Man", "hu.man@example.com", null,
				java.time.Instant.parse("2026-07-02T23:30:00Z"));
		Inquiry inquiry = inquiries.save(saved);

		String[] lines = export(staff, inquiry.getReference()).split("\r\n", -1);
		List<String> header = List.of(lines[0].substring(1).split(","));
		String[] row = cells(lines[1]);

		// 23:30 UTC on July 2 is 7:30 p.m. in Toronto (EDT), written as the inbox writes it; the UTC column stays ISO
		assertThat(row[header.indexOf("received")]).isEqualTo("July 2, 2026, 7:30 p.m.");
		assertThat(lines[1]).contains(",\"July 2, 2026, 7:30 p.m.\",");
		assertThat(row[header.indexOf("received_utc")]).isEqualTo("2026-07-02T23:30:00Z");
		assertThat(row[header.indexOf("time_zone")]).isEqualTo("America/Toronto");
		assertThat(row[header.indexOf("status")]).isEqualTo("New");
		assertThat(row[header.indexOf("status_code")]).isEqualTo("NEW");
		assertThat(row[header.indexOf("service")]).isEqualTo("Foot care");
		assertThat(row[header.indexOf("service_code")]).isEqualTo("FOOT_CARE");
		assertThat(lines[1]).contains(",Cost and availability,Morning,");
		assertThat(row[header.indexOf("asking_about_code")]).isEqualTo("BOTH");
		assertThat(row[header.indexOf("waiting_list")]).isEqualTo("No");
	}

	@Test
	void aScriptTagNameIsPlainTextInTheCsvAndAFormulaNameIsNeutralised() throws Exception {
		String staff = StaffTestAccounts.create(accounts, "Exporter", StaffRole.STAFF);
		Inquiry script = inquiries.save(TestInquiries.from("<script>alert(1)</script>"));
		Inquiry formula = inquiries.save(TestInquiries.from("=HYPERLINK(\"http://evil.example\",\"click\")"));

		String scriptCsv = export(staff, script.getReference());
		String formulaCsv = export(staff, formula.getReference());

		assertThat(scriptCsv).contains("," + "<script>alert(1)</script>" + ",").doesNotContain("&lt;");
		assertThat(formulaCsv).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",")
			.doesNotContain(",=HYPERLINK")
			.doesNotContain(",\"=HYPERLINK");
	}

	@Test
	void anAdminDownloadsEverythingAboutOnePersonWithItsAccessLog() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Privacy Officer", StaffRole.ADMIN);
		String staff = StaffTestAccounts.create(accounts, "Front Desk", StaffRole.STAFF);
		String person = "right-of-access-" + System.nanoTime() + "@example.com";
		Inquiry first = inquiries.save(TestInquiries.from("Robin Requester", person, "905-555-0199", java.time.Instant.now()));
		Inquiry second = inquiries.save(TestInquiries.from("Robin Requester", person.toUpperCase(), null, java.time.Instant.now()));
		Inquiry someoneElse = inquiries.save(TestInquiries.from("Someone Else"));
		mvc.perform(get("/staff/inquiries/{id}", first.getId()).with(StaffTestAccounts.signedIn(staff, "STAFF")));

		MockHttpServletResponse response = mvc.perform(post("/staff/inquiries/access-request")
			.with(StaffTestAccounts.signedIn(admin, "ADMIN", "STAFF"))
			.with(csrf())
			.param("contact", person)).andExpect(status().isOk()).andReturn().getResponse();

		String file = response.getContentAsString(StandardCharsets.UTF_8);
		assertThat(response.getHeader("Content-Disposition")).startsWith("attachment;");
		assertThat(file).contains(first.getReference())
			.contains(second.getReference())
			.doesNotContain(someoneElse.getReference())
			.contains("\"accessLog\"")
			.contains("INQUIRY_VIEWED")
			.contains(staff);
		assertThat(trail.entriesAbout("INQUIRY", List.of(first.getId())))
			.extracting(entry -> entry.action() + " by " + entry.actorEmail())
			.contains("RIGHT_OF_ACCESS_EXPORTED by " + admin);
	}

	@Test
	void aRightOfAccessRequestForAnUnknownContactSaysSo() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Privacy Officer", StaffRole.ADMIN);
		mvc.perform(post("/staff/inquiries/access-request").with(StaffTestAccounts.signedIn(admin, "ADMIN", "STAFF"))
			.with(csrf())
			.param("contact", "never-wrote-" + System.nanoTime() + "@example.com"))
			.andExpect(redirectedUrl("/staff/inquiries/access-request?notFound"));
	}

	/** One CSV record's cells (RFC 4180: a quoted cell may hold commas, a doubled quote is one quote). */
	private static String[] cells(String record) {
		List<String> cells = new java.util.ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < record.length(); i++) {
			char c = record.charAt(i);
			if (quoted && c == '"' && i + 1 < record.length() && record.charAt(i + 1) == '"') {
				cell.append('"');
				i++;
			}
			else if (c == '"') {
				quoted = !quoted;
			}
			else if (c == ',' && !quoted) {
				cells.add(cell.toString());
				cell.setLength(0);
			}
			else {
				cell.append(c);
			}
		}
		cells.add(cell.toString());
		return cells.toArray(String[]::new);
	}

	private String export(String staff, String reference) throws Exception {
		return mvc.perform(get("/staff/inquiries/export.csv").param("q", reference).with(StaffTestAccounts.signedIn(staff, "STAFF")))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

}

package ca.gagephysio.staff.trail;

import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;

import java.lang.reflect.Method;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.stream.LongStream;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.staff.AccessTrail;
import org.hibernate.annotations.Immutable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

@ClinicIntegrationTest
class AuditTrailTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	AccessTrail trail;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	ca.gagephysio.clinic.ClinicFacts clinic;

	@Test
	void thePrivacyOfficerFiltersTheTrailByPersonAndRecord() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Privacy Officer", StaffRole.ADMIN);
		String looker = StaffTestAccounts.create(accounts, "Curious Colleague", StaffRole.STAFF);
		long lookerId = accounts.byEmail(looker).orElseThrow().getId();
		long record = 900_000_000L + (System.nanoTime() % 1_000_000);
		recordAs(looker, record);

		String byPerson = page(admin, "/staff/audit?person=" + lookerId);
		String byRecord = page(admin, "/staff/audit?inquiry=" + record);
		String tomorrowOnly = page(admin, "/staff/audit?person=" + lookerId + "&from=" + LocalDate.now().plusDays(2));

		assertThat(byPerson).contains(looker).contains("INQUIRY_VIEWED");
		assertThat(byRecord).contains(looker).doesNotContain(admin + "</td>");
		assertThat(tomorrowOnly).contains("Nothing matches.");
	}

	/** Times read as the clinic lives them (not UTC), the zone named once and each time marked EST or EDT. */
	@Test
	void eachEntrysTimeIsAReadableDateTimeInTheClinicsTimeZone() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Clock Reader", StaffRole.ADMIN);
		String looker = StaffTestAccounts.create(accounts, "Timed Colleague", StaffRole.STAFF);
		long record = 900_000_000L + (System.nanoTime() % 1_000_000);
		recordAs(looker, record);
		java.time.Instant at = jdbc.sql("select at from audit_entry where subject_id = ? and actor_email = ?")
			.param(record)
			.param(looker)
			.query(java.time.Instant.class)
			.single();
		java.time.ZonedDateTime there = at.atZone(clinic.timeZone());

		String html = page(admin, "/staff/audit?inquiry=" + record);

		String hour = String.valueOf(there.getHour() % 12 == 0 ? 12 : there.getHour() % 12);
		assertThat(html).containsPattern(">" + month(there) + " " + there.getDayOfMonth() + ", " + there.getYear() + ", "
				+ hour + ":" + String.format("%02d:%02d", there.getMinute(), there.getSecond())
				+ " [ap]\\.m\\. E[SD]T</time>")
			.contains("Times are the clinic&#39;s (Eastern Time).")
			.doesNotContain("UTC");
	}

	/** The month's full name, as the site writes every date ({@code ClinicDates}). */
	private static String month(java.time.ZonedDateTime there) {
		return there.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.CANADA);
	}

	@Test
	void aLongTrailIsCountedTwentyPagesAheadAndExactlyWhenItEndsSooner() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Privacy Officer", StaffRole.ADMIN);
		// as invited, so the trail holds no choice of the lister's own besides the entries below
		String lister = StaffTestAccounts.createWithNewInquiryEmails(accounts, "Busy Front Desk", StaffRole.STAFF);
		long listerId = accounts.byEmail(lister).orElseThrow().getId();
		StaffTestAccounts.as(lister, () -> trail.recordEach("INQUIRY_LISTED", "INQUIRY", LongStream.range(1, 1_002).boxed().toList(), null));

		String first = page(admin, "/staff/audit?person=" + listerId);
		String second = page(admin, "/staff/audit?person=" + listerId + "&page=1");

		// 1,001 entries: page 1 counts 20 pages (1,000 entries) ahead, page 2 counts to 1,050 and finds the end
		assertThat(first).contains("More than 1,000 entries").contains("Page 1 of more than 20");
		assertThat(second).contains("1,001 entries").contains("Page 2 of 21").doesNotContain("more than");
	}

	@Test
	void eachActionIsNamedInWordsWithItsCodeBesideIt() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Word Reader", StaffRole.ADMIN);
		String looker = StaffTestAccounts.create(accounts, "Wordy Colleague", StaffRole.STAFF);
		long lookerId = accounts.byEmail(looker).orElseThrow().getId();
		long record = 900_000_000L + (System.nanoTime() % 1_000_000);
		recordAs(looker, record);
		StaffTestAccounts.as(looker, () -> trail.record("STAFF_NAME_CHANGED", "STAFF_ACCOUNT", lookerId, null));
		// an action another module adds later, before anyone gave it words, still reads as words
		StaffTestAccounts.as(looker, () -> trail.record("FEES_TABLE_REVISED", null, null, null));

		String html = page(admin, "/staff/audit?person=" + lookerId);

		assertThat(html).contains("<span>Inquiry opened</span>", "<span>Name changed</span>",
				"<span>Fees table revised</span>", "Staff account " + lookerId)
			.contains("<code class=\"hint audit-code\">INQUIRY_VIEWED</code>");
	}

	@Test
	void theTrailOffersNoWayToChangeOrDeleteAnEntry() {
		assertThat(Arrays.stream(AuditEntryRepository.class.getMethods()).map(Method::getName))
			.noneMatch(name -> name.startsWith("delete") || name.startsWith("update"));
		assertThat(AuditEntry.class.isAnnotationPresent(Immutable.class)).isTrue();
	}

	private void recordAs(String email, long record) {
		StaffTestAccounts.as(email, () -> trail.record("INQUIRY_VIEWED", "INQUIRY", record, null));
	}

	private String page(String admin, String path) throws Exception {
		return mvc.perform(get(path).with(StaffTestAccounts.signedIn(admin, "ADMIN", "STAFF")))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

}

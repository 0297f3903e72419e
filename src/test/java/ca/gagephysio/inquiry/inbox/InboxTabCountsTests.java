package ca.gagephysio.inquiry.inbox;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.SettableClock;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import ca.gagephysio.staff.signin.StaffSessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The inbox's tab numbers, through the real pages, with the counts kept between pages as shipped
 * ({@code clinic.inbox.counts-cache-for}, 10 s; {@link TabCountCache}): a new inquiry and every change through the
 * inbox show on the very next page, a snooze ending shows at its time, and a change made outside this instance (here
 * straight in the database, as another instance's would be) within the cache time. The counts are the whole shared
 * test database's, so each test compares them before and after.
 */
@ClinicIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboxTabCountsTests {

	private static final Pattern TAB = Pattern.compile("<span>([^<]+)</span> <span class=\"count\">(\\d+)</span>");

	@Autowired
	MockMvc mvc;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SettableClock clock;

	MockHttpSession desk;

	@BeforeAll
	void signIn(@Autowired StaffAccounts accounts) throws Exception {
		desk = StaffSessions.signIn(mvc, StaffTestAccounts.create(accounts, "Tess Tabs", StaffRole.STAFF));
	}

	@AfterEach
	void backToNow() {
		clock.reset();
	}

	@Test
	void aNewInquiryAndAStatusChangedThroughTheInboxShowOnTheVeryNextPage() throws Exception {
		String before = list("");
		Inquiry arrived = inquiries.save(TestInquiries.from("Nina New"));

		String after = list("");
		assertThat(count(after, "New")).isEqualTo(count(before, "New") + 1);
		assertThat(count(after, "All but spam")).isEqualTo(count(before, "All but spam") + 1);

		mvc.perform(post("/staff/inquiries/{id}/status", arrived.getId()).session(desk).with(csrf())
			.param("status", "BOOKED")
			.param("version", String.valueOf(version(arrived)))).andExpect(status().is3xxRedirection());

		String booked = list("");
		assertThat(count(booked, "New")).isEqualTo(count(before, "New"));
		assertThat(count(booked, "Booked")).isEqualTo(count(before, "Booked") + 1);
		assertThat(count(list("?status=BOOKED"), "Booked")).as("the same numbers on every tab")
			.isEqualTo(count(before, "Booked") + 1);
	}

	@Test
	void aChangeMadeOutsideThisInstanceShowsWithinTheCacheTime() throws Exception {
		Inquiry inquiry = inquiries.save(TestInquiries.from("Otto Other"));
		String before = list("");

		// as another instance would: the row changes, this instance is not told
		jdbc.sql("update inquiry set status = 'CLOSED', version = version + 1 where id = ?")
			.param(inquiry.getId())
			.update();

		// (that it is not counted again before then is TabCountCacheTests': here it would depend on how fast pages are)
		clock.advance(Duration.ofSeconds(10));
		String counted = list("");
		assertThat(count(counted, "Closed")).as("10 s later: counted again").isEqualTo(count(before, "Closed") + 1);
		assertThat(count(counted, "New")).isEqualTo(count(before, "New") - 1);
	}

	@Test
	void aSnoozedInquiryIsCountedAgainWhenItsSnoozeEnds() throws Exception {
		ZoneId clinic = ZoneId.of("America/Toronto");
		Instant ends = LocalDateTime.parse("2027-01-14T11:30").atZone(clinic).toInstant();
		clock.set(ends.minus(Duration.ofMinutes(5)));
		Inquiry inquiry = inquiries.save(TestInquiries.from("Sid Snooze", TestInquiries.uniqueEmail(), "905-555-0142",
				ends.minusSeconds(60)));
		String before = list("");

		mvc.perform(post("/staff/inquiries/{id}/snooze", inquiry.getId()).session(desk).with(csrf())
			.param("until", "2027-01-14T11:30")
			.param("version", String.valueOf(version(inquiry)))).andExpect(status().is3xxRedirection());

		String snoozed = list("");
		assertThat(count(snoozed, "New")).as("snoozed through the inbox: left out at once")
			.isEqualTo(count(before, "New") - 1);
		assertThat(snoozed).contains("snoozed and not listed until");

		clock.set(ends.minusSeconds(5));
		assertThat(count(list(""), "New")).as("5 s before its end").isEqualTo(count(before, "New") - 1);
		// within the 10 s the counts of the page before are kept for: only the snooze's end counts them again
		clock.set(ends);
		assertThat(count(list(""), "New")).as("at the snooze's end, though nothing else changed")
			.isEqualTo(count(before, "New"));
	}

	private long version(Inquiry inquiry) {
		return inquiries.findById(inquiry.getId()).orElseThrow().getVersion();
	}

	private String list(String query) throws Exception {
		return mvc.perform(get("/staff/inquiries" + query).session(desk))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	/** The number on the tab with this label. */
	private static long count(String page, String label) {
		Matcher tab = TAB.matcher(page);
		while (tab.find()) {
			if (tab.group(1).equals(label)) {
				return Long.parseLong(tab.group(2));
			}
		}
		throw new AssertionError("no tab " + label + " on the page");
	}

}

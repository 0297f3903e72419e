package ca.gagephysio.inquiry.inbox;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.Race;
import ca.gagephysio.SettableClock;
import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.clinic.ClinicFacts.Facts;
import ca.gagephysio.clinic.SavedClinicFacts;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.staff.StaffDirectory;
import ca.gagephysio.staff.StaffMember;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import ca.gagephysio.staff.signin.StaffSessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Nothing is forgotten (issue 23), through the real path and the settable clock, across Christmas 2026 (Friday the
 * 25th, a statutory holiday the clinic closes on here), Boxing Day and the weekend: the clinic is open Monday to
 * Thursday 08:00-19:00 and Friday 08:00-17:00, in Toronto. A snoozed inquiry leaves the lists and comes back on top,
 * flagged; a reminder emails the assignee once; an overdue inquiry emails its assignee once, when its business day
 * is really up; the administrators' daily summary is queued once a day and only in opening hours.
 */
@ClinicIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FollowUpTests {

	private static final ZoneId CLINIC = ZoneId.of("America/Toronto");

	@Autowired
	MockMvc mvc;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	FollowUpJob job;

	@Autowired
	SettableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StaffDirectory directory;

	@Autowired
	ClinicFacts clinic;

	@Autowired
	ApplicationContext context;

	MockHttpSession desk;

	StaffMember dana;

	@BeforeAll
	void signIn(@Autowired StaffAccounts accounts) throws Exception {
		String email = StaffTestAccounts.create(accounts, "Dana Followup", StaffRole.STAFF);
		desk = StaffSessions.signIn(mvc, email);
		dana = directory.enabledStaff().stream().filter(member -> member.email().equals(email)).findFirst().orElseThrow();
	}

	@BeforeEach
	void closedOnStatutoryHolidays() {
		// from the shipped facts, whatever a test before this one left saved: the rules here follow their hours
		SavedClinicFacts.forget(context);
		Facts facts = clinic.facts();
		clinic.save(new Facts(facts.name(), facts.baseUrl(), facts.phone(), facts.email(), facts.address(),
				facts.geo(), facts.week(), true, facts.bookingUrl(), facts.acceptingNewClients()), clinic.version(),
				"Test");
	}

	@AfterEach
	void backToNow() {
		clock.reset();
		SavedClinicFacts.forget(context);
	}

	@Test
	void aSnoozedInquiryLeavesTheListAndComesBackOnTopFlaggedAtItsTime() throws Exception {
		clock.set(at(2026, 12, 24, 11, 0));
		Inquiry snoozed = inquiries.save(TestInquiries.from("Sam Snoozed", TestInquiries.uniqueEmail(),
				"905-555-0142", at(2026, 12, 24, 10, 0)));
		Inquiry later = inquiries.save(TestInquiries.from("Lee Later", TestInquiries.uniqueEmail(), "905-555-0142",
				at(2026, 12, 24, 10, 30)));

		MvcResult saved = mvc.perform(post("/staff/inquiries/" + snoozed.getId() + "/snooze").session(desk)
			.with(csrf())
			.param("until", "2026-12-29T09:00")
			.param("version", String.valueOf(version(snoozed)))).andReturn();
		assertThat(saved.getFlashMap().get("flash")).isEqualTo("inbox.snooze.saved");

		String thursday = list("");
		assertThat(thursday).doesNotContain(snoozed.getReference()).contains(later.getReference());
		assertThat(list("?q=" + snoozed.getReference())).as("a search still finds it").contains(snoozed.getReference());

		clock.set(at(2026, 12, 28, 18, 59));
		assertThat(list("")).as("Monday evening, after Christmas and the weekend: still away")
			.doesNotContain(snoozed.getReference());

		clock.set(at(2026, 12, 29, 9, 0).plusSeconds(1));
		String tuesday = list("");
		assertThat(tuesday).contains(snoozed.getReference(), "Back from snooze");
		assertThat(tuesday.indexOf(snoozed.getReference())).as("at the top, above the newer inquiry")
			.isLessThan(tuesday.indexOf(later.getReference()));
	}

	@Test
	void aSnoozeTimeThatCannotBeReadOrHasPassedIsRefusedWithWhatWasTypedKept() throws Exception {
		clock.set(at(2026, 12, 24, 11, 0));
		Inquiry inquiry = inquiries.save(TestInquiries.from("Kim Typo"));

		MvcResult unreadable = mvc.perform(post("/staff/inquiries/" + inquiry.getId() + "/snooze").session(desk)
			.with(csrf())
			.param("until", "Tuesday morning")
			.param("version", String.valueOf(version(inquiry)))).andReturn();
		MvcResult past = mvc.perform(post("/staff/inquiries/" + inquiry.getId() + "/snooze").session(desk)
			.with(csrf())
			.param("until", "2026-12-23T09:00")
			.param("version", String.valueOf(version(inquiry)))).andReturn();

		assertThat(unreadable.getResponse().getStatus()).isEqualTo(302);
		assertThat((java.util.Map<String, Object>) unreadable.getFlashMap()).containsEntry("problem", "inbox.snooze.unreadable")
			.containsEntry("draftSnooze", "Tuesday morning");
		assertThat((java.util.Map<String, Object>) past.getFlashMap()).containsEntry("problem", "inbox.snooze.past");
		assertThat(inquiries.findById(inquiry.getId()).orElseThrow().getSnoozedUntil()).isNull();
	}

	@Test
	void aReminderEmailsTheAssigneeOnceWhenItIsDueEvenWithTwoInstancesRunningAtOnce() throws Exception {
		clock.set(at(2026, 12, 24, 9, 0));
		Inquiry inquiry = inquiries.save(TestInquiries.from("Ray Reminded"));
		assign(inquiry, dana.id());
		MvcResult set = mvc.perform(post("/staff/inquiries/" + inquiry.getId() + "/remind").session(desk)
			.with(csrf())
			.param("at", "2026-12-29T09:00")
			.param("version", String.valueOf(version(inquiry)))).andReturn();
		assertThat(set.getFlashMap().get("flash")).isEqualTo("inbox.remind.saved");

		clock.set(at(2026, 12, 28, 17, 0));
		job.runAt(clock.instant());
		assertThat(notices(inquiry, "reminder-%")).as("not due over Christmas and the weekend").isEmpty();

		clock.set(at(2026, 12, 29, 9, 0).plusSeconds(30));
		Race.run(() -> job.runAt(clock.instant()), () -> job.runAt(clock.instant()));
		job.runAt(clock.instant().plusSeconds(60));

		assertThat(notices(inquiry, "reminder-%")).containsExactly(dana.email());
		assertThat(inquiries.findById(inquiry.getId()).orElseThrow().getRemindAt()).isNull();
	}

	@Test
	void aReminderKeepsItsShortNoteOnThePageAndInTheEmailAndANoteTooLongIsRefusedWithWhatWasTypedKept()
			throws Exception {
		clock.set(at(2026, 12, 24, 9, 0));
		Inquiry inquiry = inquiries.save(TestInquiries.from("Nia Noted"));
		assign(inquiry, dana.id());
		// followed, as a browser follows the redirect: its message is shown and leaves the session
		mvc.perform(get("/staff/inquiries/" + inquiry.getId()).session(desk));
		String tooLong = "Call back about insurance: " + "the extended health plan ".repeat(8);

		MvcResult refused = mvc.perform(post("/staff/inquiries/" + inquiry.getId() + "/remind").session(desk)
			.with(csrf())
			.param("at", "2026-12-29T09:00")
			.param("note", tooLong)
			.param("version", String.valueOf(version(inquiry)))).andReturn();

		assertThat(refused.getResponse().getRedirectedUrl()).endsWith("#remind");
		assertThat((java.util.Map<String, Object>) refused.getFlashMap())
			.containsEntry("problem", "inbox.remind.note-too-long")
			.containsEntry("draftRemind", "2026-12-29T09:00")
			.containsEntry("draftRemindNote", tooLong);
		assertThat(inquiries.findById(inquiry.getId()).orElseThrow().getRemindAt()).isNull();
		// the redirect followed in the same session, which carries the flash attributes
		String shownAgain = mvc.perform(get("/staff/inquiries/" + inquiry.getId()).session(desk))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(shownAgain).contains("The note with the reminder is too long", "value=\"" + tooLong + "\"",
				"value=\"2026-12-29T09:00\"");

		MvcResult set = mvc.perform(post("/staff/inquiries/" + inquiry.getId() + "/remind").session(desk)
			.with(csrf())
			.param("at", "2026-12-29T09:00")
			.param("note", "  Call back about insurance\r\n(extended health)  ")
			.param("version", String.valueOf(version(inquiry)))).andReturn();
		assertThat(set.getFlashMap().get("flash")).isEqualTo("inbox.remind.saved");
		assertThat(mvc.perform(get("/staff/inquiries/" + inquiry.getId()).session(desk))
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("Reminder set for Tuesday, December 29, 2026, 9:00 a.m.<")
			.contains("Note: Call back about insurance (extended health)");

		clock.set(at(2026, 12, 29, 9, 0).plusSeconds(30));
		job.runAt(clock.instant());

		List<String> bodies = jdbc.sql("""
				select body from notification
				where kind = 'STAFF_NOTICE' and inquiry_id = ? and request_key like 'reminder-%'""")
			.param(inquiry.getId())
			.query(String.class)
			.list();
		assertThat(bodies).singleElement()
			.asString()
			.contains("The note with it: Call back about insurance (extended health)", inquiry.getReference());
		Inquiry sent = inquiries.findById(inquiry.getId()).orElseThrow();
		assertThat(sent.getRemindAt()).isNull();
		assertThat(sent.getRemindNote()).as("gone with the reminder it was about").isNull();
	}

	@Test
	void anOverdueInquiryEmailsItsAssigneeOnceWhenItsBusinessDayIsUpAfterTheHolidayAndWeekend() throws Exception {
		Inquiry inquiry = inquiries.save(TestInquiries.from("Ola Overdue", TestInquiries.uniqueEmail(),
				"905-555-0142", at(2026, 12, 24, 10, 0)));
		assign(inquiry, dana.id());

		clock.set(at(2026, 12, 25, 10, 30));
		job.runAt(clock.instant());
		clock.set(at(2026, 12, 28, 9, 59));
		job.runAt(clock.instant());
		assertThat(notices(inquiry, "overdue")).as("due Monday 10:00, Christmas and the weekend left out").isEmpty();

		clock.set(at(2026, 12, 28, 10, 1));
		Race.run(() -> job.runAt(clock.instant()), () -> job.runAt(clock.instant()));
		job.runAt(clock.instant().plusSeconds(600));

		assertThat(notices(inquiry, "overdue")).containsExactly(dana.email());
	}

	@Test
	void theDailyOverdueSummaryGoesToAdministratorsOnceADayInOpeningHoursOnly() throws Exception {
		inquiries.save(TestInquiries.from("Una Unanswered", TestInquiries.uniqueEmail(), "905-555-0142",
				at(2026, 12, 30, 10, 0)));
		List<String> administrators = directory.administrators().stream().map(StaffMember::email).toList();
		assertThat(administrators).isNotEmpty();

		clock.set(at(2027, 1, 2, 11, 0));
		job.runAt(clock.instant());
		assertThat(summaries("2027-01-02")).as("Saturday: closed").isEmpty();
		clock.set(at(2027, 1, 4, 7, 30));
		job.runAt(clock.instant());
		assertThat(summaries("2027-01-04")).as("Monday before opening").isEmpty();

		clock.set(at(2027, 1, 4, 8, 5));
		Race.run(() -> job.runAt(clock.instant()), () -> job.runAt(clock.instant()));
		clock.set(at(2027, 1, 4, 15, 0));
		job.runAt(clock.instant());

		assertThat(summaries("2027-01-04")).containsExactlyInAnyOrderElementsOf(administrators);
	}

	private void assign(Inquiry inquiry, long staffId) throws Exception {
		MvcResult assigned = mvc.perform(post("/staff/inquiries/" + inquiry.getId() + "/assign").session(desk)
			.with(csrf())
			.param("assignee", String.valueOf(staffId))
			.param("version", String.valueOf(version(inquiry)))).andReturn();
		assertThat(assigned.getFlashMap().get("flash")).isEqualTo("inbox.assign.changed");
	}

	private long version(Inquiry inquiry) {
		return inquiries.findById(inquiry.getId()).orElseThrow().getVersion();
	}

	private String list(String query) throws Exception {
		return mvc.perform(get("/staff/inquiries" + query).session(desk)).andReturn().getResponse().getContentAsString();
	}

	private List<String> notices(Inquiry inquiry, String key) {
		return jdbc.sql("""
				select recipient_email from notification
				where kind = 'STAFF_NOTICE' and inquiry_id = ? and request_key like ?""")
			.params(inquiry.getId(), key)
			.query(String.class)
			.list();
	}

	private List<String> summaries(String day) {
		return jdbc.sql("select recipient_email from notification where kind = 'STAFF_NOTICE' and request_key = ?")
			.param("summary-" + day)
			.query(String.class)
			.list();
	}

	private static Instant at(int year, int month, int day, int hour, int minute) {
		return LocalDateTime.of(year, month, day, hour, minute).atZone(CLINIC).toInstant();
	}

}

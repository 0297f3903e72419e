package ca.gagephysio.notification;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import ca.gagephysio.inquiry.InquiryFigures;
import ca.gagephysio.inquiry.internal.AskingAbout;
import ca.gagephysio.inquiry.internal.BestTime;
import ca.gagephysio.inquiry.internal.HelpWith;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.inquiry.internal.InquiryStatus;
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
 * The owner's weekly digest (issue 23), on the settable clock: the week of Family Day 2027 (Monday February 15, a
 * statutory holiday the clinic closes on here) and its weekend, sent the next Monday morning in Toronto, once even
 * with two instances at the same instant, to each administrator who left it on (My account), in plain text and HTML,
 * with the week's inquiries, share booked, median first response (opening hours only), what is overdue and the
 * article that brought an inquiry.
 */
@ClinicIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WeeklyDigestTests {

	private static final ZoneId CLINIC = ZoneId.of("America/Toronto");

	@Autowired
	MockMvc mvc;

	@Autowired
	WeeklyDigest digest;

	@Autowired
	SettableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	StaffDirectory directory;

	@Autowired
	ClinicFacts clinic;

	@Autowired
	InquiryFigures figures;

	@Autowired
	ApplicationContext context;

	String keeps;

	String optsOut;

	String frontDesk;

	MockHttpSession optsOutSession;

	MockHttpSession frontDeskSession;

	@BeforeAll
	void accounts(@Autowired StaffAccounts accounts) throws Exception {
		keeps = StaffTestAccounts.create(accounts, "Abe Digest", StaffRole.ADMIN);
		optsOut = StaffTestAccounts.create(accounts, "Ada Digest", StaffRole.ADMIN);
		frontDesk = StaffTestAccounts.create(accounts, "Fay Digest", StaffRole.STAFF);
		optsOutSession = StaffSessions.signIn(mvc, optsOut);
		frontDeskSession = StaffSessions.signIn(mvc, frontDesk);
	}

	@BeforeEach
	void closedOnStatutoryHolidays() {
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
	void anAdministratorTurnsTheDigestOffOnMyAccountAndTheFrontDeskIsNotOfferedIt() throws Exception {
		assertThat(account(optsOutSession)).contains("Email me the weekly digest");
		assertThat(account(frontDeskSession)).doesNotContain("Email me the weekly digest");

		MvcResult saved = mvc.perform(post("/staff/account").session(optsOutSession)
			.with(csrf())
			.param("newInquiryEmails", "true")
			.param("_newInquiryEmails", "on")
			.param("_weeklyDigest", "on")).andReturn();

		assertThat(saved.getResponse().getStatus()).isEqualTo(302);
		assertThat(directory.weeklyDigestRecipients()).extracting(StaffMember::email)
			.contains(keeps)
			.doesNotContain(optsOut, frontDesk);
	}

	@Test
	void mondayMorningAfterTheFamilyDayWeekTheDigestIsQueuedOnceForEachAdministratorWhoKeepsIt() throws Exception {
		mvc.perform(post("/staff/account").session(optsOutSession)
			.with(csrf())
			.param("newInquiryEmails", "true")
			.param("_newInquiryEmails", "on")
			.param("_weeklyDigest", "on"));
		Inquiry booked = inquiry("/articles/heel-pain", at(2027, 2, 16, 10, 0));
		// answered half an hour of opening time later, then booked
		booked.changeStatus(InquiryStatus.BOOKED, at(2027, 2, 16, 10, 30));
		inquiries.save(booked);
		inquiries.save(inquiry("home", at(2027, 2, 19, 16, 0)));
		Inquiry overdue = inquiries.save(inquiry("home", at(2027, 2, 11, 10, 0)));

		clock.set(at(2027, 2, 21, 23, 0));
		assertThat(digest.runAt(clock.instant())).as("Sunday night").isZero();
		clock.set(at(2027, 2, 22, 6, 59));
		assertThat(digest.runAt(clock.instant())).as("Monday before seven").isZero();

		clock.set(at(2027, 2, 22, 7, 30));
		List<Integer> queued = Race.run(() -> digest.runAt(clock.instant()), () -> digest.runAt(clock.instant()));
		clock.set(at(2027, 2, 22, 9, 0));
		digest.runAt(clock.instant());

		List<String> recipients = directory.weeklyDigestRecipients().stream().map(StaffMember::email).toList();
		assertThat(queued).containsExactlyInAnyOrder(0, recipients.size());
		List<Map<String, Object>> rows = jdbc.sql("""
				select recipient_email, subject, body, html_body from notification
				where kind = 'STAFF_NOTICE' and request_key = 'digest-2027-02-15'""")
			.query()
			.listOfRows();
		assertThat(rows).extracting(row -> (String) row.get("recipient_email"))
			.containsExactlyInAnyOrderElementsOf(recipients)
			.contains(keeps)
			.doesNotContain(optsOut, frontDesk);
		String text = (String) rows.get(0).get("body");
		assertThat(text).contains("the week of February 15, 2027 to February 21, 2027", "Inquiries: 2",
				"Share booked: 50.0% (1 booked so far)", "Median first response: 0.5 hours of opening time",
				"/articles/heel-pain: 1", "/staff/account");
		// What is overdue is the whole inbox's, other tests' inquiries included: the digest names the oldest
		// OVERDUE_LINES in that order (this test's inquiry among them or counted in "and N more") and counts them all.
		List<InquiryFigures.Overdue> overdueNow = figures.overdueAt(at(2027, 2, 22, 7, 30));
		assertThat(overdueNow).extracting(InquiryFigures.Overdue::reference).contains(overdue.getReference());
		List<String> named = overdueNow.stream().limit(WeeklyDigest.OVERDUE_LINES)
			.map(InquiryFigures.Overdue::reference).toList();
		assertThat(text).contains(overdueNow.size() == 1 ? "1 inquiry is overdue now"
				: overdueNow.size() + " inquiries are overdue now").contains(named);
		if (overdueNow.size() > WeeklyDigest.OVERDUE_LINES) {
			assertThat(text).contains("and " + (overdueNow.size() - WeeklyDigest.OVERDUE_LINES) + " more");
		}
		assertThat(text).doesNotContain("Pat Digest");
		assertThat((String) rows.get(0).get("html_body")).contains("<h1>", named.get(0), "Share booked");
	}

	private String account(MockHttpSession session) throws Exception {
		return mvc.perform(get("/staff/account").session(session)).andReturn().getResponse().getContentAsString();
	}

	private static Inquiry inquiry(String sourcePage, Instant createdAt) {
		String reference = "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
		return new Inquiry(reference, null,
				new Inquiry.Contact("Pat Digest", "pat-" + UUID.randomUUID() + "@example.com", "905-555-0142"),
				new Inquiry.Request(HelpWith.FOOT_CARE, AskingAbout.BOTH, BestTime.MORNING, "My heel hurts"),
				new Inquiry.Consent(createdAt, "consent-v1"),
				new Inquiry.Source(sourcePage, null, null, null, null, null, null), createdAt, CLINIC);
	}

	private static Instant at(int year, int month, int day, int hour, int minute) {
		return LocalDateTime.of(year, month, day, hour, minute).atZone(CLINIC).toInstant();
	}

}

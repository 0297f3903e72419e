package ca.gagephysio.availability;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.SettableClock;
import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.clinic.ClinicFactsForTests;
import ca.gagephysio.clinic.SavedClinicFacts;
import ca.gagephysio.shared.PublicContentChanged;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import ca.gagephysio.team.Clinician;
import ca.gagephysio.team.Team;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The next new-client opening through the real path: the front desk sets it at {@code /staff/availability}, the
 * inquiry form and an article's call to action show it (from the page cache, as readers get them), it goes away by
 * itself when its day has passed, and no day the clinic is closed (by its hours or a statutory holiday it closes
 * on) is ever saved or shown. The clock is the clinic's Monday, December 7, 2026, 10:00 in Toronto.
 */
@ClinicIntegrationTest
@RecordApplicationEvents
class NewClientOpeningTests {

	private static final ZoneId CLINIC = ZoneId.of("America/Toronto");

	private static final String ARTICLE = "/articles/massage-for-back-pain";

	private static final Pattern JSON_LD = Pattern.compile(
			"<script type=\"application/ld\\+json\">(.*?)</script>", Pattern.DOTALL);

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	SettableClock clock;

	@Autowired
	ClinicFacts clinic;

	@Autowired
	Team team;

	@Autowired
	ApplicationContext context;

	@Autowired
	ApplicationEvents events;

	@Autowired
	JdbcClient jdbc;

	RequestPostProcessor frontDesk;

	@BeforeEach
	void mondayMorningAtTheFrontDesk() {
		clock.set(LocalDate.of(2026, 12, 7).atTime(10, 0).atZone(CLINIC).toInstant());
		frontDesk = StaffTestAccounts.signedIn(
				StaffTestAccounts.forTheClass(getClass(), accounts, "Fran Desk", StaffRole.STAFF), "STAFF");
	}

	@AfterEach
	void forgetOpeningsAndFacts() {
		jdbc.sql("delete from new_client_opening").update();
		SavedClinicFacts.forget(context);
		clock.reset();
	}

	@Test
	void theFrontDeskSetsAnOpeningAndTheFormAndTheArticleShowItInTheSiteDateFormat() {
		assertThat(body(mvc.get().uri("/inquiry"))).as("cached before the change").doesNotContain("Next opening");
		assertThat(body(mvc.get().uri(ARTICLE))).doesNotContain("Next opening");

		assertThat(save(frontDesk, "", "2026-12-08", "MORNING")).hasStatus(302)
			.hasRedirectedUrl("/staff/availability")
			.flash()
			.containsEntry("flash", "availability.saved");

		assertThat(events.stream(PublicContentChanged.class)).anySatisfy(
				changed -> assertThat(changed.onEveryPage()).isTrue());
		assertThat(body(mvc.get().uri("/inquiry")))
			.contains("<time datetime=\"2026-12-08\">Next opening for new clients: Tuesday, December 8, 2026, morning</time>");
		assertThat(body(mvc.get().uri(ARTICLE))).as("the call to action")
			.contains("<time datetime=\"2026-12-08\">Next opening for new clients: Tuesday, December 8, 2026, morning</time>");
		assertThat(body(mvc.get().uri("/staff/availability").with(frontDesk))).contains("Shown on the public pages now",
				"Next opening for new clients: Tuesday, December 8, 2026, morning", "The clinic overall",
				"Remove the clinic-wide opening")
			.as("no capital in the middle of the button's sentence")
			.doesNotContain("Remove the opening for The clinic overall");
		assertThat(jdbc.sql("select count(*) from audit_entry where action = 'NEW_CLIENT_OPENING_SAVED'")
			.query(Long.class)
			.single()).isPositive();
	}

	@Test
	void aDayTheClinicIsClosedIsRefusedWithTheChoiceKeptAndNeverShown() {
		// Saturday, December 12: closed by the hours (Monday to Friday)
		assertThat(body(save(frontDesk, "", "2026-12-12", "AFTERNOON"))).contains(
				"The clinic is closed that day. Choose a day it is open.", "value=\"2026-12-12\"",
				"value=\"AFTERNOON\" checked=\"checked\"");
		assertThat(stored()).isZero();

		assertThat(body(save(frontDesk, "", "2026-12-13", "MORNING"))).as("Sunday")
			.contains("The clinic is closed that day.");
		assertThat(body(save(frontDesk, "", "2026-12-04", "MORNING"))).as("last Friday")
			.contains("That day has passed. Choose today or a later day.");
		assertThat(body(save(frontDesk, "", "", "MORNING"))).contains("Enter the day of the opening.");
		assertThat(body(save(frontDesk, "", "08/12/2026", "MORNING"))).as("not a date")
			.contains("Enter the day as a date, such as 2026-12-08.", "value=\"08/12/2026\"");
		assertThat(stored()).isZero();
		assertThat(body(mvc.get().uri("/inquiry"))).doesNotContain("Next opening");
	}

	@Test
	void aStatutoryHolidayTheClinicClosesOnIsRefusedAndAnOpeningSavedBeforeIsNoLongerShown() {
		// Christmas, Friday December 25, 2026: an open day by the hours; the clinic does not close on holidays yet
		assertThat(save(frontDesk, "", "2026-12-25", "MORNING")).hasStatus(302);
		assertThat(body(mvc.get().uri("/inquiry"))).contains("Next opening for new clients: Friday, December 25, 2026, morning");

		// saving confirms the facts, so the clinic must say it accepts new clients, or the form is the waiting list
		ClinicFactsForTests.save(clinic, facts -> ClinicFactsForTests
			.acceptingNewClients(ClinicFactsForTests.closedOnHolidays(facts, true), true));

		assertThat(body(mvc.get().uri("/inquiry"))).as("the facts' save dropped the cached form")
			.doesNotContain("Next opening");
		assertThat(body(mvc.get().uri(ARTICLE))).doesNotContain("Next opening");
		assertThat(body(mvc.get().uri("/staff/availability").with(frontDesk)))
			.contains("Not shown: the clinic is closed that day");
		assertThat(body(save(frontDesk, "", "2027-01-01", "EVENING"))).as("New Year's Day, a Friday")
			.contains("That is a statutory holiday the clinic closes on. Choose a day it is open.",
					"value=\"2027-01-01\"");
		assertThat(save(frontDesk, "", "2026-12-29", "EVENING")).hasStatus(302);
		assertThat(body(mvc.get().uri("/inquiry"))).contains("Next opening for new clients: Tuesday, December 29, 2026, evening");
	}

	@Test
	void whileTheClinicIsFullTheBackOfficeNeverSaysAnOpeningIsShown() {
		// the owner unticks "Now booking new clients": the form is the waiting list, no opening is shown anywhere
		ClinicFactsForTests.save(clinic, facts -> ClinicFactsForTests.acceptingNewClients(facts, false));

		assertThat(save(frontDesk, "", "2026-12-08", "MORNING")).hasStatus(302)
			.flash()
			.containsEntry("flash", "availability.saved.waiting-list");
		assertThat(body(mvc.get().uri("/inquiry"))).contains("Join the waiting list").doesNotContain("Next opening");
		String page = body(mvc.get().uri("/staff/availability").with(frontDesk));
		assertThat(page).contains("the clinic is not accepting new clients, so the inquiry form is a waiting list",
				"Not shown while the clinic is not accepting new clients")
			.as("the table must not contradict the sentence above it")
			.doesNotContain("<td>Shown</td>");
	}

	@Test
	void anOpeningDisappearsByItselfOnceItsDayHasPassedInTheClinicsTimeZone() {
		assertThat(save(frontDesk, "", "2026-12-08", "EVENING")).hasStatus(302);
		clock.set(LocalDate.of(2026, 12, 8).atTime(23, 58).atZone(CLINIC).toInstant());
		assertThat(body(mvc.get().uri("/inquiry"))).as("still its day, and now cached")
			.contains("Next opening for new clients: Tuesday, December 8, 2026, evening");
		assertThat(body(mvc.get().uri(ARTICLE))).contains("Tuesday, December 8, 2026, evening");
		long contentVersion = contentVersion();

		// 00:00 on the 9th in Toronto is 05:00 UTC: a UTC date would have dropped it five hours early
		clock.set(LocalDate.of(2026, 12, 9).atStartOfDay(CLINIC).toInstant().plusSeconds(1));

		assertThat(body(mvc.get().uri("/inquiry"))).as("the cached form was dropped at midnight, clinic time")
			.doesNotContain("Next opening");
		assertThat(body(mvc.get().uri(ARTICLE))).doesNotContain("Next opening");
		assertThat(contentVersion()).as("nothing was written: the cache asked for the instant").isEqualTo(contentVersion);
		assertThat(body(mvc.get().uri("/staff/availability").with(frontDesk))).contains("Past, no longer shown");
	}

	@Test
	void theNextChangeIsTheMidnightAfterTheSoonestOpeningClinicTime() {
		assertThat(save(frontDesk, "", "2026-12-09", "MORNING")).hasStatus(302);
		NewClientOpenings openings = context.getBean(NewClientOpenings.class);
		Instant now = clock.instant();
		assertThat(openings.nextPageChangeAfter(now))
			.contains(LocalDate.of(2026, 12, 10).atStartOfDay(CLINIC).toInstant());
		assertThat(openings.nextPageChangeAfter(LocalDate.of(2026, 12, 10).atStartOfDay(CLINIC).toInstant())).isEmpty();
	}

	@Test
	void anOpeningPerClinicianIsShownWithTheirNameAfterTheClinicWideOne() {
		Clinician clinician = team.published().get(0);
		assertThat(save(frontDesk, clinician.slug(), "2026-12-10", "AFTERNOON")).hasStatus(302);
		assertThat(save(frontDesk, "", "2026-12-14", "MORNING")).hasStatus(302);

		String form = body(mvc.get().uri("/inquiry"));
		assertThat(form).contains("Next opening for new clients: Monday, December 14, 2026, morning",
				"Next opening for new clients with " + clinician.name() + ": Thursday, December 10, 2026, afternoon");
		assertThat(form.indexOf("Monday, December 14, 2026")).as("the clinic-wide opening first")
			.isLessThan(form.indexOf("Thursday, December 10, 2026"));

		assertThat(save(frontDesk, clinician.slug(), "2026-12-11", "MORNING")).as("replaces theirs").hasStatus(302);
		assertThat(stored()).isEqualTo(2);
		assertThat(body(mvc.get().uri(ARTICLE))).contains(clinician.name() + ": Friday, December 11, 2026, morning")
			.doesNotContain("Thursday, December 10, 2026");

		assertThat(body(save(frontDesk, "nobody-by-this-name", "2026-12-11", "MORNING")))
			.contains("Choose a clinician from the list, or the clinic overall.");

		assertThat(mvc.post().uri("/staff/availability/remove").param("scope", clinician.slug()).with(frontDesk)
			.with(csrf())).hasStatus(302).flash().containsEntry("flash", "availability.removed");
		assertThat(body(mvc.get().uri("/inquiry"))).doesNotContain(clinician.name() + ":")
			.contains("Monday, December 14, 2026, morning");
	}

	@Test
	void theClinicsStructuredDataOffersTheOpeningFromItsDayUntilItPassesAndNeverOnTheWaitingList() {
		assertThat(openingsInStructuredData("/")).as("none set").isEmpty();
		assertThat(save(frontDesk, "", "2026-12-08", "MORNING")).hasStatus(302);

		for (String path : new String[] { "/", ARTICLE, "/team" }) {
			assertThat(openingsInStructuredData(path)).as(path).singleElement().satisfies(offer -> {
				assertThat(offer.get("@type").asString()).isEqualTo("Offer");
				assertThat(offer.get("availabilityStarts").asString()).isEqualTo("2026-12-08");
				assertThat(offer.get("name").asString())
					.isEqualTo("Next opening for new clients: Tuesday, December 8, 2026, morning");
				assertThat(offer.get("url").asString()).endsWith("/inquiry");
			});
		}

		clock.set(LocalDate.of(2026, 12, 9).atStartOfDay(CLINIC).toInstant().plusSeconds(1));
		assertThat(openingsInStructuredData("/")).as("its day has passed, clinic time").isEmpty();
		assertThat(openingsInStructuredData(ARTICLE)).isEmpty();

		clock.set(LocalDate.of(2026, 12, 7).atTime(10, 0).atZone(CLINIC).toInstant());
		assertThat(save(frontDesk, "", "2026-12-08", "MORNING")).hasStatus(302);
		assertThat(openingsInStructuredData("/")).hasSize(1);
		// confirming the facts as not accepting new clients turns the form into the waiting list
		ClinicFactsForTests.save(clinic, facts -> ClinicFactsForTests.acceptingNewClients(facts, false));
		assertThat(openingsInStructuredData("/")).as("the waiting list").isEmpty();
		assertThat(openingsInStructuredData(ARTICLE)).isEmpty();
	}

	/** The {@code makesOffer} entries of the clinic's node in the page's JSON-LD, parsed; empty when there are none. */
	private List<JsonNode> openingsInStructuredData(String path) {
		Matcher script = JSON_LD.matcher(body(mvc.get().uri(path)));
		assertThat(script.find()).as("a JSON-LD script on " + path).isTrue();
		for (JsonNode node : JsonMapper.shared().readTree(script.group(1)).get("@graph")) {
			if (node.get("@id").asString().endsWith("#clinic")) {
				List<JsonNode> offers = new ArrayList<>();
				if (node.has("makesOffer")) {
					node.get("makesOffer").forEach(offers::add);
				}
				return offers;
			}
		}
		throw new AssertionError("no clinic in the graph of " + path);
	}

	@Test
	void thePageIsTheFrontDesksAndClosedToVisitors() {
		assertThat(mvc.get().uri("/staff/availability").with(frontDesk)).hasStatusOk()
			.bodyText()
			.contains("Next opening for new clients", "Set an opening", "Any clinician (the clinic overall)");
		assertThat(mvc.get().uri("/staff/availability")).hasStatus(302);
		assertThat(mvc.post().uri("/staff/availability").param("date", "2026-12-08").param("partOfDay", "MORNING")
			.exchange().getResponse().getStatus()).as("no session, no CSRF token: to the sign-in or refused")
			.isIn(302, 403);
		assertThat(stored()).isZero();
	}

	/**
	 * Two first saves of the clinic-wide opening released together (two desks, or a double click): one opening is
	 * stored for the scope, and each person gets either the saved redirect or the page saying someone else was
	 * saving, never a 500.
	 */
	@Test
	void twoFirstSavesAtOnceStoreOneOpeningAndNeitherGetsAnError() throws Exception {
		List<Integer> statuses = ca.gagephysio.Race.run(
				() -> save(frontDesk, "", "2026-12-08", "MORNING").getResponse().getStatus(),
				() -> save(frontDesk, "", "2026-12-09", "AFTERNOON").getResponse().getStatus());

		assertThat(statuses).allSatisfy(status -> assertThat(status).isIn(200, 302)).contains(302);
		assertThat(stored()).isEqualTo(1);
	}

	private MvcTestResult save(RequestPostProcessor who, String clinician, String date, String part) {
		return mvc.post()
			.uri("/staff/availability")
			.param("clinician", clinician)
			.param("date", date)
			.param("partOfDay", part)
			.with(who)
			.with(csrf())
			.exchange();
	}

	private long stored() {
		return jdbc.sql("select count(*) from new_client_opening").query(Long.class).single();
	}

	private long contentVersion() {
		return jdbc.sql("select version from site_content_version where id = 1").query(Long.class).single();
	}

	private static String body(org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder request) {
		return body(request.exchange());
	}

	private static String body(MvcTestResult result) {
		assertThat(result).hasStatusOk();
		return new String(result.getResponse().getContentAsByteArray(), java.nio.charset.StandardCharsets.UTF_8);
	}

}

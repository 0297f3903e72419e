package ca.gagephysio.clinic.staff;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

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
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.SettableClock;
import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.clinic.SavedClinicFacts;
import ca.gagephysio.shared.PublicContentChanged;
import ca.gagephysio.staff.AccessTrail;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The clinic-facts page through the real path (mapping, binding, validation, security) and what the public then
 * sees. Every test that saves puts the defaults back afterwards: the application context is shared.
 */
@ClinicIntegrationTest
@RecordApplicationEvents
class ClinicFactsPageTests {

	private static final ZoneId CLINIC = ZoneId.of("America/Toronto");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	ClinicFacts clinic;

	@Autowired
	AccessTrail trail;

	@Autowired
	SettableClock clock;

	@Autowired
	ApplicationContext context;

	@Autowired
	ApplicationEvents events;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	RequestPostProcessor admin;

	RequestPostProcessor staff;

	@BeforeEach
	void signIn() {
		admin = StaffTestAccounts.signedIn(
				StaffTestAccounts.forTheClass(getClass(), accounts, "Avery Admin", StaffRole.ADMIN), "ADMIN", "STAFF");
		staff = StaffTestAccounts.signedIn(
				StaffTestAccounts.forTheClass(getClass(), accounts, "Sam Staff", StaffRole.STAFF), "STAFF");
	}

	@AfterEach
	void backToTheDefaults() {
		SavedClinicFacts.forget(context);
		clock.reset();
	}

	@Test
	void beforeAnythingIsSavedThePropertiesAreTheFactsAndAdministratorsAreToldTheyAreSamples() {
		assertThat(clinic.version()).isNull();
		assertThat(clinic.sampleValues()).isTrue();
		assertThat(clinic.phone()).isEqualTo("905-555-0100");

		String page = body(mvc.get().uri("/staff/settings").with(admin));
		assertThat(page).contains("value=\"905-555-0100\"", "value=\"123 Sample Street\"", "value=\"L8A 0A0\"",
				"value=\"http://localhost:8080\"", "value=\"08:00\"", "value=\"19:00\"");
		assertThat(page).as("the back-office notice for administrators")
			.contains("The public site still shows the sample address, phone, email and hours.");
		assertThat(body(mvc.get().uri("/staff/account").with(staff))).as("front-desk staff cannot act on it")
			.doesNotContain("The public site still shows the sample address");
		assertThat(body(mvc.get().uri("/"))).contains("905-555-0100", "123 Sample Street")
			.doesNotContain("Closed on Ontario statutory holidays", "Book online", "Now booking new clients");
	}

	@Test
	void aSaveShowsAtOnceInTheFooterTheStructuredDataAndEndsTheSampleValuesNotice() {
		clock.set(LocalDate.of(2026, 12, 20).atTime(12, 0).atZone(CLINIC).toInstant());
		assertThat(body(mvc.get().uri("/articles/massage-for-back-pain"))).as("cached before the change")
			.contains("905-555-0100");
		long contentVersion = contentVersion();

		assertThat(save(admin, form -> {
			form.put("phone", "905-555-0199");
			form.put("street", "456 Example Avenue");
			form.put("postalCode", "l8m1k5");
			form.put("closedOnStatutoryHolidays", "true");
			form.put("bookingUrl", "https://booking.example.ca/gage");
			form.put("acceptingNewClients", "true");
			form.put("days[5].open", "true");
			form.put("days[5].opens", "09:00");
			form.put("days[5].closes", "13:00");
		})).hasStatus(302).hasRedirectedUrl("/staff/settings").flash().containsEntry("flash", "settings.saved");

		assertThat(events.stream(PublicContentChanged.class)).singleElement()
			.satisfies(changed -> assertThat(changed.onEveryPage()).isTrue());
		assertThat(contentVersion()).as("moved for the other instances").isEqualTo(contentVersion + 1);
		String home = body(mvc.get().uri("/"));
		assertThat(home).contains("905-555-0199", "456 Example Avenue", "L8M 1K5", "tel:+19055550199")
			.doesNotContain("905-555-0100", "123 Sample Street");
		assertThat(home).as("footer").contains("Closed on Ontario statutory holidays; next: Christmas Day, December 25, 2026");
		assertThat(home).as("beside the inquiry button, and the banner")
			.contains("href=\"https://booking.example.ca/gage\"", "Book online", "Now booking new clients");
		assertThat(home).as("Saturday's new hours").contains("Saturday");
		assertThat(body(mvc.get().uri("/articles/massage-for-back-pain"))).as("the cached article page, dropped")
			.contains("905-555-0199", "Closed on Ontario statutory holidays")
			.doesNotContain("905-555-0100");
		String jsonLd = home.substring(home.indexOf("application/ld+json"));
		assertThat(jsonLd).contains("\"telephone\":\"905-555-0199\"", "\"postalCode\":\"L8M 1K5\"",
				"\"validFrom\":\"2026-12-25\"", "\"validThrough\":\"2026-12-25\"", "\"validFrom\":\"2026-12-26\"",
				"\"name\":\"Christmas Day\"", "\"name\":\"Boxing Day\"",
				"https://schema.org/Saturday");

		assertThat(clinic.sampleValues()).isFalse();
		String settings = body(mvc.get().uri("/staff/settings").with(admin));
		assertThat(settings).contains("Last saved", "Avery Admin")
			.doesNotContain("The public site still shows the sample address");
	}

	@Test
	void theFooterAndTheStructuredDataShowTheDaysTheClinicIsClosedAndItsPublicEmail() {
		String before = body(mvc.get().uri("/"));
		assertThat(before).as("the sample facts say they are samples")
			.contains("The address, phone and email shown are samples");
		assertThat(footer(before)).as("the sample hours: Monday to Friday open, the weekend closed")
			.contains("<dt>Saturday, Sunday</dt>", "<dd>Closed</dd>");

		assertThat(save(admin, form -> {
			form.put("email", "frontdesk@example.ca");
			form.put("days[2].open", "false");
			form.remove("days[2].open");
		})).hasStatus(302);

		String home = body(mvc.get().uri("/"));
		assertThat(footer(home)).contains("href=\"mailto:frontdesk@example.ca\"", ">frontdesk@example.ca<",
				"<dt>Wednesday, Saturday, Sunday</dt>", "<dd>Closed</dd>")
			.doesNotContain("are samples");
		String jsonLd = home.substring(home.indexOf("application/ld+json"));
		assertThat(jsonLd).contains("\"email\":\"frontdesk@example.ca\"",
				"{\"@type\":\"OpeningHoursSpecification\",\"dayOfWeek\":[\"https://schema.org/Wednesday\","
						+ "\"https://schema.org/Saturday\",\"https://schema.org/Sunday\"],\"opens\":\"00:00\","
						+ "\"closes\":\"00:00\"}");
	}

	@Test
	void holidaysAreNamedAsOntarioWritesThemInTheFooterAndTheStructuredData() {
		clock.set(LocalDate.of(2027, 1, 10).atTime(12, 0).atZone(CLINIC).toInstant());
		assertThat(save(admin, form -> form.put("closedOnStatutoryHolidays", "true"))).hasStatus(302);

		String home = body(mvc.get().uri("/"));
		assertThat(footer(home)).contains("Closed on Ontario statutory holidays; next: Family Day, February 15, 2027");
		String jsonLd = home.substring(home.indexOf("application/ld+json"));
		assertThat(jsonLd).contains("\"name\":\"Family Day\"", "\"name\":\"Good Friday\"",
				"\"name\":\"Victoria Day\"", "\"name\":\"Canada Day\"", "\"name\":\"Labour Day\"",
				"\"name\":\"Thanksgiving Day\"", "\"name\":\"Christmas Day\"", "\"name\":\"Boxing Day\"",
				"\"name\":\"New Year's Day\"", "\"validFrom\":\"2027-05-24\"");
		assertThat(jsonLd).as("Jollyday's own English names, and the bank holidays that do not close the clinic")
			.doesNotContain("Queen Victoria", "Family day", "Labour day", "Civic", "Easter Monday", "Remembrance");
		assertThat(body(mvc.get().uri("/staff/settings").with(admin))).contains("Victoria Day: Monday, May 24, 2027");
	}

	@Test
	void theNewClientsBoxSaysThatLeavingItUntickedTurnsTheFormIntoAWaitingList() {
		// Unticked is the shipped default, and the box was labelled as a banner only: a new owner saving the facts
		// for the first time turned the inquiry form into a waiting list without knowing it.
		String page = body(mvc.get().uri("/staff/settings").with(admin));
		assertThat(page).contains(">Accepting new clients</label>", "aria-describedby=\"acceptingNewClients-help\"",
				"id=\"acceptingNewClients-help\"",
				"Unticked, the inquiry form becomes &quot;Join the waiting list&quot; and no opening is shown.");

		assertThat(save(admin, form -> { })).as("saved as shown, the box left unticked").hasStatus(302);
		assertThat(body(mvc.get().uri("/inquiry"))).as("what the hint said").contains("<h1>Join the waiting list</h1>");

		assertThat(save(admin, form -> form.put("acceptingNewClients", "true"))).hasStatus(302);
		assertThat(body(mvc.get().uri("/inquiry"))).contains("Now booking new clients")
			.doesNotContain("Join the waiting list");
	}

	@Test
	void aBookingLinkTypedWithoutHttpsIsCompletedNotRefused() {
		var withAnError = save(admin, form -> {
			form.put("bookingUrl", "booking.example.ca/gage");
			form.put("phone", "12");
		});
		assertThat(withAnError).hasStatus(200);
		assertThat(body(withAnError)).as("completed where it was typed, only the phone refused")
			.contains("value=\"https://booking.example.ca/gage\"", "Enter a phone number with its area code")
			.doesNotContain("Enter the booking page");

		assertThat(save(admin, form -> form.put("bookingUrl", "  www.example.ca/book?clinic=gage  "))).hasStatus(302);
		assertThat(clinic.bookingUrl()).isEqualTo("https://www.example.ca/book?clinic=gage");
		assertThat(body(mvc.get().uri("/"))).contains("href=\"https://www.example.ca/book?clinic=gage\"");

		assertThat(save(admin, form -> form.put("bookingUrl", "booking.example.ca:8443/gage"))).hasStatus(302);
		assertThat(clinic.bookingUrl()).as("a port is not a scheme").isEqualTo("https://booking.example.ca:8443/gage");
		assertThat(save(admin, form -> form.put("bookingUrl", "http://booking.example.ca/gage"))).hasStatus(302);
		assertThat(clinic.bookingUrl()).as("a scheme typed is kept").isEqualTo("http://booking.example.ca/gage");

		var otherScheme = save(admin, form -> form.put("bookingUrl", "mailto:frontdesk@example.ca"));
		assertThat(otherScheme).hasStatus(200);
		assertThat(body(otherScheme)).contains("Enter the booking page", "value=\"mailto:frontdesk@example.ca\"");
	}

	@Test
	void oneDaysHoursAreCopiedToTheOtherWeekdaysWithoutScriptAndNothingIsSavedUntilSave() {
		Map<String, String> form = currentForm();
		form.put("phone", "905-555-0133");
		form.put("days[1].opens", "10:00");
		form.put("days[1].closes", "18:30");
		MockMvcRequestBuilder copy = mvc.post().uri("/staff/settings").with(admin).with(csrf());
		form.forEach((name, value) -> copy.param(name, value));
		var copied = copy.param(ClinicFactsController.COPY, "TUESDAY").exchange();

		assertThat(copied).hasStatus(200);
		String page = body(copied);
		assertThat(page).contains("Tuesday&#39;s hours are now on every weekday, Monday to Friday. Nothing is saved yet",
				"value=\"905-555-0133\"");
		for (int day = 0; day < 5; day++) {
			assertThat(page).as("weekday " + day)
				.containsPattern("id=\"days" + day + "\\.opens\"[^>]*value=\"10:00\"|value=\"10:00\"[^>]*id=\"days" + day
						+ "\\.opens\"")
				.containsPattern("id=\"days" + day + "\\.closes\"[^>]*value=\"18:30\"|value=\"18:30\"[^>]*id=\"days" + day
						+ "\\.closes\"");
		}
		assertThat(page).as("the weekend as it was").doesNotContainPattern("id=\"days5\\.opens\"[^>]*value=\"10:00\"");
		assertThat(page).as("Enter still saves: the first submit button of the form is Save")
			.containsPattern("(?s)<form[^>]*action=\"/staff/settings\".*?<button type=\"submit\" class=\"button\">Save clinic facts");
		assertThat(clinic.version()).as("nothing saved").isNull();
		assertThat(clinic.phone()).isEqualTo("905-555-0100");
		assertThat(events.stream(PublicContentChanged.class)).isEmpty();

		var notAWeekday = mvc.post().uri("/staff/settings").with(admin).with(csrf())
			.param(ClinicFactsController.COPY, "SUNDAY").param("phone", "905-555-0133").exchange();
		assertThat(notAWeekday).as("a hand-made post copies nothing and is not an error").hasStatus(200);
		assertThat(mvc.post().uri("/staff/settings").with(staff).with(csrf())
			.param(ClinicFactsController.COPY, "MONDAY")).hasStatus(403);
	}

	@Test
	void aSaveThatRollsBackLeavesNoPageShowingItAndTheContentVersionAsItWas() throws Exception {
		assertThat(body(mvc.get().uri("/"))).contains("905-555-0100");
		// nothing cached, so the home page is rendered again during the save below
		context.publishEvent(PublicContentChanged.everyPage("test"));
		long contentVersion = contentVersion();
		ClinicFacts.Facts now = clinic.facts();
		ClinicFacts.Facts changed = new ClinicFacts.Facts(now.name(), now.baseUrl(), "905-555-0177", now.email(),
				now.address(), now.geo(), now.week(), now.closedOnStatutoryHolidays(), now.bookingUrl(),
				now.acceptingNewClients());

		transactions.executeWithoutResult(status -> {
			clinic.save(changed, clinic.version(), "Test");
			// The facts are shown from the save on, before the commit: a reader's request (another thread, outside
			// this transaction) renders and caches the home page with them meanwhile.
			assertThat(CompletableFuture.supplyAsync(() -> body(mvc.get().uri("/"))).join()).contains("905-555-0177");
			status.setRollbackOnly();
		});

		assertThat(clinic.phone()).isEqualTo("905-555-0100");
		assertThat(body(mvc.get().uri("/"))).as("the page rendered from the rolled-back facts is gone")
			.contains("905-555-0100")
			.doesNotContain("905-555-0177");
		assertThat(contentVersion()).isEqualTo(contentVersion);
	}

	@Test
	void everySaveIsWrittenToTheAccessTrailWithWhatChanged() {
		assertThat(save(admin, form -> form.put("phone", "905-555-0142"))).hasStatus(302);

		assertThat(trail.entriesAbout("CLINIC_FACTS", List.of(1L))).last().satisfies(entry -> {
			assertThat(entry.action()).isEqualTo("CLINIC_FACTS_SAVED");
			assertThat(entry.detail()).isEqualTo("changed: phone");
			assertThat(entry.actorEmail()).startsWith("staff-");
		});
	}

	@Test
	void whatIsTypedWrongComesBackWithItsMessagesAndTheTextKept() {
		var result = save(admin, form -> {
			form.put("phone", "12");
			form.put("email", "not an email");
			form.put("postalCode", "90210");
			form.put("latitude", "95.5");
			form.put("longitude", "east");
			form.put("baseUrl", "ftp://clinic.example");
			form.put("bookingUrl", "javascript:alert(1)");
			form.put("days[0].opens", "17:00");
			form.put("days[0].closes", "09:00");
			form.put("days[1].opens", "");
		});

		assertThat(result).hasStatus(200);
		String page = body(result);
		assertThat(page).contains("error-summary", "Enter a phone number with its area code",
				"Enter an email address such as", "Enter a Canadian postal code such as L8M 1K5",
				"Enter the latitude in decimal degrees", "Enter the longitude in decimal degrees",
				"Enter a full address starting with https://", "The closing time must be after the opening time.",
				"Enter the opening time, such as 08:00.");
		assertThat(page).as("what was typed").contains("value=\"12\"", "value=\"not an email\"", "value=\"90210\"",
				"value=\"95.5\"", "value=\"east\"", "value=\"ftp://clinic.example\"", "value=\"17:00\"",
				"value=\"09:00\"", "href=\"#days0.closes\"", "href=\"#postalCode\"");
		assertThat(clinic.version()).as("nothing saved").isNull();
		assertThat(events.stream(PublicContentChanged.class)).isEmpty();
	}

	@Test
	void aHandMadePostWithAMangledVersionOrNoDaysComesBackWithAMessageNotAServerError() {
		var mangled = save(admin, form -> form.put("version", "not-a-number"));
		assertThat(mangled).hasStatus(200);
		assertThat(body(mangled)).contains("This form is out of date.");

		var noDays = save(admin, form -> form.keySet().removeIf(name -> name.contains("days[")));
		assertThat(noDays).hasStatus(200);
		assertThat(body(noDays)).contains("Give the hours for each day of the week");
		assertThat(clinic.version()).as("nothing saved").isNull();
	}

	@Test
	void aSaveFromAPageOpenedBeforeAnothersSaveIsRefusedWithTheTypingKept() {
		assertThat(save(admin, form -> form.put("phone", "905-555-0111"))).hasStatus(302);
		String openedBefore = ""; // the first save was made from a page opened with nothing saved

		var result = save(admin, form -> {
			form.put("version", openedBefore);
			form.put("phone", "905-555-0122");
		});

		assertThat(result).hasStatus(200);
		assertThat(body(result)).contains("Someone else saved the clinic facts while you were editing",
				"value=\"905-555-0122\"", "905-555-0111");
		assertThat(clinic.phone()).isEqualTo("905-555-0111");
	}

	@Test
	void frontDeskStaffCannotOpenOrChangeTheFactsByAnyAddress() {
		for (String path : List.of("/staff/settings", "/staff/settings/", "/staff/settings/anything",
				"/staff/SETTINGS")) {
			assertThat(mvc.get().uri(path).with(staff).exchange().getResponse().getStatus()).as(path)
				.isIn(403, 404);
		}
		assertThat(mvc.get().uri("/staff/settings").with(staff)).hasStatus(403);
		assertThat(save(staff, form -> form.put("phone", "905-555-0177"))).hasStatus(403);
		assertThat(mvc.post().uri("/staff/settings/").with(staff).with(csrf()).param("phone", "905-555-0177"))
			.hasStatus(403);
		assertThat(clinic.phone()).isEqualTo("905-555-0100");
		assertThat(body(mvc.get().uri("/staff/account").with(staff))).doesNotContain("href=\"/staff/settings\"");
		assertThat(body(mvc.get().uri("/staff/account").with(admin))).contains("href=\"/staff/settings\"");
		assertThat(mvc.get().uri("/staff/settings")).hasStatus(302);
	}

	private MvcTestResult save(RequestPostProcessor who, Consumer<Map<String, String>> changes) {
		Map<String, String> form = currentForm();
		changes.accept(form);
		MockMvcRequestBuilder post = mvc.post().uri("/staff/settings").with(who).with(csrf());
		form.forEach((name, value) -> post.param(name, value));
		return post.exchange();
	}

	/** What the page posts when nothing is changed: the facts in force, as the browser would send them. */
	private Map<String, String> currentForm() {
		ClinicFactsForm now = ClinicFactsForm.of(clinic);
		Map<String, String> form = new LinkedHashMap<>();
		form.put("version", now.version());
		form.put("name", now.name());
		form.put("phone", now.phone());
		form.put("email", now.email());
		form.put("street", now.street());
		form.put("city", now.city());
		form.put("province", now.province());
		form.put("postalCode", now.postalCode());
		form.put("latitude", now.latitude());
		form.put("longitude", now.longitude());
		List<ClinicFactsForm.Day> days = new ArrayList<>(now.days());
		for (int i = 0; i < days.size(); i++) {
			ClinicFactsForm.Day day = days.get(i);
			form.put("days[" + i + "].day", DayOfWeek.valueOf(day.day()).name());
			if (day.isOpen()) {
				form.put("days[" + i + "].open", "true");
			}
			form.put("_days[" + i + "].open", "on");
			form.put("days[" + i + "].opens", day.opens());
			form.put("days[" + i + "].closes", day.closes());
		}
		if (Boolean.TRUE.equals(now.closedOnStatutoryHolidays())) {
			form.put("closedOnStatutoryHolidays", "true");
		}
		form.put("_closedOnStatutoryHolidays", "on");
		form.put("baseUrl", now.baseUrl());
		form.put("bookingUrl", now.bookingUrl());
		if (Boolean.TRUE.equals(now.acceptingNewClients())) {
			form.put("acceptingNewClients", "true");
		}
		form.put("_acceptingNewClients", "on");
		return form;
	}

	private static String footer(String page) {
		return page.substring(page.indexOf("<footer"));
	}

	/** The number every instance polls to learn of a change made on another ({@code site.ContentVersion}). */
	private long contentVersion() {
		return jdbc.sql("select version from site_content_version where id = 1").query(Long.class).single();
	}

	private static String body(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String body(MockMvcRequestBuilder request) {
		return body(request.exchange());
	}

}

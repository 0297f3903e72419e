package ca.gagephysio.inquiry.form;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.SettableClock;
import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.clinic.ClinicFactsForTests;
import ca.gagephysio.clinic.SavedClinicFacts;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.inquiry.internal.InquiryStatus;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * While the clinic's confirmed facts say it is not accepting new clients, the public form is "Join the waiting
 * list": the same fields and guarantees (stored before the confirmation, the spam rules, consent), wording that
 * says what happens next, a confirmation and an acknowledgement that say it is a waiting list; the inbox's
 * "Waiting list" tab lists those still waiting, oldest first, with how long each has waited.
 */
@ClinicIntegrationTest
class WaitingListTests {

	private static final AtomicInteger CLIENTS = new AtomicInteger();

	private static final ZoneId CLINIC = ZoneId.of("America/Toronto");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	FormTokens tokens;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	ClinicFacts clinic;

	@Autowired
	SettableClock clock;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	private final String client = "10.22.0." + (CLIENTS.incrementAndGet() % 250 + 1);

	@BeforeEach
	void theClinicIsFull() {
		ClinicFactsForTests.save(clinic, facts -> ClinicFactsForTests.acceptingNewClients(facts, false));
	}

	@AfterEach
	void backToTheDefaults() {
		jdbc.sql("delete from new_client_opening").update();
		SavedClinicFacts.forget(context);
		clock.reset();
	}

	@Test
	void theFormBecomesJoinTheWaitingListAndSaysWhatHappensNextWithoutAnOpening() {
		LocalDate openDay = nextWeekday(LocalDate.now(CLINIC).plusDays(2));
		jdbc.sql("""
				insert into new_client_opening (scope, opening_date, part_of_day, saved_at, saved_by)
				values ('*', ?, 'MORNING', current_timestamp, 'Test')""").param(openDay).update();
		context.publishEvent(ca.gagephysio.shared.PublicContentChanged.everyPage("test"));

		String page = body(mvc.get().uri("/inquiry"));

		assertThat(page).contains("<h1>Join the waiting list</h1>",
				"We are not taking new clients at the moment. Joining the waiting list takes about 35 seconds.",
				"What happens next: we keep your details in the order they arrive and contact you",
				"Joining does not book an appointment, and we cannot say yet how long the wait will be.",
				">Join the waiting list</button>", "<title>Join the Waiting List")
			.as("the same fields and consent")
			.contains("name=\"name\"", "name=\"email\"", "name=\"phone\"", "name=\"service\"", "name=\"consent\"")
			.doesNotContain("Send my inquiry", "Next opening for new clients");
	}

	@Test
	void aWaitingListEntryIsStoredBeforeTheConfirmationWhichSaysItIsAWaitingList() {
		String name = "Wl" + unique() + " Ada";
		String email = unique() + "@example.com";

		MvcTestResult posted = post(valid(name, email));

		assertThat(posted).hasStatus(303);
		Inquiry stored = inquiries.findByReference(referenceOf(posted)).orElseThrow();
		assertThat(stored.isWaitingList()).isTrue();
		assertThat(stored.getStatus()).isEqualTo(InquiryStatus.NEW);
		assertThat(stored.getOpeningShown()).isNull();
		assertThat(body(mvc.get().uri(posted.getResponse().getRedirectedUrl()))).contains(
				"<h1>You are on our waiting list</h1>", "We contact people in the order they joined",
				stored.getReference());
		assertThat(jdbc.sql("select waiting_list from notification where inquiry_id = ? and kind = 'ACKNOWLEDGEMENT'")
			.param(stored.getId())
			.query(Boolean.class)
			.single()).as("the acknowledgement is queued as a waiting-list one").isTrue();
	}

	@Test
	void theSpamRulesAndConsentHoldOnTheWaitingList() {
		String email = unique() + "@example.com";
		Map<String, String> trap = valid("Wl" + unique(), email);
		trap.put(InquiryForm.TRAP_PARAMETER, "http://spam.example");
		MvcTestResult caught = post(trap);
		assertThat(caught).as("confirmed like any other, so a bot learns nothing").hasStatus(303);
		Inquiry spam = inquiries.findByReference(referenceOf(caught)).orElseThrow();
		assertThat(spam.getStatus()).isEqualTo(InquiryStatus.SPAM);
		assertThat(jdbc.sql("select count(*) from notification where inquiry_id = ?").param(spam.getId())
			.query(Long.class).single()).as("no email for spam").isZero();

		String name = "Wl" + unique();
		Map<String, String> noConsent = valid(name, unique() + "@example.com");
		noConsent.remove("consent");
		MvcTestResult refused = post(noConsent);
		assertThat(refused).hasStatusOk();
		assertThat(body(refused)).contains("<h1>Join the waiting list</h1>", "value=\"" + name + "\"",
				"Tick the box to agree, so we can store your inquiry and reply.");
	}

	@Test
	void theWaitingListTabListsThoseStillWaitingOldestFirstWithHowLongEachHasWaited() {
		String family = "Wl" + unique();
		Instant now = Instant.now();
		clock.set(now.minus(Duration.ofDays(3)));
		Inquiry recent = stored(post(valid(family + " Recent", unique() + "@example.com")));
		clock.set(now.minus(Duration.ofDays(10)));
		Inquiry oldest = stored(post(valid(family + " Oldest", unique() + "@example.com")));
		clock.set(now.minus(Duration.ofDays(6)));
		Inquiry contacted = stored(post(valid(family + " Contacted", unique() + "@example.com")));
		clock.reset();
		ClinicFactsForTests.save(clinic, facts -> ClinicFactsForTests.acceptingNewClients(facts, true));
		Inquiry ordinary = stored(post(valid(family + " Ordinary", unique() + "@example.com")));
		assertThat(ordinary.isWaitingList()).isFalse();
		RequestPostProcessor desk = StaffTestAccounts
			.signedIn(StaffTestAccounts.create(accounts, "Wendy Waitlist", StaffRole.STAFF), "STAFF");
		assertThat(mvc.post().uri("/staff/inquiries/" + contacted.getId() + "/status")
			.param("status", "CONTACTED").param("version", String.valueOf(contacted.getVersion()))
			.with(desk).with(csrf())).hasStatus(302);

		String inbox = body(mvc.get().uri("/staff/inquiries?q=" + family).with(desk));
		assertThat(inbox).as("accepting again: the desk is pointed at the list")
			.contains("The clinic is accepting new clients again, and 2 people are on the waiting list.",
					"See the waiting list, oldest first")
			.contains("<span>Waiting list</span> <span class=\"count\">2</span>");

		String tab = body(mvc.get().uri("/staff/inquiries?list=waiting&q=" + family).with(desk));
		assertThat(tab).contains("aria-current=\"page\"", "oldest first", ">Waited</th>", ">10 days</td>",
				">3 days</td>")
			.as("the table's caption says the order the tab really has")
			.contains("2 inquiries, oldest first")
			.doesNotContain("newest first")
			.doesNotContain(family + " Contacted", family + " Ordinary");
		assertThat(tab.indexOf(family + " Oldest")).as("oldest first").isPositive()
			.isLessThan(tab.indexOf(family + " Recent"));
		assertThat(oldest.getCreatedAt()).isBefore(recent.getCreatedAt());
	}

	private Inquiry stored(MvcTestResult posted) {
		assertThat(posted).hasStatus(303);
		return inquiries.findByReference(referenceOf(posted)).orElseThrow();
	}

	private MvcTestResult post(Map<String, String> fields) {
		var request = mvc.post().uri("/inquiry").contentType(MediaType.APPLICATION_FORM_URLENCODED).with(from(client));
		fields.forEach(request::param);
		return request.exchange();
	}

	private Map<String, String> valid(String name, String email) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("token", tokens.issue(clock.instant().minusSeconds(10)));
		fields.put("name", name);
		fields.put("email", email);
		fields.put("service", "MASSAGE_THERAPY");
		fields.put("askingAbout", "AVAILABILITY");
		fields.put("consent", "true");
		return fields;
	}

	private static String referenceOf(MvcTestResult posted) {
		return posted.getResponse().getRedirectedUrl().substring("/inquiry/sent/".length());
	}

	private static LocalDate nextWeekday(LocalDate day) {
		while (day.getDayOfWeek().getValue() > 5) {
			day = day.plusDays(1);
		}
		return day;
	}

	private static String body(org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder request) {
		return body(request.exchange());
	}

	private static String body(MvcTestResult result) {
		assertThat(result).hasStatusOk();
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	private static String unique() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

	private static RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

}

package ca.gagephysio.fees;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.HtmlUtils;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.SettableClock;
import ca.gagephysio.shared.PublicContentChanged;
import ca.gagephysio.staff.AccessTrail;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import ca.gagephysio.staff.signin.StaffSessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Fees and insurance through the real path: an administrator signed in through the real sign-in and second step,
 * the editor's own form (its hidden fields and CSRF token), then what the public sees: the page, the links to it,
 * the clinic's structured data, the page cache, the access trail and the saved versions. Every test puts the shared
 * context back with no fees saved.
 */
@ClinicIntegrationTest
@RecordApplicationEvents
class FeesPageTests {

	private static final Pattern JSON_LD = Pattern.compile(
			"<script type=\"application/ld\\+json\">(.*?)</script>", Pattern.DOTALL);

	private static final String EDITOR = "/staff/fees";

	@Autowired
	MockMvc mvc;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	AccessTrail trail;

	@Autowired
	ApplicationContext context;

	@Autowired
	ApplicationEvents events;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SettableClock clock;

	MockHttpSession admin;

	String adminEmail;

	@BeforeEach
	void signIn() throws Exception {
		adminEmail = StaffTestAccounts.create(accounts, "Avery Admin", StaffRole.ADMIN);
		admin = StaffSessions.signIn(mvc, adminEmail);
	}

	@AfterEach
	void noFeesAgain() {
		SavedFees.forget(context);
		clock.reset();
	}

	@Test
	void beforeAnAdministratorSavesFeesThereIsNoPageNoLinkAndAdministratorsAreTold() throws Exception {
		assertThat(status(get("/fees"))).isEqualTo(404);
		assertThat(publicPage("/")).doesNotContain("href=\"/fees\"");
		assertThat(publicPage("/inquiry")).doesNotContain("href=\"/fees\"");
		assertThat(publicPage("/articles/massage-for-back-pain")).doesNotContain("href=\"/fees\"");
		assertThat(jsonLd(publicPage("/")).toString()).doesNotContain("OfferCatalog", "CAD");

		String editor = StaffSessions.page(mvc, admin, EDITOR);
		assertThat(editor).contains("The public site has no fees page yet.",
				"Nothing is published yet: the public site has no fees page until you save real fees here.");
		assertThat(StaffSessions.page(mvc, admin, "/staff/account")).as("on every back-office page")
			.contains("The public site has no fees page yet.");
	}

	@Test
	void frontDeskStaffCannotOpenOrPostTheEditorNorSeeTheNotice() throws Exception {
		RequestPostProcessor frontDesk = StaffTestAccounts
			.signedIn(StaffTestAccounts.create(accounts, "Sam Staff", StaffRole.STAFF), "STAFF");
		assertThat(mvc.perform(get(EDITOR).with(frontDesk)).andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(mvc.perform(get(EDITOR + "/history").with(frontDesk)).andReturn().getResponse().getStatus())
			.isEqualTo(403);
		assertThat(mvc.perform(post(EDITOR).with(frontDesk)
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
			.param("services[0].name", "Assessment")).andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(mvc.perform(get("/staff/account").with(frontDesk)).andReturn().getResponse()
			.getContentAsString()).doesNotContain("The public site has no fees page yet.");
		assertThat(status(get("/fees"))).isEqualTo(404);
	}

	@Test
	void savingPublishesAtOnceThroughThePageCacheWithLinksAndTheAccessTrail() throws Exception {
		assertThat(publicPage("/")).as("cached before the save").doesNotContain("href=\"/fees\"");
		assertThat(status(get("/fees"))).isEqualTo(404);
		long contentVersion = contentVersion();

		MvcResult saved = save(StaffSessions.page(mvc, admin, EDITOR), assessmentAndFollowUp("95.00", "$80"));

		assertThat(saved.getResponse().getStatus()).isEqualTo(302);
		assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo(EDITOR);
		assertThat(saved.getFlashMap().get("flash")).isEqualTo("fees.saved");
		assertThat(events.stream(PublicContentChanged.class)).singleElement()
			.satisfies(changed -> assertThat(changed.onEveryPage()).isTrue());
		assertThat(contentVersion()).as("moved for the other instances").isEqualTo(contentVersion + 1);

		String page = publicPage("/fees");
		assertThat(page).contains("<h1>Fees and insurance</h1>", "Physiotherapy assessment", "60 minutes", "$95.00",
				"(no HST)", "Custom orthotics fitting", "$80.00", "plus HST", "Sun Life", "Manulife", "Debit",
				"Receipts are emailed the same day.", "24 hours&#39; notice");
		assertThat(page.indexOf("Physiotherapy assessment")).as("first visits first")
			.isLessThan(page.indexOf("Custom orthotics fitting"));
		assertThat(publicPage("/")).as("the footer, on a page cached before the save")
			.contains("<a href=\"/fees\">Fees and insurance</a>");
		assertThat(publicPage("/inquiry")).as("the form").contains("href=\"/fees\"");
		assertThat(publicPage("/articles/massage-for-back-pain")).as("the article's call to action")
			.contains("<a href=\"/fees\">See our fees and the insurers we bill directly</a>");
		assertThat(StaffSessions.page(mvc, admin, "/staff/account")).doesNotContain("The public site has no fees");

		assertThat(trailOfThisAdministrator(1L)).singleElement().satisfies(entry -> {
			assertThat(entry.action()).isEqualTo("FEES_PUBLISHED");
			assertThat(entry.detail()).isEqualTo("2 services");
		});
	}

	@Test
	void theFeesPageIsServedFromThePageCacheAndASecondSaveReplacesItAtOnce() throws Exception {
		save(StaffSessions.page(mvc, admin, EDITOR), assessmentAndFollowUp("95.00", "80"));
		MvcResult first = mvc.perform(get("/fees")).andReturn();
		MvcResult second = mvc.perform(get("/fees")).andReturn();
		assertThat(second.getResponse().getHeader("ETag")).as("the same kept page")
			.isNotNull()
			.isEqualTo(first.getResponse().getHeader("ETag"));
		assertThat(second.getResponse().getHeader("Cache-Control")).contains("public");

		Map<String, String> changed = assessmentAndFollowUp("105", "80");
		save(StaffSessions.page(mvc, admin, EDITOR), changed);

		assertThat(publicPage("/fees")).contains("$105.00").doesNotContain("$95.00");
	}

	@Test
	void theClinicsStructuredDataCarriesAnOfferCatalogPricedInCanadianDollars() throws Exception {
		save(StaffSessions.page(mvc, admin, EDITOR), assessmentAndFollowUp("95.00", "1,080.5"));

		for (String path : List.of("/fees", "/")) {
			JsonNode clinic = clinicNode(jsonLd(publicPage(path)));
			assertThat(clinic.get("currenciesAccepted").asString()).isEqualTo("CAD");
			assertThat(clinic.get("paymentAccepted").asString()).isEqualTo("Debit, Visa");
			JsonNode catalog = clinic.get("hasOfferCatalog");
			assertThat(catalog.get("@type").asString()).isEqualTo("OfferCatalog");
			assertThat(catalog.get("url").asString()).endsWith("/fees");
			JsonNode offers = catalog.get("itemListElement");
			assertThat(offers.size()).isEqualTo(2);
			for (JsonNode offer : offers) {
				assertThat(offer.get("@type").asString()).isEqualTo("Offer");
				assertThat(offer.get("priceCurrency").asString()).isEqualTo("CAD");
				assertThat(offer.get("itemOffered").get("@type").asString()).isEqualTo("Service");
				assertThat(offer.get("itemOffered").get("provider").get("@id").asString())
					.isEqualTo(clinic.get("@id").asString());
				JsonNode price = offer.get("priceSpecification");
				assertThat(price.get("@type").asString()).isEqualTo("PriceSpecification");
				assertThat(price.get("priceCurrency").asString()).isEqualTo("CAD");
				assertThat(price.get("price").asString()).as("a dot and two decimals, no sign or separator")
					.matches("\\d+\\.\\d{2}")
					.isEqualTo(offer.get("price").asString());
			}
			assertThat(offers.get(0).get("itemOffered").get("name").asString()).isEqualTo("Physiotherapy assessment");
			assertThat(offers.get(0).get("price").asString()).isEqualTo("95.00");
			assertThat(offers.get(0).get("priceSpecification").has("valueAddedTaxIncluded")).isFalse();
			assertThat(offers.get(1).get("price").asString()).isEqualTo("1080.50");
			assertThat(offers.get(1).get("priceSpecification").get("valueAddedTaxIncluded").asBoolean()).isFalse();
		}
	}

	@Test
	void badInputComesBackWithMessagesAndEverythingTypedAndNothingIsPublished() throws Exception {
		Map<String, String> typed = assessmentAndFollowUp("ninety-five", "80.005");
		typed.put("services[0].minutes", "0");
		typed.put("services[1].name", "  ");
		typed.put("insurers", "x".repeat(101));

		MvcResult result = save(StaffSessions.page(mvc, admin, EDITOR), typed);

		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		String page = result.getResponse().getContentAsString();
		assertThat(page).contains("<title>Error: Fees and insurance",
				"<a href=\"#services0.price\">Enter the price in dollars, with at most two decimals, such as 95 or 95.00.</a>",
				"<a href=\"#services1.price\">Enter the price in dollars",
				"<a href=\"#services0.minutes\">Enter the duration as whole minutes from 1 to 480, such as 45.</a>",
				"<a href=\"#services1.name\">Enter the service&#39;s name.</a>",
				"<a href=\"#insurers\">Keep each line to 100 characters.</a>");
		assertThat(page).as("what was typed is kept")
			.contains("value=\"ninety-five\"", "value=\"80.005\"", "value=\"0\"", "Receipts are emailed the same day.",
					"value=\"Physiotherapy assessment\"");
		assertThat(page).contains("id=\"services0.price\"", "aria-invalid=\"true\"",
				"aria-describedby=\"services0.price-hint services0.price-error\"");
		assertThat(status(get("/fees"))).isEqualTo(404);
		assertThat(events.stream(PublicContentChanged.class)).isEmpty();

		MvcResult none = saveWithoutServices(StaffSessions.page(mvc, admin, EDITOR), Map.of("note", "No services"));
		assertThat(none.getResponse().getContentAsString())
			.contains("<a href=\"#services\">Add at least one service with its price.</a>", "id=\"services\"");
	}

	@Test
	void aFormPostedWithoutTheCheckboxesMarkersIsSavedWithNoHstWhereNoneWasSent() throws Exception {
		// As a hand-made POST or a tool sends it: no hidden _services[n].hst markers, and no hst at all for the
		// first service (an unticked checkbox sends nothing). It used to come back as the editor, unsaved, silently.
		String editor = StaffSessions.page(mvc, admin, EDITOR)
			.replaceAll("<input type=\"hidden\" name=\"_services[^>]*>", "");
		assertThat(editor).doesNotContain("name=\"_services");

		MvcResult saved = save(editor, assessmentAndFollowUp("95.00", "80"));

		assertThat(saved.getResponse().getStatus()).as(saved.getResponse().getContentAsString()).isEqualTo(302);
		assertThat(saved.getFlashMap().get("flash")).isEqualTo("fees.saved");
		assertThat(jdbc.sql("select hst_applies from fee_revision_service order by row_order")
			.query(Boolean.class)
			.list()).containsExactly(false, true);
		assertThat(publicPage("/fees")).contains("$95.00", "(no HST)", "$80.00", "plus HST");
	}

	@Test
	void servicesAreAddedAndRemovedByPostingTheFormBackWithWhatWasTypedKept() throws Exception {
		String editor = StaffSessions.page(mvc, admin, EDITOR);
		assertThat(editor).contains("<legend>Service 1</legend>").doesNotContain("<legend>Service 2</legend>");
		Map<String, String> typed = new LinkedHashMap<>();
		typed.put("services[0].name", "Physiotherapy assessment");
		typed.put("services[0].price", "95");
		typed.put("add", "service");

		MvcResult added = StaffSessions.send(mvc, admin, editor, EDITOR, typed);

		String withTwo = added.getResponse().getContentAsString();
		assertThat(added.getResponse().getStatus()).isEqualTo(200);
		assertThat(withTwo).contains("<legend>Service 2</legend>", "value=\"Physiotherapy assessment\"",
				"value=\"95\"");
		assertThat(withTwo).as("no message about the empty new row").doesNotContain("field-error\"", "error-summary");
		assertThat(withTwo).as("the new row's name is where the keyboard lands")
			.containsPattern("<input (?=[^>]*id=\"services1.name\")[^>]*autofocus");
		assertThat(status(get("/fees"))).as("nothing saved").isEqualTo(404);

		Map<String, String> remove = new LinkedHashMap<>();
		remove.put("services[0].name", "Physiotherapy assessment");
		remove.put("services[1].name", "Follow-up");
		remove.put("remove", "0");
		String withOne = StaffSessions.send(mvc, admin, withTwo, EDITOR, remove).getResponse().getContentAsString();
		assertThat(withOne).contains("<legend>Service 1</legend>", "value=\"Follow-up\"")
			.doesNotContain("<legend>Service 2</legend>", "value=\"Physiotherapy assessment\"");
	}

	@Test
	void everySaveIsKeptAsAVersionAdministratorsCanSeeAndStartFromAgain() throws Exception {
		save(StaffSessions.page(mvc, admin, EDITOR), assessmentAndFollowUp("95.00", "80"));
		save(StaffSessions.page(mvc, admin, EDITOR), assessmentAndFollowUp("105.00", "80"));

		String history = StaffSessions.page(mvc, admin, EDITOR + "/history");
		assertThat(history).contains("Version 2", "(in force)", "Version 1", "Avery Admin");
		assertThat(history.indexOf("Version 2")).as("newest first").isLessThan(history.indexOf("Version 1"));
		String first = StaffSessions.page(mvc, admin, EDITOR + "/history/1");
		assertThat(first).contains("Fees: version 1", "$95.00", "Start the editor from this version")
			.doesNotContain("$105.00");
		assertThat(mvc.perform(get(EDITOR + "/history/9").session(admin)).andReturn().getResponse().getStatus())
			.isEqualTo(404);

		String startedFromFirst = StaffSessions.page(mvc, admin, EDITOR + "?from=1");
		assertThat(startedFromFirst).contains("Started from version 1.", "value=\"95.00\"");
		Map<String, String> again = assessmentAndFollowUp("95.00", "80");
		MvcResult restored = save(startedFromFirst, again);
		assertThat(restored.getResponse().getStatus()).isEqualTo(302);

		assertThat(publicPage("/fees")).contains("$95.00").doesNotContain("$105.00");
		assertThat(StaffSessions.page(mvc, admin, EDITOR + "/history")).contains("Version 3",
				"(started from version 1)");
		assertThat(trailOfThisAdministrator(1L, 2L, 3L)).extracting(AccessTrail.Entry::action)
			.containsExactly("FEES_PUBLISHED", "FEES_SAVED", "FEES_SAVED");
		assertThat(trailOfThisAdministrator(3L)).singleElement()
			.satisfies(entry -> assertThat(entry.detail()).isEqualTo("from revision 1; 2 services"));
	}

	@Test
	void aSaveMadeMeanwhileIsNotOverwrittenUnseenAndTheSameSaveTwiceIsSavedOnce() throws Exception {
		String openedBeforeTheOtherSave = StaffSessions.page(mvc, admin, EDITOR);
		save(StaffSessions.page(mvc, admin, EDITOR), assessmentAndFollowUp("95.00", "80"));
		save(StaffSessions.page(mvc, admin, EDITOR), assessmentAndFollowUp("95.00", "80"));
		assertThat(revisionCount()).as("the same fees twice: one version").isEqualTo(1);

		MvcResult conflict = save(openedBeforeTheOtherSave, assessmentAndFollowUp("99.00", "80"));

		assertThat(conflict.getResponse().getStatus()).isEqualTo(200);
		assertThat(conflict.getResponse().getContentAsString())
			.contains("Someone else saved the fees while you were editing.", "Saved meanwhile as version 1 by Avery Admin",
					"value=\"99.00\"", "name=\"revision\" value=\"1\"");
		assertThat(revisionCount()).isEqualTo(1);
		assertThat(publicPage("/fees")).contains("$95.00");

		MvcResult knowingly = save(conflict.getResponse().getContentAsString(), assessmentAndFollowUp("99.00", "80"));
		assertThat(knowingly.getResponse().getStatus()).isEqualTo(302);
		assertThat(publicPage("/fees")).contains("$99.00");
	}

	@Test
	void theInquiryConfirmationLinksTheFeesToWhoeverAskedAboutCost() throws Exception {
		String beforeFees = confirmationFor("COST");
		assertThat(beforeFees).doesNotContain("href=\"/fees\"");

		save(StaffSessions.page(mvc, admin, EDITOR), assessmentAndFollowUp("95.00", "80"));

		assertThat(confirmationFor("COST")).contains("<a href=\"/fees\">Our fees and the insurers we bill directly");
		assertThat(confirmationFor("BOTH")).contains("href=\"/fees\"");
		assertThat(confirmationFor("AVAILABILITY")).doesNotContain("Our fees and the insurers");
	}

	/** Sends the public form, asking about {@code askingAbout}, and returns its confirmation page. */
	private String confirmationFor(String askingAbout) throws Exception {
		RequestPostProcessor client = request -> {
			request.setRemoteAddr("10.22.0." + (Math.abs(UUID.randomUUID().hashCode()) % 250 + 1));
			return request;
		};
		String form = mvc.perform(get("/inquiry").with(client)).andReturn().getResponse().getContentAsString();
		Matcher token = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(form);
		assertThat(token.find()).isTrue();
		// the form's minimum fill time passes on the clock the token is checked against
		clock.advance(Duration.ofSeconds(10));
		MvcResult sent = mvc.perform(post("/inquiry").with(client)
			.param("token", HtmlUtils.htmlUnescape(token.group(1)))
			.param("name", "Fee Asker")
			.param("email", "fee.asker@example.com")
			.param("service", "MASSAGE_THERAPY")
			.param("askingAbout", askingAbout)
			.param("consent", "true")).andReturn();
		assertThat(sent.getResponse().getStatus()).isEqualTo(303);
		return mvc.perform(get(sent.getResponse().getRedirectedUrl())).andReturn().getResponse().getContentAsString();
	}

	private static Map<String, String> assessmentAndFollowUp(String firstPrice, String secondPrice) {
		Map<String, String> typed = new LinkedHashMap<>();
		typed.put("services[0].name", "Physiotherapy assessment");
		typed.put("services[0].description", "A full assessment and your first treatment.");
		typed.put("services[0].minutes", "60");
		typed.put("services[0].price", firstPrice);
		typed.put("services[0].kind", "FIRST_VISIT");
		typed.put("services[1].name", "Custom orthotics fitting");
		typed.put("services[1].description", "");
		typed.put("services[1].minutes", "30");
		typed.put("services[1].price", secondPrice);
		typed.put("services[1].hst", "true");
		typed.put("services[1].kind", "FOLLOW_UP");
		typed.put("insurers", "Sun Life\r\n\r\n  Manulife  ");
		typed.put("paymentMethods", "Debit\nVisa");
		typed.put("receipts", "Receipts are emailed the same day.");
		typed.put("cancellationPolicy", "Please give 24 hours' notice.");
		typed.put("note", "");
		return typed;
	}

	/** Presses Save on the editor page {@code html}, with what is typed (its hidden fields and CSRF token kept). */
	private MvcResult save(String html, Map<String, String> typed) throws Exception {
		Map<String, String> fields = new LinkedHashMap<>(typed);
		fields.put("save", "save");
		return StaffSessions.send(mvc, admin, html, EDITOR, fields);
	}

	/** Presses Save on the editor page {@code html} with every service row taken off it (their checkboxes' markers too). */
	private MvcResult saveWithoutServices(String html, Map<String, String> typed) throws Exception {
		return save(html.replaceAll("<input type=\"hidden\" name=\"_services[^>]*>", ""), typed);
	}

	private int status(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
		return mvc.perform(request).andReturn().getResponse().getStatus();
	}

	private String publicPage(String path) throws Exception {
		MvcResult result = mvc.perform(get(path)).andReturn();
		assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
		return result.getResponse().getContentAsString();
	}

	private static JsonNode jsonLd(String html) {
		Matcher script = JSON_LD.matcher(html);
		assertThat(script.find()).as("a JSON-LD script").isTrue();
		return JsonMapper.shared().readTree(script.group(1));
	}

	private static JsonNode clinicNode(JsonNode document) {
		for (JsonNode node : document.get("@graph")) {
			if (node.get("@id").asString().endsWith("#clinic")) {
				return node;
			}
		}
		throw new AssertionError("no clinic in the graph");
	}

	/** The trail's entries about these fee revisions written by this test's administrator (numbers restart per test). */
	private List<AccessTrail.Entry> trailOfThisAdministrator(Long... revisions) {
		return trail.entriesAbout(FeesEditor.SUBJECT, List.of(revisions))
			.stream()
			.filter(entry -> adminEmail.equals(entry.actorEmail()))
			.toList();
	}

	private long contentVersion() {
		return jdbc.sql("select version from site_content_version where id = 1").query(Long.class).single();
	}

	private int revisionCount() {
		return jdbc.sql("select count(*) from fee_revision").query(Integer.class).single();
	}

}

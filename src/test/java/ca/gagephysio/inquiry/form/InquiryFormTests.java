package ca.gagephysio.inquiry.form;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.SettableClock;
import ca.gagephysio.inquiry.InquirySubmitted;
import ca.gagephysio.inquiry.internal.AskingAbout;
import ca.gagephysio.inquiry.internal.BestTime;
import ca.gagephysio.inquiry.internal.HelpWith;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.inquiry.internal.InquiryStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The inquiry form through MockMvc: mapping, binding, validation, spam control and storage, the way a real post
 * takes them. Each test posts from a client address of its own, so the per-client rate limit never mixes tests up,
 * and uses tokens "shown" ten seconds earlier (signed by the application's own signer), so nothing waits for the
 * too-fast check. Every test makes its own inquiries and looks only at those.
 */
@ClinicIntegrationTest
@RecordApplicationEvents
class InquiryFormTests {

	private static final AtomicInteger CLIENTS = new AtomicInteger();

	private static final Pattern REDIRECT = Pattern.compile("/inquiry/sent/([2-9A-Z]{4}-[2-9A-Z]{4})");

	@Autowired
	MockMvc mvc;

	@Autowired
	FormTokens tokens;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	@Autowired
	ConsentWording consentWording;

	@Autowired
	UsedFormTokens usedTokens;

	@Autowired
	InquiryIntake intake;

	@Autowired
	SettableClock clock;

	private final String client = "10.1.0." + (CLIENTS.incrementAndGet() % 250 + 1);

	@AfterEach
	void realTimeAgain() {
		clock.reset();
	}

	// --- the form -------------------------------------------------------------------------------------------

	@Test
	void showsEveryFieldWithAVisibleLabelTheRightTypeAndAutofillHints() throws Exception {
		String page = mvc.perform(get("/inquiry").with(from(client)))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "text/html;charset=UTF-8"))
			.andReturn().getResponse().getContentAsString();

		assertThat(page).contains("<label class=\"field__label\" for=\"name\">Your name</label>")
			.containsPattern("id=\"name\" name=\"name\" type=\"text\" autocomplete=\"name\" inputmode=\"text\"")
			.containsPattern("id=\"email\" name=\"email\" type=\"email\" autocomplete=\"email\" inputmode=\"email\"")
			.containsPattern("id=\"phone\" name=\"phone\" type=\"tel\" autocomplete=\"tel\" inputmode=\"tel\"")
			.contains("<legend class=\"field__legend\">What would you like help with?</legend>")
			.contains("<legend class=\"field__legend\">Are you asking about cost, availability or both?</legend>")
			.contains("Up to 500 characters. Please don&#39;t include detailed medical information")
			.contains("maxlength=\"500\"")
			.contains("<a href=\"/privacy\">privacy notice</a>")
			.contains("name=\"token\" value=\"");
	}

	@Test
	void hidesTheHoneypotFromPeopleScreenReadersKeyboardsAndAutofill() throws Exception {
		String page = mvc.perform(get("/inquiry").with(from(client))).andReturn().getResponse().getContentAsString();

		assertThat(page).as("hidden even when the stylesheet never arrives (a slow connection), so no autofill sees it")
			.contains("<div class=\"inquiry-trap\" hidden>")
			.containsPattern("name=\"" + InquiryForm.TRAP_PARAMETER
					+ "\" value=\"\" tabindex=\"-1\" autocomplete=\"off\" aria-hidden=\"true\"");
		assertThat(InquiryForm.TRAP_PARAMETER).doesNotContainIgnoringCase("url")
			.doesNotContainIgnoringCase("website")
			.doesNotContainIgnoringCase("zip")
			.doesNotContainIgnoringCase("country");
		String css = mvc.perform(get("/css/site.css")).andReturn().getResponse().getContentAsString();
		assertThat(css).contains(".inquiry-trap { display: none; }");
	}

	@Test
	void theFormPageSetsNoCookieAndNoCacheKeepsIt() throws Exception {
		MvcResult result = mvc.perform(get("/inquiry?from=massage-for-back-pain").with(from(client)))
			.andExpect(status().isOk())
			.andExpect(header().doesNotExist(HttpHeaders.SET_COOKIE))
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, containsString("no-store")))
			.andReturn();

		assertThat(result.getResponse().getCookies()).isEmpty();
		assertThat(result.getRequest().getSession(false)).isNull();
	}

	// --- a valid inquiry ------------------------------------------------------------------------------------

	@ParameterizedTest
	@ValueSource(strings = { "Zoë Łukasiewicz-O'Brien", "王小明" })
	void storesAValidInquiryExactlyAsTypedAndRedirectsToItsConfirmation(String name) throws Exception {
		String token = tokenShownSecondsAgo(10);
		String email = unique() + "@example.com";
		Map<String, String> fields = validFields(token, name, email);
		fields.put("phone", "(905) 555-0142");
		fields.put("bestTime", "EVENING");
		fields.put("message", "Do you direct-bill?\nThanks — " + name + " <b>&</b>");

		MvcResult result = mvc.perform(postOf(fields)).andExpect(status().isSeeOther()).andReturn();

		List<Inquiry> stored = inquiriesWithEmail(email);
		assertThat(stored).hasSize(1);
		Inquiry inquiry = stored.get(0);
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/inquiry/sent/" + inquiry.getReference());
		assertThat(inquiry.getName()).isEqualTo(name);
		assertThat(inquiry.getEmail()).isEqualTo(email);
		assertThat(inquiry.getPhone()).isEqualTo("(905) 555-0142");
		assertThat(inquiry.getPhoneGlobal()).isEqualTo("+19055550142");
		assertThat(inquiry.getService()).isEqualTo(HelpWith.MASSAGE_THERAPY);
		assertThat(inquiry.getAskingAbout()).isEqualTo(AskingAbout.COST);
		assertThat(inquiry.getBestTime()).isEqualTo(BestTime.EVENING);
		assertThat(inquiry.getMessage()).isEqualTo("Do you direct-bill?\nThanks — " + name + " <b>&</b>");
		assertThat(inquiry.getStatus()).isEqualTo(InquiryStatus.NEW);
		assertThat(inquiry.getSpamReason()).isNull();
		assertThat(inquiry.getConsentGivenAt()).isBetween(Instant.now().minusSeconds(60), Instant.now());
		assertThat(inquiry.getFormTokenId()).isEqualTo(tokens.check(token).id());
		assertThat(events.stream(InquirySubmitted.class).filter(event -> event.inquiryId() == inquiry.getId()))
			.singleElement()
			.satisfies(event -> {
				assertThat(event.reference()).isEqualTo(inquiry.getReference());
				assertThat(event.service()).isEqualTo("massage-therapy");
				assertThat(event.email()).isEqualTo(inquiry.getEmail());
			});

		mvc.perform(get(result.getResponse().getRedirectedUrl()).with(from(client)))
			.andExpect(status().isOk())
			.andExpect(view().name(InquiryFormController.SENT_VIEW))
			.andExpect(header().doesNotExist(HttpHeaders.SET_COOKIE))
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, containsString("no-store")))
			.andExpect(content(inquiry.getReference(), "We reply within one business day", "tel:+19055550100"));
	}

	@Test
	void theSameFormSentAgainUnchangedCreatesNothingNewAndLeadsToTheSameConfirmation() throws Exception {
		String token = tokenShownSecondsAgo(10);
		String email = unique() + "@example.com";
		Map<String, String> fields = validFields(token, "Ada", email);
		fields.put("message", "Do you direct-bill?");
		String first = mvc.perform(postOf(fields)).andExpect(status().isSeeOther()).andReturn().getResponse()
			.getRedirectedUrl();

		String second = mvc.perform(postOf(fields)).andExpect(status().isSeeOther()).andReturn().getResponse()
			.getRedirectedUrl();

		assertThat(second).isEqualTo(first).matches(REDIRECT);
		assertThat(inquiriesWithEmail(email)).singleElement()
			.satisfies(inquiry -> assertThat(inquiry.getName()).isEqualTo("Ada"));
		assertThat(usedTokenCount(tokens.check(token).id())).isOne();
	}

	/**
	 * Back from the confirmation to a form the browser kept (same token), one word changed, Send again: the old
	 * confirmation would say the new text was taken when it was not.
	 */
	@Test
	void backEditAndSendAgainIsNotConfirmedWithTheEarlierInquiryButComesBackToBeSentAsANewOne() throws Exception {
		String token = tokenShownSecondsAgo(10);
		String email = unique() + "@example.com";
		Inquiry first = inquiryAt(mvc.perform(postOf(validFields(token, "Ada", email))).andReturn());
		Map<String, String> edited = validFields(token, "Ada", email);
		edited.put("message", "Sorry, I forgot: I can only come on Fridays.");

		String page = assertFormBackToSendAgain(edited, "This form was already sent as inquiry " + first.getReference()
				+ ", without the changes below. To send them too, press");

		assertThat(inquiriesWithEmail(email)).singleElement()
			.satisfies(inquiry -> assertThat(inquiry.getMessage()).isNull());
		Inquiry second = inquiryAt(mvc.perform(postOf(withTokenOf(page, edited))).andReturn());
		assertThat(second.getStatus()).isEqualTo(InquiryStatus.NEW);
		assertThat(second.getMessage()).isEqualTo("Sorry, I forgot: I can only come on Fridays.");
		assertThat(second.getPossibleDuplicateOf()).isEqualTo(first.getId());
		assertThat(frontDeskAlertsFor(second)).as("front-desk alerts queued (one per recipient)").isPositive();
	}

	@Test
	void confirmationOfAnUnknownReferenceIsNotFound() throws Exception {
		mvc.perform(get("/inquiry/sent/ZZZZ-ZZZZ")).andExpect(status().isNotFound());
		mvc.perform(get("/inquiry/sent/not-a-reference")).andExpect(status().isNotFound());
	}

	// --- each rule --------------------------------------------------------------------------------------------

	@Test
	void refusesAnInquiryWithNeitherEmailNorPhone() throws Exception {
		Map<String, String> fields = validFields(tokenShownSecondsAgo(10), unique(), null);
		fields.put("phone", "   ");

		assertRefused(fields, "email", "Enter an email address or a phone number, so we can reply.");
	}

	@Test
	void refusesABadEmail() throws Exception {
		String name = unique();
		Map<String, String> fields = validFields(tokenShownSecondsAgo(10), name, name + "@example");

		String page = assertRefused(fields, "email", "Enter an email address like name@example.com.");
		assertThat(page).contains("value=\"" + name + "@example\"");
	}

	@ParameterizedTest
	@CsvSource({ "gmial.com, gmail.com", "hotmial.com, hotmail.com", "yaho.com, yahoo.com", "outlok.com, outlook.com",
			"gmail.con, gmail.com" })
	void aMistypedProvidersDomainIsAskedAboutOnTheFormAndTheSuggestionIsTakenOnlyWhenChosen(String typed,
			String meant) throws Exception {
		String name = unique();
		Map<String, String> fields = validFields(tokenShownSecondsAgo(10), name, name + "@" + typed);
		fields.put("phone", "905 555 0142");
		fields.put("message", "Kept as typed");

		String asked = mvc.perform(postOf(fields)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();

		assertThat(asked).contains("Did you mean " + name + "@" + meant + "?", "href=\"#email-suggestion\"")
			.contains("name=\"emailChosen\" value=\"" + name + "@" + meant + "\"")
			.contains("name=\"emailChosen\" value=\"" + name + "@" + typed + "\"")
			.contains("value=\"" + name + "@" + typed + "\"", "value=\"905 555 0142\"", "Kept as typed");
		assertThat(inquiriesWithEmail(name + "@" + typed)).isEmpty();
		assertThat(inquiriesWithEmail(name + "@" + meant)).isEmpty();

		fields.put("emailChosen", name + "@" + meant);
		mvc.perform(postOf(withTokenOf(asked, fields))).andExpect(status().isSeeOther());
		assertThat(inquiriesWithEmail(name + "@" + meant)).singleElement()
			.satisfies(inquiry -> assertThat(inquiry.getMessage()).isEqualTo("Kept as typed"));
	}

	@Test
	void aDomainThatOnlyLooksMistypedIsKeptWhenThePersonSaysItIsRight() throws Exception {
		String name = unique();
		Map<String, String> fields = validFields(tokenShownSecondsAgo(10), name, name + "@gmial.com");
		String asked = mvc.perform(postOf(fields)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();

		fields.put("emailChosen", name + "@gmial.com");
		mvc.perform(postOf(withTokenOf(asked, fields))).andExpect(status().isSeeOther());

		assertThat(inquiriesWithEmail(name + "@gmial.com")).hasSize(1);
		// a provider's own domain, or one not close to any, is never asked about
		mvc.perform(postOf(validFields(tokenShownSecondsAgo(10), name, name + "@mail.com")))
			.andExpect(status().isSeeOther());
		mvc.perform(postOf(validFields(tokenShownSecondsAgo(10), name, name + "@physio-example.ca")))
			.andExpect(status().isSeeOther());
	}

	@Test
	void anAddressWithLettersBeyondAsciiBeforeTheAtIsAccepted() throws Exception {
		String name = unique();
		mvc.perform(postOf(validFields(tokenShownSecondsAgo(10), name, "jörg." + name + "@bücher.example")))
			.andExpect(status().isSeeOther());
		assertThat(inquiriesWithEmail("jörg." + name + "@bücher.example")).hasSize(1);
	}

	/**
	 * Issue 21: an address with letters beyond ASCII before the @, and a phone number beside it. Sent with another
	 * mistake, the form comes back about that mistake alone, the phone kept: it asks neither for another address nor
	 * for the phone number it already has. Sent again, it is stored with both.
	 */
	@Test
	void anAccentedAddressBesideAPhoneIsTakenAndTheFormNeverAsksForThePhoneItHas() throws Exception {
		String name = unique();
		String email = "jörg." + name + "@bücher.example";
		Map<String, String> fields = validFields(tokenShownSecondsAgo(10), name, email);
		fields.put("phone", "905 555 0142");
		fields.remove("consent");

		String page = assertRefused(fields, "consent", "Tick the box to agree, so we can store your inquiry and reply.");
		assertThat(page).contains("value=\"905 555 0142\"")
			.doesNotContain("href=\"#email\"", "id=\"email-error\"", "href=\"#phone\"", "id=\"phone-error\"")
			.doesNotContain("id=\"email-suggestion\"");

		fields.put("consent", "true");
		mvc.perform(postOf(fields)).andExpect(status().isSeeOther());
		assertThat(inquiriesWithEmail(email)).singleElement()
			.satisfies(inquiry -> assertThat(inquiry.getPhone()).isEqualTo("905 555 0142"));
	}

	@Test
	void refusesABadPhone() throws Exception {
		Map<String, String> fields = validFields(tokenShownSecondsAgo(10), unique(), null);
		fields.put("phone", "555-01");

		String page = assertRefused(fields, "phone", "Enter a phone number with its area code, like 905-555-0123.");
		assertThat(page).contains("value=\"555-01\"").contains("aria-describedby=\"phone-hint phone-error\"");
	}

	@Test
	void refusesAnInquiryWithoutConsent() throws Exception {
		Map<String, String> fields = validFields(tokenShownSecondsAgo(10), unique(), "");
		fields.put("phone", "12");
		fields.remove("consent");

		String page = assertRefused(fields, "consent", "Tick the box to agree, so we can store your inquiry and reply.");
		assertThat(page).as("the other mistakes are reported at the same time")
			.contains("<a href=\"#phone\">Enter a phone number with its area code");
	}

	@Test
	void refusesAnOverLongMessageAndKeepsIt() throws Exception {
		String message = "a".repeat(InquiryForm.MESSAGE_MAX) + "b";
		Map<String, String> fields = validFields(tokenShownSecondsAgo(10), unique(), unique() + "@example.com");
		fields.put("message", message);

		String page = assertRefused(fields, "message", "Your message must be 500 characters or fewer.");
		assertThat(page).contains(">" + message + "</textarea>");
	}

	@Test
	void refusesAnInquiryWithoutAService() throws Exception {
		Map<String, String> fields = validFields(tokenShownSecondsAgo(10), unique(), unique() + "@example.com");
		fields.remove("service");

		assertRefused(fields, "service", "Choose what you&#39;d like help with.");
	}

	@Test
	void returnsTheFormWithMessagesForChoicesThatAreNotOnIt() throws Exception {
		Map<String, String> fields = validFields(tokenShownSecondsAgo(10), unique(), unique() + "@example.com");
		fields.put("service", "ACUPUNCTURE");
		fields.put("askingAbout", "EVERYTHING");
		fields.put("consent", "maybe");

		String page = assertRefused(fields, "service", "Choose what you&#39;d like help with.");
		assertThat(page).contains("<a href=\"#askingAbout\">Choose whether you&#39;re asking about cost")
			.contains("<a href=\"#consent\">Tick the box to agree");
	}

	@Test
	void keepsEverythingTypedAndTheSameTokenWhenTheFormComesBack() throws Exception {
		String token = tokenShownSecondsAgo(10);
		String name = "Zoë Łukasiewicz-O'Brien " + unique();
		Map<String, String> fields = validFields(token, name, "not-an-email");
		fields.put("phone", "905 555 0111");
		fields.put("service", "FOOT_CARE");
		fields.put("askingAbout", "AVAILABILITY");
		fields.put("bestTime", "MORNING");
		fields.put("message", "Orthotics?");

		String page = assertRefused(fields, "email", "Enter an email address like name@example.com.");
		assertThat(page).contains("value=\"" + name.replace("'", "&#39;") + "\"")
			.contains("value=\"not-an-email\"")
			.contains("value=\"905 555 0111\"")
			.containsPattern("value=\"FOOT_CARE\"\\s+checked=\"checked\"")
			.containsPattern("value=\"AVAILABILITY\"\\s+checked=\"checked\"")
			.contains("<option value=\"MORNING\" selected=\"selected\">")
			.contains(">Orthotics?</textarea>")
			.containsPattern("id=\"consent\" name=\"consent\" value=\"true\" required checked=\"checked\"")
			.contains("name=\"token\" value=\"" + token + "\"")
			.contains("<title>Error: ");
	}

	// --- spam -------------------------------------------------------------------------------------------------

	@Test
	void storesAFilledHoneypotAsSpamAndStillShowsAConfirmation() throws Exception {
		Map<String, String> fields = validFields(tokenShownSecondsAgo(10), "Bot", unique() + "@example.com");
		fields.put(InquiryForm.TRAP_PARAMETER, "https://cheap-pills.example");

		assertStoredAsSpam(fields, "honeypot");
	}

	@Test
	void storesAPostWithoutAnyTokenAsSpamAndStillShowsAConfirmation() throws Exception {
		assertStoredAsSpam(validFields(null, "Blind Poster", unique() + "@example.com"), "forged-token");
		assertStoredAsSpam(validFields("", "Blind Poster", unique() + "@example.com"), "forged-token");
	}

	// --- what people do that looks odd: never spam, never a confirmation for something set aside --------------

	/** The example of issue 9: started in the evening, sent in the morning. */
	@Test
	void aFormSentTheMorningAfterItWasOpenedReachesTheFrontDeskAsANewInquiry() throws Exception {
		String overnight = tokens.issue(Instant.now().minus(Duration.ofHours(9)));

		Inquiry inquiry = inquiryAt(mvc.perform(postOf(validFields(overnight, "Night Owl", unique() + "@example.com")))
			.andReturn());

		assertThat(inquiry.getStatus()).isEqualTo(InquiryStatus.NEW);
		assertThat(inquiry.getSpamReason()).isNull();
		assertThat(frontDeskAlertsFor(inquiry)).as("front-desk alerts queued (one per recipient)").isPositive();
	}

	@Test
	void aFormSentAfterTheTokenLifetimeComesBackWithEverythingKeptAndGoesThroughWhenSentAgain() throws Exception {
		String stale = tokens.issue(Instant.now().minus(tokens.lifetime()).minusSeconds(60));
		String email = unique() + "@example.com";
		Map<String, String> fields = validFields(stale, "Back From Holiday", email);
		fields.put("message", "Still interested in orthotics.");

		String page = assertFormBackToSendAgain(fields, "Your inquiry hasn&#39;t been sent yet");

		assertThat(usedTokenCount(tokens.check(stale).id())).as("the stale token is not used up").isZero();
		Inquiry inquiry = inquiryAt(mvc.perform(postOf(withTokenOf(page, fields))).andReturn());
		assertThat(inquiry.getStatus()).isEqualTo(InquiryStatus.NEW);
		assertThat(inquiry.getMessage()).isEqualTo("Still interested in orthotics.");
		assertThat(frontDeskAlertsFor(inquiry)).as("front-desk alerts queued (one per recipient)").isPositive();
	}

	/** A form open while the signing key was changed (clinic.inquiry.token-secret set, or a new database). */
	@Test
	void aFormSignedWithAKeyThatHasSinceChangedComesBackAndGoesThroughWhenSentAgain() throws Exception {
		String signedWithOldKey = tokensSignedWith("the key before it was changed")
			.issue(Instant.now().minus(Duration.ofMinutes(20)));
		String email = unique() + "@example.com";
		Map<String, String> fields = validFields(signedWithOldKey, "Patient Person", email);

		String page = assertFormBackToSendAgain(fields, "Your inquiry hasn&#39;t been sent yet");

		Inquiry inquiry = inquiryAt(mvc.perform(postOf(withTokenOf(page, fields))).andReturn());
		assertThat(inquiry.getStatus()).isEqualTo(InquiryStatus.NEW);
		assertThat(frontDeskAlertsFor(inquiry)).as("front-desk alerts queued (one per recipient)").isPositive();
	}

	/**
	 * A form open while the clinic changed {@code clinic.inquiry.token-secret}, keeping the old one in
	 * {@code clinic.inquiry.token-previous-secrets} (as the test settings do): sent as it is, at the first press.
	 */
	@Test
	void aFormSignedWithThePreviousSecretIsTakenAtTheFirstPressAndOnceOnly() throws Exception {
		String signedBeforeTheChange = tokensSignedWith("test-only-previous-inquiry-token-secret")
			.issue(Instant.now().minus(Duration.ofMinutes(20)));
		String email = unique() + "@example.com";
		Map<String, String> fields = validFields(signedBeforeTheChange, "Opened Before The Change", email);

		Inquiry inquiry = inquiryAt(mvc.perform(postOf(fields)).andReturn());

		assertThat(inquiry.getStatus()).isEqualTo(InquiryStatus.NEW);
		assertThat(inquiry.getSpamReason()).isNull();
		assertThat(frontDeskAlertsFor(inquiry)).as("front-desk alerts queued (one per recipient)").isPositive();
		assertThat(inquiryAt(mvc.perform(postOf(fields)).andReturn()).getId()).as("sent twice: the same inquiry")
			.isEqualTo(inquiry.getId());
		assertThat(inquiriesWithEmail(email)).hasSize(1);
	}

	@Test
	void aTokenThatIsNotOneOfOursComesBackAsTheFormRatherThanAConfirmation() throws Exception {
		String genuine = tokenShownSecondsAgo(10);
		String altered = genuine.substring(0, genuine.lastIndexOf('.') + 1) + "AAAA"
				+ genuine.substring(genuine.lastIndexOf('.') + 5);

		assertFormBackToSendAgain(validFields(altered, "Altered", unique() + "@example.com"),
				"Your inquiry hasn&#39;t been sent yet");
		assertFormBackToSendAgain(validFields("nonsense", "Altered", unique() + "@example.com"),
				"Your inquiry hasn&#39;t been sent yet");
	}

	/**
	 * Autofill fills the whole form and one tap sends it, sooner than the minimum fill time: the form comes back
	 * with the same token, whose time keeps running, so the next press goes through.
	 */
	@Test
	void aPostFasterThanAPersonTypesComesBackAndGoesThroughWhenSentAgain() throws Exception {
		Instant shown = Instant.now();
		String token = tokens.issue(shown);
		String email = unique() + "@example.com";
		Map<String, String> fields = validFields(token, "Autofill User", email);

		String page = assertFormBackToSendAgain(fields, "Your inquiry hasn&#39;t been sent yet");

		assertThat(hiddenFieldsOf(page)).containsEntry("token", token);
		// The person looks the form over: the application's clock moves past the fill time (3 s) since it was shown.
		clock.set(shown.plusSeconds(3).plusMillis(200));
		Inquiry inquiry = inquiryAt(mvc.perform(postOf(withTokenOf(page, fields))).andReturn());
		assertThat(inquiry.getStatus()).isEqualTo(InquiryStatus.NEW);
		assertThat(frontDeskAlertsFor(inquiry)).as("front-desk alerts queued (one per recipient)").isPositive();
	}

	@Test
	void storesAFilledHoneypotAsSpamEvenWhenTheTokenWouldHaveSentTheFormBack() throws Exception {
		Map<String, String> fields = validFields(tokens.issue(Instant.now()), "Bot", unique() + "@example.com");
		fields.put(InquiryForm.TRAP_PARAMETER, "https://cheap-pills.example");

		assertStoredAsSpam(fields, "honeypot");
	}

	// --- flooding ---------------------------------------------------------------------------------------------

	@Test
	void refusesPostsBeyondTheRateLimitWith429AndStoresNothing() throws Exception {
		RequestPostProcessor flooder = from("10.9.9.9");
		for (int i = 0; i < 40; i++) {
			mvc.perform(post("/inquiry").with(flooder)).andExpect(status().isOk());
		}
		String email = unique() + "@example.com";

		MvcResult refused = mvc.perform(postOf(validFields(tokenShownSecondsAgo(10), "Flood", email)).with(flooder))
			.andExpect(status().isTooManyRequests())
			.andExpect(view().name(InquiryFormController.TOO_MANY_VIEW))
			.andExpect(content("Please wait a moment before sending again", "tel:+19055550100"))
			.andReturn();

		long retryAfter = Long.parseLong(refused.getResponse().getHeader(HttpHeaders.RETRY_AFTER));
		assertThat(retryAfter).isBetween(1L, Duration.ofHours(1).toSeconds());
		assertThat(inquiriesWithEmail(email)).isEmpty();
		mvc.perform(postOf(validFields(tokenShownSecondsAgo(10), "Someone else", unique() + "@example.com")))
			.andExpect(status().isSeeOther());
	}

	// --- what else is recorded --------------------------------------------------------------------------------

	@Test
	void flagsASecondInquiryFromTheSameEmailOrPhoneAsAPossibleDuplicateOfTheFirst() throws Exception {
		String email = unique() + "@example.com";
		String phoneDigits = "905" + (1_000_000 + ThreadLocalRandom.current().nextInt(9_000_000));
		Map<String, String> firstFields = validFields(tokenShownSecondsAgo(10), "First", email);
		firstFields.put("phone", phoneDigits);
		Inquiry first = inquiryAt(mvc.perform(postOf(firstFields)).andReturn());

		Inquiry sameEmail = inquiryAt(
				mvc.perform(postOf(validFields(tokenShownSecondsAgo(10), "Again", email.toUpperCase(Locale.ROOT))))
					.andReturn());
		Map<String, String> samePhoneFields = validFields(tokenShownSecondsAgo(10), "By phone", null);
		samePhoneFields.put("phone", "+1 (" + phoneDigits.substring(0, 3) + ") " + phoneDigits.substring(3, 6) + "-"
				+ phoneDigits.substring(6));
		Inquiry samePhone = inquiryAt(mvc.perform(postOf(samePhoneFields)).andReturn());
		Inquiry someoneElse = inquiryAt(
				mvc.perform(postOf(validFields(tokenShownSecondsAgo(10), "Other", unique() + "@example.com")))
					.andReturn());

		assertThat(first.getPossibleDuplicateOf()).isNull();
		assertThat(sameEmail.getPossibleDuplicateOf()).isEqualTo(first.getId());
		assertThat(samePhone.getPossibleDuplicateOf()).isEqualTo(first.getId());
		assertThat(someoneElse.getPossibleDuplicateOf()).isNull();
		assertThat(List.of(sameEmail, samePhone)).allSatisfy(duplicate -> assertThat(duplicate.getStatus())
			.isEqualTo(InquiryStatus.NEW));
	}

	@Test
	void recordsTheArticleTheReferringSiteAndTheCampaignOfALead() throws Exception {
		String page = mvc
			.perform(get("/inquiry").queryParam("from", "massage-for-back-pain")
				.queryParam("utm_source", "newsletter")
				.queryParam("utm_medium", "email")
				.queryParam("utm_campaign", "spring-2026")
				.queryParam("utm_term", "back pain")
				.queryParam("utm_content", "button")
				.header(HttpHeaders.REFERER, "https://www.facebook.com/some/post?fbclid=abc")
				.with(from(client)))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();

		Map<String, String> hidden = hiddenFieldsOf(page);
		assertThat(hidden).containsEntry("from", "massage-for-back-pain")
			.containsEntry("ref", "https://www.facebook.com")
			.containsEntry("utm_source", "newsletter")
			.containsEntry("utm_medium", "email")
			.containsEntry("utm_campaign", "spring-2026")
			.containsEntry("utm_term", "back pain")
			.containsEntry("utm_content", "button");

		String email = unique() + "@example.com";
		Map<String, String> fields = validFields(tokenShownSecondsAgo(10), "Lead", email);
		hidden.remove("token");
		fields.putAll(hidden);
		mvc.perform(postOf(fields)).andExpect(status().isSeeOther());

		assertThat(inquiriesWithEmail(email)).singleElement().satisfies(inquiry -> {
			assertThat(inquiry.getSourcePage()).isEqualTo("massage-for-back-pain");
			assertThat(inquiry.getReferrer()).isEqualTo("https://www.facebook.com");
			assertThat(inquiry.getUtmSource()).isEqualTo("newsletter");
			assertThat(inquiry.getUtmMedium()).isEqualTo("email");
			assertThat(inquiry.getUtmCampaign()).isEqualTo("spring-2026");
			assertThat(inquiry.getUtmTerm()).isEqualTo("back pain");
			assertThat(inquiry.getUtmContent()).isEqualTo("button");
		});
	}

	@Test
	void leavesOutASourcePageOrReferrerThatIsNotOne() throws Exception {
		String email = unique() + "@example.com";
		Map<String, String> fields = validFields(tokenShownSecondsAgo(10), "Tampered", email);
		fields.put("from", "<script>alert(1)</script>");
		fields.put("ref", "javascript:alert(1)");
		fields.put("utm_source", "x".repeat(300));
		mvc.perform(postOf(fields)).andExpect(status().isSeeOther());

		assertThat(inquiriesWithEmail(email)).singleElement().satisfies(inquiry -> {
			assertThat(inquiry.getSourcePage()).isNull();
			assertThat(inquiry.getReferrer()).isNull();
			assertThat(inquiry.getUtmSource()).hasSize(100);
		});
	}

	@Test
	void takesTheSourcePageAndCampaignFromASameSiteReferrer() throws Exception {
		String page = mvc
			.perform(get("/inquiry").header(HttpHeaders.REFERER,
					"http://localhost/articles/massage-for-back-pain?utm_source=google&utm_campaign=ads")
				.with(from(client)))
			.andReturn().getResponse().getContentAsString();

		assertThat(hiddenFieldsOf(page)).containsEntry("from", "/articles/massage-for-back-pain")
			.containsEntry("utm_source", "google")
			.containsEntry("utm_campaign", "ads")
			.doesNotContainKey("ref");
	}

	@Test
	void recordsTheVersionOfTheConsentWordingThePersonSaw() throws Exception {
		String page = mvc.perform(get("/inquiry").with(from(client))).andReturn().getResponse().getContentAsString();
		Matcher label = Pattern
			.compile("<label for=\"consent\"><span>([^<]*)</span> <a href=\"/privacy\">([^<]*)</a><span>([^<]*)</span></label>")
			.matcher(page);
		assertThat(label.find()).as("the consent label as rendered").isTrue();
		String wording = HtmlUtils.htmlUnescape(label.group(1)) + " [" + HtmlUtils.htmlUnescape(label.group(2))
				+ "](/privacy)" + HtmlUtils.htmlUnescape(label.group(3));

		String email = unique() + "@example.com";
		mvc.perform(postOf(validFields(tokenShownSecondsAgo(10), "Consenting", email))).andExpect(status().isSeeOther());

		String version = inquiriesWithEmail(email).get(0).getConsentVersion();
		assertThat(version).isEqualTo(ConsentWording.versionOf(wording)).startsWith("sha256:");
		assertThat(jdbc.sql("select wording from inquiry_consent_wording where version = ?")
			.param(version)
			.query(String.class)
			.single()).isEqualTo(wording);
	}

	@Test
	void recordsTheConsentVersionTheFormCarriedIfTheWordingChangedSinceItWasShown() throws Exception {
		String earlier = "sha256:" + unique();
		jdbc.sql("insert into inquiry_consent_wording (version, wording, first_shown_at) values (?, ?, current_timestamp)")
			.params(earlier, "An earlier wording [privacy notice](/privacy).")
			.update();
		String earlierEmail = unique() + "@example.com";
		Map<String, String> fields = validFields(tokenShownSecondsAgo(10), "Earlier", earlierEmail);
		fields.put(InquiryFormController.CONSENT_VERSION_PARAMETER, earlier);
		mvc.perform(postOf(fields)).andExpect(status().isSeeOther());
		String madeUpEmail = unique() + "@example.com";
		Map<String, String> madeUp = validFields(tokenShownSecondsAgo(10), "Made up", madeUpEmail);
		madeUp.put(InquiryFormController.CONSENT_VERSION_PARAMETER, "sha256:never-shown");
		mvc.perform(postOf(madeUp)).andExpect(status().isSeeOther());

		assertThat(inquiriesWithEmail(earlierEmail).get(0).getConsentVersion()).isEqualTo(earlier);
		assertThat(inquiriesWithEmail(madeUpEmail).get(0).getConsentVersion())
			.isEqualTo(consentWording.in(Locale.CANADA).version());
	}

	@Test
	void simultaneousPostsOfOneFormStoreOneInquiryAndShareItsConfirmation() throws Exception {
		String token = tokenShownSecondsAgo(10);
		String email = unique() + "@example.com";
		ExecutorService clicks = Executors.newFixedThreadPool(4);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<String>> redirects = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			redirects.add(clicks.submit(() -> {
				go.await();
				return mvc.perform(postOf(validFields(token, "Double Click", email))).andReturn().getResponse()
					.getRedirectedUrl();
			}));
		}
		go.countDown();
		Set<String> locations = new HashSet<>();
		for (Future<String> redirect : redirects) {
			locations.add(redirect.get(30, TimeUnit.SECONDS));
		}
		clicks.shutdown();

		assertThat(inquiriesWithEmail(email)).hasSize(1);
		assertThat(locations).singleElement().asString().matches(REDIRECT);
	}

	@Test
	void aTokenCanBeClaimedByOnlyOneOfTwoPostsThatBothGotPastTheCheckForAnEarlierInquiry() {
		String tokenId = tokens.check(tokenShownSecondsAgo(10)).id();
		String email = unique() + "@example.com";
		InquiryForm form = new InquiryForm("Racer", email, null, HelpWith.OTHER, AskingAbout.BOTH, null, null, true,
				null, null);
		LeadSource noSource = new LeadSource(null, null, null, null, null, null, null);
		String version = consentWording.in(Locale.CANADA).version();
		intake.store(form, noSource, version, tokenId, null);

		assertThatThrownBy(() -> intake.store(form, noSource, version, tokenId, null))
			.isInstanceOf(DataAccessException.class);
		assertThat(inquiriesWithEmail(email)).hasSize(1);
	}

	@Test
	void forgetsUsedTokensPastTheirLifetimeButStillRecognisesTheirRepeat() throws Exception {
		String token = tokenShownSecondsAgo(10);
		String first = mvc.perform(postOf(validFields(token, "Old Token", unique() + "@example.com")))
			.andReturn().getResponse().getRedirectedUrl();
		String id = tokens.check(token).id();
		jdbc.sql("update inquiry_used_form_token set used_at = ? where token_id = ?")
			.params(OffsetDateTime.now(ZoneOffset.UTC).minus(tokens.lifetime()).minusMinutes(1), id)
			.update();
		String recent = tokens.check(tokenShownSecondsAgo(10)).id();
		jdbc.sql("insert into inquiry_used_form_token (token_id, used_at) values (?, ?)")
			.params(recent, OffsetDateTime.now(ZoneOffset.UTC))
			.update();

		usedTokens.forgetExpired();

		assertThat(usedTokenCount(id)).isZero();
		assertThat(usedTokenCount(recent)).isOne();
		assertFormBackToSendAgain(validFields(token, "Old Token", unique() + "@example.com"),
				"This form was already sent as inquiry " + first.substring(first.lastIndexOf('/') + 1));
	}

	// --- helpers ----------------------------------------------------------------------------------------------

	private String assertRefused(Map<String, String> fields, String field, String message) throws Exception {
		String page = mvc.perform(postOf(fields))
			.andExpect(status().isOk())
			.andExpect(view().name(InquiryFormController.FORM_VIEW))
			.andReturn().getResponse().getContentAsString();

		assertThat(page).contains("<div class=\"error-summary\" role=\"alert\"")
			.contains("<li><a href=\"#" + field + "\">" + message + "</a></li>")
			.contains("id=\"" + field + "-error\"")
			.containsPattern("id=\"" + field + "\"[^>]*aria-invalid=\"true\"")
			.containsPattern("aria-describedby=\"[^\"]*" + field + "-error")
			.contains("value=\"" + HtmlUtils.htmlEscape(fields.get("name"), "UTF-8") + "\"");
		assertThat(jdbc.sql("select count(*) from inquiry where name = ?").param(fields.get("name")).query(Long.class)
			.single()).as("inquiries stored").isZero();
		assertThat(inquiries.findByFormTokenId(tokens.check(fields.get("token")).id())).as("inquiry of the token").isEmpty();
		return page;
	}

	private void assertStoredAsSpam(Map<String, String> fields, String reason) throws Exception {
		MvcResult result = mvc.perform(postOf(fields)).andExpect(status().isSeeOther()).andReturn();

		Inquiry inquiry = inquiryAt(result);
		assertThat(inquiry.getEmail()).isEqualTo(fields.get("email"));
		assertThat(inquiry.getStatus()).isEqualTo(InquiryStatus.SPAM);
		assertThat(inquiry.getSpamReason()).isEqualTo(reason);
		assertThat(events.stream(InquirySubmitted.class).filter(event -> event.inquiryId() == inquiry.getId())).isEmpty();
		mvc.perform(get(result.getResponse().getRedirectedUrl()))
			.andExpect(status().isOk())
			.andExpect(content(inquiry.getReference(), "We reply within one business day"));
	}

	/**
	 * Posts the fields and expects the form back, not stored, with everything typed kept, the one sentence asking
	 * to send again, and a token that can be sent.
	 * @return the page
	 */
	private String assertFormBackToSendAgain(Map<String, String> fields, String sentence) throws Exception {
		int before = inquiriesWithEmail(fields.get("email")).size();
		String page = mvc.perform(postOf(fields))
			.andExpect(status().isOk())
			.andExpect(view().name(InquiryFormController.FORM_VIEW))
			.andReturn().getResponse().getContentAsString();

		assertThat(page).contains("<div class=\"form-notice\" role=\"alert\">")
			.contains(sentence)
			.contains("value=\"" + HtmlUtils.htmlEscape(fields.get("name"), "UTF-8") + "\"")
			.doesNotContain("<div class=\"error-summary\"");
		if (fields.get("email") != null) {
			assertThat(page).contains("value=\"" + fields.get("email") + "\"");
		}
		if (fields.get("message") != null) {
			assertThat(page).contains(">" + HtmlUtils.htmlEscape(fields.get("message"), "UTF-8") + "</textarea>");
		}
		assertThat(page).containsPattern("value=\"" + fields.get("service") + "\"\\s+checked=\"checked\"")
			.containsPattern("id=\"consent\" name=\"consent\" value=\"true\" required checked=\"checked\"");
		assertThat(tokens.check(hiddenFieldsOf(page).get("token")).signatureValid()).as("a token of ours").isTrue();
		assertThat(inquiriesWithEmail(fields.get("email"))).as("inquiries stored from this address").hasSize(before);
		return page;
	}

	private long frontDeskAlertsFor(Inquiry inquiry) {
		return jdbc.sql("select count(*) from notification where inquiry_id = ? and kind = 'STAFF_ALERT'")
			.param(inquiry.getId())
			.query(Long.class)
			.single();
	}

	/** The same fields, with the token of the form that came back: the person pressing Send again. */
	private static Map<String, String> withTokenOf(String page, Map<String, String> fields) {
		Map<String, String> again = new LinkedHashMap<>(fields);
		again.put("token", hiddenFieldsOf(page).get("token"));
		return again;
	}

	private static FormTokens tokensSignedWith(String secret) {
		InquiryFormProperties properties = new InquiryFormProperties(secret, Duration.ofDays(7), Duration.ofSeconds(3),
				Duration.ofDays(7), new InquiryFormProperties.RateLimit(10, Duration.ofMinutes(10)));
		return new FormTokens(properties, new FormTokenKey(properties, null),
				new StaticListableBeanFactory().getBeanProvider(Clock.class));
	}

	private long usedTokenCount(String tokenId) {
		return jdbc.sql("select count(*) from inquiry_used_form_token where token_id = ?")
			.param(tokenId)
			.query(Long.class)
			.single();
	}

	private Inquiry inquiryAt(MvcResult result) {
		assertThat(result.getResponse().getStatus()).isEqualTo(303);
		Matcher matcher = REDIRECT.matcher(result.getResponse().getRedirectedUrl());
		assertThat(matcher.matches()).isTrue();
		return inquiries.findByReference(matcher.group(1)).orElseThrow();
	}

	private List<Inquiry> inquiriesWithEmail(String email) {
		return inquiries.findAll().stream().filter(inquiry -> email.equals(inquiry.getEmail())).toList();
	}

	private static Map<String, String> hiddenFieldsOf(String page) {
		Map<String, String> fields = new LinkedHashMap<>();
		Matcher matcher = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">").matcher(page);
		while (matcher.find()) {
			fields.put(matcher.group(1), HtmlUtils.htmlUnescape(matcher.group(2)));
		}
		return fields;
	}

	private static Map<String, String> validFields(String token, String name, String email) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("token", token);
		fields.put("name", name);
		fields.put("email", email);
		fields.put("service", "MASSAGE_THERAPY");
		fields.put("askingAbout", "COST");
		fields.put("consent", "true");
		return fields;
	}

	private MockHttpServletRequestBuilder postOf(Map<String, String> fields) {
		MockHttpServletRequestBuilder request = post("/inquiry").with(from(client))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED);
		fields.forEach((field, value) -> {
			if (value != null) {
				request.param(field, value);
			}
		});
		return request;
	}

	private String tokenShownSecondsAgo(long seconds) {
		return tokens.issue(Instant.now().minusSeconds(seconds));
	}

	private static org.springframework.test.web.servlet.ResultMatcher content(String... texts) {
		return result -> assertThat(result.getResponse().getContentAsString()).contains(texts);
	}

	private static String unique() {
		return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	private static RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

}

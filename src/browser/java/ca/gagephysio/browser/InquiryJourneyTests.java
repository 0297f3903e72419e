package ca.gagephysio.browser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.SettableClock;
import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.clinic.ClinicFactsForTests;
import ca.gagephysio.clinic.SavedClinicFacts;
import ca.gagephysio.inquiry.internal.AskingAbout;
import ca.gagephysio.inquiry.internal.BestTime;
import ca.gagephysio.inquiry.internal.HelpWith;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.inquiry.internal.InquiryStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A prospective client's way to the front desk, in a real browser and with the keyboard alone: from the article's
 * call to action to the form, through the form (sent right, or sent wrong and corrected from the error summary), to
 * the confirmation. Every page and state on the way is held to the bar of {@link PageCheck}.
 */
@Tag("browser")
@ClinicIntegrationTest
@ExtendWith(ChromiumExtension.class)
class InquiryJourneyTests {

	private static final String ARTICLE = "massage-for-back-pain";

	/**
	 * Longer than the form's minimum fill time (3 s as shipped; a post sooner than that after the form was shown is
	 * too fast to be a person's, and the form comes back): how long the journeys' people take, by the application's
	 * clock.
	 */
	static final Duration SLOWER_THAN_A_BOT = Duration.ofMillis(3500);

	@LocalServerPort
	int port;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	ClinicFacts clinic;

	@Autowired
	SettableClock clock;

	@Autowired
	ApplicationContext context;

	/**
	 * Issue 22: while the clinic is full, a person on a phone joins the waiting list with the keyboard alone: the
	 * form says what happens next, the button says what it does, and the confirmation says it is a waiting list.
	 */
	@Test
	void aPersonOnAPhoneJoinsTheWaitingListWithTheKeyboardAlone(Chromium chromium) {
		ClinicFactsForTests.save(clinic, facts -> ClinicFactsForTests.acceptingNewClients(facts, false));
		try {
			PageCheck check = new PageCheck(chromium);
			chromium.emulateViewport(360, 740, 3, true);
			Chromium.Document form = chromium.open(url("/inquiry"));
			assertThat(chromium.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Join the waiting list");
			assertThat(form.html()).contains("What happens next: we keep your details in the order they arrive");
			KeyboardUser person = new KeyboardUser(chromium);
			person.tabTo("Your name").type("Wen Li");
			person.tabTo("Phone number").type("905-555-0188");
			person.tabTo("Back pain").pressSpace();
			person.tabTo("Both");
			person.tabTo("I agree").pressSpace();
			person.tabTo("Join the waiting list");
			Chromium.Document sent = sendAsAPersonWould(chromium, clock, person::pressEnter);

			assertThat(sent.url()).startsWith(url("/inquiry/sent/"));
			assertThat(chromium.driver().findElement(By.tagName("h1")).getText())
				.isEqualTo("You are on our waiting list");
			String reference = chromium.driver().findElement(By.id("reference")).getText();
			Inquiry stored = inquiries.findByReference(reference).orElseThrow();
			assertThat(stored.isWaitingList()).isTrue();
			assertThat(stored.getPhone()).isEqualTo("905-555-0188");
			chromium.resetViewport();
			check.assertMeetsTheBar("the waiting-list form", chromium.open(url("/inquiry")));
			check.assertMeetsTheBar("the waiting-list confirmation", chromium.open(sent.url()));
		}
		finally {
			chromium.resetViewport();
			SavedClinicFacts.forget(context);
		}
	}

	@Test
	void aReaderFollowsTheArticlesCallToActionAndSendsTheFormWithTheKeyboardAlone(Chromium chromium) {
		PageCheck check = new PageCheck(chromium);
		check.assertMeetsTheBar("the article", chromium.open(url("/articles/" + ARTICLE)));
		KeyboardUser person = new KeyboardUser(chromium);

		// past the header's own button to the one in the article, as a reader who has just read it
		person.tabTo("Skip to main content").pressEnter();
		Chromium.Document form = chromium
			.navigateBy(() -> person.tabTo("Inquire About Cost & Availability").pressEnter());

		assertThat(form.url()).isEqualTo(url("/inquiry?from=" + ARTICLE));
		check.assertMeetsTheBar("the form, from the article", form);
		person.tabTo("Your name").type("Zoë Łukasiewicz-O'Brien");
		person.tabTo("Email address").type("zoe@example.com");
		person.tabTo("Phone number").type("905-555-0142");
		person.tabTo("Back pain").pressSpace();
		// "Both" comes chosen, so Tab lands on it; an arrow key moves the choice
		person.tabTo("Both").press(Keys.ARROW_LEFT);
		person.tabTo("Best time to reach you").type("Morning");
		person.tabTo("Message (optional)").type("Is a first visit covered by my benefits?");
		person.tabTo("I agree").pressSpace();
		person.tabTo("Send my inquiry");
		Chromium.Document sent = sendAsAPersonWould(chromium, clock, person::pressEnter);

		assertThat(sent.url()).startsWith(url("/inquiry/sent/"));
		check.assertMeetsTheBar("the confirmation", sent);
		String reference = chromium.driver().findElement(By.id("reference")).getText();
		assertThat(sent.url()).endsWith("/" + reference);
		Inquiry stored = inquiries.findByReference(reference).orElseThrow();
		assertThat(stored.getStatus()).isEqualTo(InquiryStatus.NEW);
		assertThat(stored.getName()).isEqualTo("Zoë Łukasiewicz-O'Brien");
		assertThat(stored.getEmail()).isEqualTo("zoe@example.com");
		assertThat(stored.getPhone()).isEqualTo("905-555-0142");
		assertThat(stored.getService()).isEqualTo(HelpWith.BACK_PAIN);
		assertThat(stored.getAskingAbout()).isEqualTo(AskingAbout.AVAILABILITY);
		assertThat(stored.getBestTime()).isEqualTo(BestTime.MORNING);
		assertThat(stored.getMessage()).isEqualTo("Is a first visit covered by my benefits?");
		assertThat(stored.getSourcePage()).contains(ARTICLE);
	}

	@Test
	void aPersonWhoSendsTheFormWrongIsLedFromTheErrorSummaryToEachFieldAndThenSendsIt(Chromium chromium) {
		PageCheck check = new PageCheck(chromium);
		chromium.open(url("/inquiry"));
		KeyboardUser person = new KeyboardUser(chromium);

		person.tabTo("Your name").type("Sam Okafor");
		person.tabTo("Email address").type("sam.example.com");
		Chromium.Document errors = chromium.navigateBy(() -> person.tabTo("Send my inquiry").pressEnter());

		assertThat(errors.url()).isEqualTo(url("/inquiry"));
		check.assertMeetsTheBar("the form with errors", errors);
		assertThat(chromium.driver().findElement(By.cssSelector(".error-summary")).getText())
			.contains("There is a problem", "Enter an email address like name@example.com.",
					"Choose what you'd like help with.", "Tick the box to agree");
		assertThat(chromium.driver().findElement(By.id("name")).getDomProperty("value")).isEqualTo("Sam Okafor");

		// the summary comes first on the page, so Tab reaches its links before the fields
		person.tabTo("Enter an email address like").pressEnter();
		assertThat(person.focused().getDomAttribute("id")).as("focus after following the summary's link")
			.isEqualTo("email");
		// fixed, but with a big provider's domain mistyped: the form will ask before sending
		person.selectAll().type("sam@gmial.com");
		// back up to the summary for the next problem, as a person working down its list does
		person.tabBackTo("Choose what you'd like help with.").pressEnter();
		assertThat(person.focused().getDomAttribute("id")).isEqualTo("service");
		person.press(Keys.ARROW_DOWN); // from "Back pain" to "Massage therapy"
		person.tabBackTo("Tick the box to agree").pressEnter();
		assertThat(person.focused().getDomAttribute("id")).isEqualTo("consent");
		person.pressSpace();
		person.tabTo("Send my inquiry");
		Chromium.Document asked = sendAsAPersonWould(chromium, clock, person::pressEnter);

		assertThat(asked.url()).isEqualTo(url("/inquiry"));
		check.assertMeetsTheBar("the form asking \"Did you mean …?\"", asked);
		assertThat(chromium.driver().findElement(By.id("email-suggestion")).getText())
			.contains("Did you mean sam@gmail.com?");
		assertThat(chromium.driver().findElement(By.id("email")).getDomProperty("value")).isEqualTo("sam@gmial.com");
		// the form kept its token, first shown when the page opened: still a person's time, by the same clock
		Chromium.Document sent = sendAsAPersonWould(chromium, clock,
				() -> person.tabTo("Yes, use sam@gmail.com and send").pressEnter());

		assertThat(sent.url()).startsWith(url("/inquiry/sent/"));
		String reference = chromium.driver().findElement(By.id("reference")).getText();
		Inquiry stored = inquiries.findByReference(reference).orElseThrow();
		assertThat(stored.getStatus()).isEqualTo(InquiryStatus.NEW);
		assertThat(stored.getName()).isEqualTo("Sam Okafor");
		assertThat(stored.getEmail()).isEqualTo("sam@gmail.com");
		assertThat(stored.getService()).isEqualTo(HelpWith.MASSAGE_THERAPY);
		assertThat(stored.getAskingAbout()).isEqualTo(AskingAbout.BOTH);
	}

	/**
	 * Autofill and one tap can beat the form's minimum fill time. That is no reason to file a person as spam behind a
	 * confirmation: the form comes back with everything kept and one sentence asking to send it again, and then it
	 * goes through.
	 */
	@Test
	void aPersonWhoSendsFasterThanTheMinimumFillTimeGetsTheFormBackAndSendsItAgain(Chromium chromium) {
		PageCheck check = new PageCheck(chromium);
		chromium.open(url("/inquiry"));
		var driver = chromium.driver();
		// as fast as an autofill: straight into the fields, no Tab walk
		driver.findElement(By.id("name")).sendKeys("Priya Raman");
		driver.findElement(By.id("phone")).sendKeys("905-555-0177");
		driver.findElement(By.cssSelector("input[name=service][value=FOOT_CARE]")).click();
		driver.findElement(By.id("consent")).click();
		// Too fast however slowly a loaded machine types: the application's clock is put five minutes back while the
		// form is sent, so the form reads as shown later than now (FormTokens: too fast), then back to the real time.
		clock.advance(Duration.ofMinutes(-5));
		Chromium.Document again;
		try {
			again = chromium.navigateBy(
					() -> driver.findElement(By.cssSelector("form.inquiry-form button[type=submit]")).click());
		}
		finally {
			clock.reset();
		}

		assertThat(again.url()).isEqualTo(url("/inquiry"));
		check.assertMeetsTheBar("the form sent too fast, back to be sent again", again);
		assertThat(driver.findElement(By.cssSelector(".form-notice")).getText()).contains("hasn't been sent yet");
		assertThat(driver.findElement(By.id("name")).getDomProperty("value")).isEqualTo("Priya Raman");
		assertThat(driver.findElement(By.id("phone")).getDomProperty("value")).isEqualTo("905-555-0177");

		KeyboardUser person = new KeyboardUser(chromium);
		person.tabTo("Send my inquiry");
		Chromium.Document sent = sendAsAPersonWould(chromium, clock, person::pressEnter);

		assertThat(sent.url()).startsWith(url("/inquiry/sent/"));
		String reference = driver.findElement(By.id("reference")).getText();
		Inquiry stored = inquiries.findByReference(reference).orElseThrow();
		assertThat(stored.getStatus()).isEqualTo(InquiryStatus.NEW);
		assertThat(stored.getName()).isEqualTo("Priya Raman");
		assertThat(stored.getService()).isEqualTo(HelpWith.FOOT_CARE);
	}

	/**
	 * The rate limit counts posts per client address. The other tests come from 127.0.0.1; this one comes over IPv6
	 * from ::1, a client of its own, whose allowance it first uses up with plain posts so that the browser's next
	 * post is one too many.
	 */
	@Test
	void aPersonWhoPostsTooOftenIsAskedToWaitAndOfferedThePhoneNumber(Chromium chromium) throws Exception {
		String form = "http://[::1]:" + port + "/inquiry";
		useUpThePostAllowance(form);

		// the allowance refills slowly over time, so a post may still get through: a person would simply try again
		Chromium.Document refused = null;
		for (int attempt = 0; attempt < 5 && (refused == null || refused.status() != 429); attempt++) {
			chromium.open(form);
			refused = chromium.navigateBy(() -> new KeyboardUser(chromium).tabTo("Send my inquiry").pressEnter());
		}

		assertThat(refused.status()).isEqualTo(429);
		new PageCheck(chromium).assertMeetsTheBar("the too-many-posts page", refused);
		assertThat(chromium.driver().findElement(By.tagName("main")).getText()).contains("Please wait a moment",
				"905-555-0100");
	}

	private static void useUpThePostAllowance(String form) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest post = HttpRequest.newBuilder(URI.create(form))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("name="))
			.build();
		for (int i = 0; i < 1000; i++) {
			if (http.send(post, HttpResponse.BodyHandlers.discarding()).statusCode() == 429) {
				return;
			}
		}
		throw new AssertionError("1000 posts from ::1 never reached the rate limit");
	}

	/**
	 * Sends the form (the {@code send} action, a key press or a click) as a person who took
	 * {@link #SLOWER_THAN_A_BOT} to fill it in: the application's clock, which the form's token is checked by
	 * ({@code FormTokens}), is moved on by that much while the form is sent and the next page is shown, then back by
	 * as much. A faster post comes back as the form, to be sent again, so without this the test would have to wait
	 * 3.5 s of real time on every form it sends; "sent faster than the minimum fill time" moves the clock the other
	 * way.
	 */
	static Chromium.Document sendAsAPersonWould(Chromium chromium, SettableClock clock, Runnable send) {
		clock.advance(SLOWER_THAN_A_BOT);
		try {
			return chromium.navigateBy(send);
		}
		finally {
			clock.advance(SLOWER_THAN_A_BOT.negated());
		}
	}

	private String url(String path) {
		return "http://127.0.0.1:" + port + path;
	}

}

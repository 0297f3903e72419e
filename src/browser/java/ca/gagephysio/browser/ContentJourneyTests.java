package ca.gagephysio.browser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.clinic.SavedClinicFacts;
import ca.gagephysio.fees.SavedFees;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clinic running its own site, in a real browser with the keyboard alone (issue 10): an administrator writes an
 * article, saves it, publishes it, finds it on the public site and deletes it; and turns on the "Now booking new
 * clients" banner and a "Book online" link, which then show on the public pages; and (issue 22) puts in the fees,
 * which are then published at /fees and linked from the footer. Every page on the way, public ones with the banner,
 * the link and the fees on included, is held to the bar of {@link PageCheck}.
 */
@Tag("browser")
@ClinicIntegrationTest
@ExtendWith(ChromiumExtension.class)
class ContentJourneyTests {

	@LocalServerPort
	int port;

	@Autowired
	ca.gagephysio.SettableClock clock;

	@Value("${clinic.admin.email}")
	String adminEmail;

	@Value("${clinic.admin.password}")
	String adminPassword;

	@Autowired
	ApplicationContext context;

	/** The browser of the test running. */
	WebDriver driver;

	/**
	 * The administrator's sign-in, made by the first test and put back for the others (see
	 * {@link BackOffice#openSignedIn}): these journeys are about the clinic's content; signing in is
	 * {@code StaffJourneyTests}' subject.
	 */
	private static BackOffice.KeptSignIn administrator;

	@BeforeEach
	void keepTheAdministratorsSignIn() {
		if (administrator == null) {
			administrator = new BackOffice.KeptSignIn(adminEmail, adminPassword);
		}
	}

	@AfterAll
	static void forgetTheSignIn() {
		administrator = null;
	}

	/**
	 * The facts and fees saved by the journeys go, so every other test sees the installed defaults (and no fees)
	 * again.
	 */
	@AfterEach
	void forgetSavedFacts() {
		SavedClinicFacts.forget(context);
		SavedFees.forget(context);
	}

	@Test
	void anAdministratorWritesPublishesAndDeletesAnArticleWithTheKeyboardAlone(Chromium chromium) throws Exception {
		driver = chromium.driver();
		String title = "Notes for a keyboard test " + UUID.randomUUID().toString().substring(0, 8);
		PageCheck check = new PageCheck(chromium);
		KeyboardUser owner = new KeyboardUser(chromium);
		// every page from here records what the content security policy blocked, to show EasyMDE needs nothing more
		chromium.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
				"window.cspViolations = []; document.addEventListener('securitypolicyviolation', "
						+ "e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"));
		new BackOffice(chromium, url(""), clock).openSignedIn(administrator, "/staff/articles");

		Chromium.Document editor = chromium.navigateBy(() -> owner.tabTo("Write a new article").pressEnter());
		assertThat(editor.url()).isEqualTo(url("/staff/articles/new"));
		owner.tabTo("Title").type(title);
		owner.tabTo("Summary").type("A short summary written with the keyboard.");
		// EasyMDE's editor: typed into, a shortcut (Ctrl+B), then toolbar buttons reached with Tab and Shift+Tab
		owner.tabTo("Article text").type("## A first part\n\nNeutral words typed for a browser test.\n\nStrong words");
		new Actions(driver).keyDown(Keys.SHIFT).sendKeys(Keys.HOME).keyUp(Keys.SHIFT)
			.keyDown(Keys.CONTROL).sendKeys("b").keyUp(Keys.CONTROL).perform();
		owner.press(Keys.END).type("\n\nA list item");
		owner.tabBackTo("Bulleted list").pressEnter();
		owner.tabBackTo("Inquiry box").pressEnter();
		String body = (String) chromium.script("return document.getElementById('bodyMarkdown').value;");
		assertThat(body).contains("**Strong words**").contains("- A list item").contains("::: inquire ");
		// the live preview beside the text is the server's rendering, inquiry box and all
		new WebDriverWait(driver, Duration.ofSeconds(10)).withMessage(() -> "the live preview: " + chromium.script(
				"var p = document.querySelector('.editor-preview-side'); return p ? p.outerHTML : 'none';"))
			.until(d -> d
			.findElements(By.cssSelector(".editor-preview-active-side .cta-box .cta-box__heading")).size() == 1);
		assertThat(text(".editor-preview-active-side")).contains("Strong words").contains("A list item");
		assertThat(driver.findElements(By.cssSelector(".editor-preview-active-side strong"))).isNotEmpty();
		assertThat((List<?>) chromium.script("return window.cspViolations;"))
			.as("content security policy violations with EasyMDE loaded (script-src and style-src 'self')").isEmpty();
		check.assertMeetsTheBar("the article editor with EasyMDE and its live preview", editor);
		Chromium.Document saved = chromium.navigateBy(() -> owner.tabTo("Save").pressEnter());
		assertThat(saved.url()).matches(".*/staff/articles/\\d+");
		assertThat(text(".flash")).isEqualTo("The article was saved as a draft.");
		check.assertMeetsTheBar("a draft just saved, with its quality check and hero image panel", saved);

		Chromium.Document published = chromium.navigateBy(() -> owner.tabTo("Publish now").pressEnter());
		assertThat(text(".flash")).isEqualTo("The article is published.");
		check.assertMeetsTheBar("an article just published", published);

		Chromium.Document onTheSite = chromium.navigateBy(() -> owner.tabTo("View the public page").pressEnter());
		assertThat(text("h1")).isEqualTo(title);
		assertThat(text("main")).contains("Neutral words typed for a browser test.").contains("Strong words");
		assertThat(driver.findElements(By.cssSelector("main .cta-box"))).as("the inquiry box from the toolbar").hasSize(1);
		check.assertMeetsTheBar("the article as readers see it", onTheSite);

		chromium.open(saved.url());
		owner.tabTo("I want to delete this article").pressSpace();
		Chromium.Document deleted = chromium.navigateBy(() -> owner.tabTo("Delete").pressEnter());
		assertThat(deleted.url()).isEqualTo(url("/staff/articles"));
		assertThat(text(".flash")).isEqualTo("The article was deleted.");
		assertThat(statusFromTheServer(onTheSite.url())).as("the deleted article's address").isEqualTo(404);
		// public pages are no-cache: the browser revalidates, so the reader sees the article gone at once
		assertThat(chromium.open(onTheSite.url()).status()).as("the deleted article, in the same browser").isEqualTo(404);
	}

	@Test
	void theBookingBannerAndLinkTurnedOnWithTheKeyboardShowOnPublicPagesThatStillMeetTheBar(Chromium chromium) {
		driver = chromium.driver();
		new BackOffice(chromium, url(""), clock).openSignedIn(administrator, "/staff/settings");
		PageCheck check = new PageCheck(chromium);
		KeyboardUser owner = new KeyboardUser(chromium);

		owner.tabTo("Online booking page").selectAll().type("https://booking.example.org/gage-physiotherapy");
		owner.tabTo("Accepting new clients").pressSpace();
		Chromium.Document saved = chromium.navigateBy(() -> owner.tabTo("Save clinic facts").pressEnter());
		assertThat(text(".flash")).startsWith("Clinic facts saved.");
		check.assertMeetsTheBar("the clinic facts just saved", saved);

		for (String path : new String[] { "/", "/articles/massage-for-back-pain", "/team", "/inquiry" }) {
			Chromium.Document page = chromium.open(url(path));
			assertThat(text("body")).as("%s with the banner and the link on", path)
				.contains("Now booking new clients")
				.contains("Book online");
			assertThat(driver.findElements(By.cssSelector("a[href='https://booking.example.org/gage-physiotherapy']")))
				.as("links to the booking page on %s", path).isNotEmpty();
			check.assertMeetsTheBar(path + " with the banner and the booking link on", page);
		}
	}

	/**
	 * Issue 22: the owner puts in the fees with the keyboard alone (one sign-in): a price typed wrong and sent with
	 * Enter comes back with its message and the typing kept, a second service is added by its button (the keyboard lands in its name), and
	 * Save publishes the fees page, linked from the footer, both held to the bar.
	 */
	@Test
	void anAdministratorSetsTheFeesWithTheKeyboardAloneAndTheyArePublishedAtOnce(Chromium chromium) {
		driver = chromium.driver();
		PageCheck check = new PageCheck(chromium);
		KeyboardUser owner = new KeyboardUser(chromium);
		assertThat(statusFromTheServerQuietly(url("/fees"))).as("no fees page before any are saved").isEqualTo(404);
		new BackOffice(chromium, url(""), clock).openSignedIn(administrator, "/staff/fees");

		owner.tabTo("Name").type("Physiotherapy assessment");
		owner.tabTo("Duration in minutes").type("60");
		// Enter in a field saves (never removes a service): the form's first button is a Save.
		Chromium.Document errors = chromium
			.navigateBy(() -> owner.tabTo("Price in Canadian dollars").type("ninety-five").pressEnter());
		assertThat(text(".error-summary")).contains("Enter the price in dollars");
		assertThat(driver.findElement(By.id("services0.name")).getAttribute("value"))
			.isEqualTo("Physiotherapy assessment");
		check.assertMeetsTheBar("the fees editor with a price typed wrong", errors);

		owner.tabTo("Price in Canadian dollars").selectAll().type("95.00");
		Chromium.Document twoRows = chromium.navigateBy(() -> owner.tabTo("Add a service").pressEnter());
		assertThat(twoRows.status()).isEqualTo(200);
		// typed straight away: the page check would move the focus (the saved page below, with both services, is
		// checked instead)
		assertThat(owner.focused().getDomAttribute("id")).as("the new service's name").isEqualTo("services1.name");
		owner.type("Custom orthotics fitting");
		owner.tabTo("Duration in minutes").type("30");
		owner.tabTo("Price in Canadian dollars").type("80");
		owner.tabTo("HST is added to this price").pressSpace();
		owner.tabTo("Insurers billed directly").type("Sun Life");
		Chromium.Document saved = chromium.navigateBy(() -> owner.tabTo("Save and publish").pressEnter());
		assertThat(driver.findElements(By.cssSelector(".error-summary"))).as("errors: %s",
				driver.findElements(By.cssSelector(".error-summary")).stream().map(e -> e.getText()).toList())
			.isEmpty();
		assertThat(text(".flash--ok")).isEqualTo("Fees saved and published. The public page shows them now.");
		check.assertMeetsTheBar("the fees just saved", saved);

		Chromium.Document home = chromium.open(url("/"));
		Chromium.Document fees = chromium.navigateBy(() -> owner.tabTo("Fees and insurance").pressEnter());
		assertThat(fees.url()).isEqualTo(url("/fees"));
		assertThat(text("main")).contains("Physiotherapy assessment", "$95.00", "Custom orthotics fitting", "$80.00",
				"plus HST", "Sun Life");
		check.assertMeetsTheBar("the fees page as readers see it", fees);
		assertThat(home.status()).isEqualTo(200);
	}

	private static int statusFromTheServerQuietly(String url) {
		try {
			return statusFromTheServer(url);
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String text(String selector) {
		return driver.findElement(By.cssSelector(selector)).getText();
	}

	private static int statusFromTheServer(String url) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	private String url(String path) {
		return "http://127.0.0.1:" + port + path;
	}

}

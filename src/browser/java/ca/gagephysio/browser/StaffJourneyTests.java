package ca.gagephysio.browser;

import java.util.List;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.staff.account.StaffTestAccounts;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.inquiry.internal.InquiryStatus;
import ca.gagephysio.notification.SubmittedInquiries;
import ca.gagephysio.staff.account.StaffTestAccounts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The front desk's part, in a real browser with the keyboard alone: a staff member mistypes the password, signs in,
 * finds an inquiry that just came in through the form by its reference, marks it contacted, adds a note, sees both
 * in its timeline, and signs out, after which the back office is closed to that browser; and one whose session
 * ends while typing a note keeps it. Every page and state on the way is held to the bar of {@link PageCheck}.
 */
@Tag("browser")
@ClinicIntegrationTest
@ExtendWith(ChromiumExtension.class)
class StaffJourneyTests {

	@LocalServerPort
	int port;

	@Autowired
	ca.gagephysio.SettableClock clock;

	@Value("${clinic.admin.email}")
	String adminEmail;

	@Value("${clinic.admin.password}")
	String adminPassword;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactionManager;

	/** The page the browser shows now. */
	WebDriver driver;

	@Test
	void aStaffMemberFindsAnInquiryMarksItContactedAddsANoteAndSignsOut(Chromium chromium) {
		driver = chromium.driver();
		// the administrator's authenticator app, enrolled once in the run (on a first sign-in the way a person does)
		new BackOffice(chromium, url(""), clock).enrolAppOnce(adminEmail, adminPassword);
		String reference = new BackOffice(chromium, url(""), clock).sendAnInquiry("Priya Raman", "priya@example.com");
		Inquiry inquiry = inquiries.findByReference(reference).orElseThrow();
		PageCheck check = new PageCheck(chromium);
		KeyboardUser staff = new KeyboardUser(chromium);

		Chromium.Document signIn = chromium.open(url("/staff/inquiries"));
		assertThat(signIn.url()).as("the inbox, for someone not signed in").isEqualTo(url("/login"));

		staff.tabTo("Email").type(adminEmail);
		staff.tabTo("Password").type("not the password");
		Chromium.Document failed = chromium.navigateBy(staff::pressEnter);
		assertThat(failed.url()).isEqualTo(url("/login?error"));
		assertThat(text("main")).contains("That email and password don't match an active account.");
		check.assertMeetsTheBar("the sign-in page after a wrong password", failed);

		staff.tabTo("Email").selectAll().type(adminEmail);
		staff.tabTo("Password").selectAll().type(adminPassword);
		Chromium.Document secondStep = chromium.navigateBy(staff::pressEnter);
		assertThat(secondStep.url()).as("a password alone opens nothing").isEqualTo(url("/staff/second-factor"));
		check.assertMeetsTheBar("the second step", secondStep);
		staff.tabTo("Code from your authenticator app").type(StaffTestAccounts.nextCode(clock, adminEmail));
		Chromium.Document inbox = chromium.navigateBy(staff::pressEnter);
		assertThat(inbox.url()).as("back to the page asked for").startsWith(url("/staff/inquiries"));
		check.assertMeetsTheBar("the inbox, just signed in", inbox);

		staff.tabTo("Search").type(reference);
		Chromium.Document found = chromium.navigateBy(staff::pressEnter);
		assertThat(rows()).singleElement().asString().contains("Priya Raman", "New", reference);
		check.assertMeetsTheBar("the inbox, searched by reference", found);

		Chromium.Document detail = chromium.navigateBy(() -> staff.tabTo("Priya Raman").pressEnter());
		assertThat(detail.url()).isEqualTo(url("/staff/inquiries/" + inquiry.getId()));
		check.assertMeetsTheBar("a new inquiry", detail);

		// typing on a closed list box picks the option that starts with what is typed
		staff.tabTo("Status").type("Contacted");
		chromium.navigateBy(() -> staff.tabTo("Change status").pressEnter());
		assertThat(text(".flash")).isEqualTo("Status changed.");
		staff.tabTo("Internal note").type("Called back: prefers Tuesday mornings.");
		Chromium.Document noted = chromium.navigateBy(() -> staff.tabTo("Add note").pressEnter());
		assertThat(text(".flash")).isEqualTo("Note added.");
		check.assertMeetsTheBar("an inquiry with its timeline", noted);

		assertThat(timeline()).anySatisfy(line -> assertThat(line).contains("Inquiry received"))
			.anySatisfy(line -> assertThat(line).contains("Status changed from New to Contacted"))
			.anySatisfy(line -> assertThat(line).contains("Note:", "Called back: prefers Tuesday mornings."));
		assertThat(inquiries.findByReference(reference).orElseThrow().getStatus()).isEqualTo(InquiryStatus.CONTACTED);

		Chromium.Document signedOut = chromium.navigateBy(() -> staff.tabTo("Sign out").pressEnter());
		assertThat(signedOut.url()).isEqualTo(url("/login?signedOut"));
		assertThat(text("main")).contains("You are signed out.");
		check.assertMeetsTheBar("the sign-in page after signing out", signedOut);

		Chromium.Document afterwards = chromium.open(url("/staff/inquiries/" + inquiry.getId()));
		assertThat(afterwards.url()).as("the inquiry, opened again after signing out").isEqualTo(url("/login"));
		assertThat(afterwards.html()).doesNotContain("Priya Raman");
	}

	/**
	 * Issue 9, item 2: a note typed while the session runs out is not lost. The browser still holds the cookie of a
	 * session the server no longer has (what the idle time-out leaves behind); pressing Add note leads to sign-in,
	 * which says why, and back to the inquiry with the note still in its box. Nothing is saved until it is sent again.
	 */
	@Test
	void aNoteTypedAsTheSessionEndsIsStillInItsBoxAfterSigningInAgainAndIsSavedWhenSentAgain(Chromium chromium) {
		driver = chromium.driver();
		String note = "Spoke to her daughter: call back after 4, she's at work until then.";
		Inquiry inquiry = new SubmittedInquiries(inquiries, events, transactionManager).submit("Marguerite Oyelaran",
				"marguerite@example.com", "Is the clinic accessible by wheelchair?");
		String inquiryUrl = url("/staff/inquiries/" + inquiry.getId());
		PageCheck check = new PageCheck(chromium);
		KeyboardUser staff = new KeyboardUser(chromium);
		new BackOffice(chromium, url(""), clock).signIn(adminEmail, adminPassword);
		chromium.open(inquiryUrl);
		staff.tabTo("Internal note").type(note);

		endTheSession();
		Chromium.Document signIn = chromium.navigateBy(() -> staff.tabTo("Add note").pressEnter());

		assertThat(signIn.url()).isEqualTo(url("/login?sessionEnded"));
		assertThat(text("main")).contains("Your session ended, so what you sent was not saved.")
			.doesNotContain("Something went wrong");
		check.assertMeetsTheBar("the sign-in page after the session ended as a form was sent", signIn);

		staff.tabTo("Email").type(adminEmail);
		staff.tabTo("Password").type(adminPassword);
		Chromium.Document secondStep = chromium.navigateBy(staff::pressEnter);
		assertThat(secondStep.url()).isEqualTo(url("/staff/second-factor"));
		staff.tabTo("Code from your authenticator app").type(StaffTestAccounts.nextCode(clock, adminEmail));
		Chromium.Document back = chromium.navigateBy(staff::pressEnter);

		assertThat(back.url()).as("back to the page, through the second step").isEqualTo(inquiryUrl);
		assertThat(driver.findElement(By.id("note")).getDomProperty("value")).isEqualTo(note);
		assertThat(text(".flash")).contains("It is not saved yet");
		assertThat(timeline()).noneSatisfy(line -> assertThat(line).contains(note));
		check.assertMeetsTheBar("an inquiry with a note given back after signing in again", back);

		chromium.navigateBy(() -> staff.tabTo("Add note").pressEnter());

		assertThat(text(".flash")).isEqualTo("Note added.");
		assertThat(timeline()).filteredOn(line -> line.contains(note)).hasSize(1);
	}

	/**
	 * What the idle time-out leaves in the browser: a session cookie the server no longer knows. (Ending the
	 * server's session itself would take a clock the test cannot turn.)
	 */
	private void endTheSession() {
		Cookie session = driver.manage().getCookieNamed("JSESSIONID");
		assertThat(session).as("the signed-in session's cookie").isNotNull();
		driver.manage().deleteCookie(session);
		driver.manage().addCookie(new Cookie.Builder("JSESSIONID", "0123456789ABCDEF0123456789ABCDEF")
			.path(session.getPath())
			.isHttpOnly(true)
			.sameSite("Lax")
			.build());
	}

	private String text(String cssSelector) {
		return driver.findElement(By.cssSelector(cssSelector)).getText();
	}

	private List<String> rows() {
		return driver.findElements(By.cssSelector(".inbox-table tbody tr")).stream().map(WebElement::getText).toList();
	}

	private List<String> timeline() {
		return driver.findElements(By.cssSelector(".timeline li")).stream().map(WebElement::getText).toList();
	}

	private String url(String path) {
		return "http://127.0.0.1:" + port + path;
	}

}

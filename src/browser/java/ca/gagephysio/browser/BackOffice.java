package ca.gagephysio.browser;

import java.util.List;
import java.util.Map;

import ca.gagephysio.SettableClock;
import ca.gagephysio.staff.account.StaffTestAccounts;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quick ways into the state a check needs (a signed-in administrator, an inquiry sent through the public form),
 * for checks whose subject is the page reached, not the way there. Journeys go the long way, by keyboard.
 */
final class BackOffice {

	private final Chromium chromium;

	private final String baseUrl;

	private final SettableClock clock;

	BackOffice(Chromium chromium, String baseUrl, SettableClock clock) {
		this.chromium = chromium;
		this.baseUrl = baseUrl;
		this.clock = clock;
	}

	/**
	 * Signs in on the sign-in page, both steps, and lands in the inbox: the password, then a code from the account's
	 * authenticator app, enrolled on "Sign-in and security" the first time (the key read off the page, codes made
	 * by {@link StaffTestAccounts#nextCode}, as every suite's sign-in does).
	 */
	void signIn(String email, String password) {
		signInWithPassword(email, password);
		WebDriver driver = chromium.driver();
		if (driver.getCurrentUrl().startsWith(baseUrl + "/staff/account/security")) {
			enrolApp(email);
			chromium.open(baseUrl + "/staff/inquiries");
		}
		else {
			assertThat(driver.getCurrentUrl()).as("the second step for %s", email)
				.startsWith(baseUrl + "/staff/second-factor");
			driver.findElement(By.id("code")).sendKeys(StaffTestAccounts.nextCode(clock, email));
			chromium.navigateBy(() -> driver.findElement(By.cssSelector("main form button[type=submit]")).click());
		}
		assertThat(driver.getCurrentUrl()).as("where signing in as %s leads", email)
			.startsWith(baseUrl + "/staff/inquiries");
	}

	/**
	 * Makes sure the account has an authenticator app that this run knows the key of, for a journey that then signs
	 * in the long way itself: through a first sign-in ({@link #signIn}), which enrols one, unless a test before did
	 * (the administrator's is enrolled by whichever class signs in first). Leaves the browser as {@link
	 * Chromium#startOver} does.
	 */
	void enrolAppOnce(String email, String password) {
		if (StaffTestAccounts.appKey(email) == null) {
			signIn(email, password);
			chromium.startOver();
		}
	}

	/**
	 * Opens a back-office page as the kept sign-in's account. The first time it signs in (both steps, as
	 * {@link #signIn} does, with its checks) and keeps the session's cookies; after that it puts them back into the
	 * browser, which every test starts without, instead of signing in again. Should the server have ended that
	 * session (the page answers with the sign-in page), it signs in afresh and keeps the new one.
	 */
	Chromium.Document openSignedIn(KeptSignIn account, String path) {
		if (!account.cookies.isEmpty()) {
			chromium.restoreCookies(account.cookies);
			Chromium.Document page = chromium.open(baseUrl + path);
			if (!page.url().startsWith(baseUrl + "/login")) {
				return page;
			}
		}
		signIn(account.email, account.password);
		account.cookies = chromium.cookies(baseUrl);
		return chromium.open(baseUrl + path);
	}

	/**
	 * One account's sign-in, kept for the tests of a class whose subject is the pages behind it, not signing in:
	 * signing in through both steps costs four page loads and a code, and a class of forty page checks paid that
	 * forty times. The tests that are about signing in sign in themselves.
	 */
	static final class KeptSignIn {

		private final String email;

		private final String password;

		private List<Map<String, Object>> cookies = List.of();

		KeptSignIn(String email, String password) {
			this.email = email;
			this.password = password;
		}

	}

	/** The first step only: the sign-in page's email and password; returns the page it leads to. */
	Chromium.Document signInWithPassword(String email, String password) {
		chromium.open(baseUrl + "/login");
		WebDriver driver = chromium.driver();
		driver.findElement(By.id("email")).sendKeys(email);
		driver.findElement(By.id("password")).sendKeys(password);
		return chromium.navigateBy(() -> driver.findElement(By.cssSelector("main form button[type=submit]")).click());
	}

	/** Sets up an authenticator app from "Sign-in and security", reading its key off the page as a person would. */
	void enrolApp(String email) {
		WebDriver driver = chromium.driver();
		chromium.navigateBy(() -> driver
			.findElement(By.cssSelector("form[action='/staff/account/security/app'] button"))
			.click());
		StaffTestAccounts.rememberAppKey(email, driver.findElement(By.id("app-key")).getText());
		driver.findElement(By.id("code")).sendKeys(StaffTestAccounts.nextCode(clock, email));
		chromium.navigateBy(() -> driver.findElement(By.cssSelector("main form button[type=submit]")).click());
		assertThat(driver.getCurrentUrl()).startsWith(baseUrl + "/staff/account/security/recovery-codes");
	}

	/**
	 * Sends an inquiry through the public form, as slowly as a person would by the application's clock
	 * ({@link InquiryJourneyTests#sendAsAPersonWould}), and returns its reference.
	 */
	String sendAnInquiry(String name, String email) {
		chromium.open(baseUrl + "/inquiry");
		WebDriver driver = chromium.driver();
		driver.findElement(By.id("name")).sendKeys(name);
		driver.findElement(By.id("email")).sendKeys(email);
		driver.findElement(By.id("service")).click();
		driver.findElement(By.id("consent")).click();
		InquiryJourneyTests.sendAsAPersonWould(chromium, clock,
				() -> driver.findElement(By.cssSelector(".inquiry-form__submit")).click());
		assertThat(driver.getCurrentUrl()).startsWith(baseUrl + "/inquiry/sent/");
		return driver.findElement(By.id("reference")).getText();
	}

}

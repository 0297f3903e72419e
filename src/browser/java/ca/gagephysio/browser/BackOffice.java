package ca.gagephysio.browser;

import java.time.Instant;

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

	BackOffice(Chromium chromium, String baseUrl) {
		this.chromium = chromium;
		this.baseUrl = baseUrl;
	}

	/** Signs in on the sign-in page and lands in the inbox. */
	void signIn(String email, String password) {
		chromium.open(baseUrl + "/login");
		WebDriver driver = chromium.driver();
		driver.findElement(By.id("email")).sendKeys(email);
		driver.findElement(By.id("password")).sendKeys(password);
		chromium.navigateBy(() -> driver.findElement(By.cssSelector("main button[type=submit]")).click());
		assertThat(driver.getCurrentUrl()).as("where signing in as %s leads", email)
			.startsWith(baseUrl + "/staff/inquiries");
	}

	/** Sends an inquiry through the public form, as slowly as a person would, and returns its reference. */
	String sendAnInquiry(String name, String email) {
		chromium.open(baseUrl + "/inquiry");
		Instant shown = Instant.now();
		WebDriver driver = chromium.driver();
		driver.findElement(By.id("name")).sendKeys(name);
		driver.findElement(By.id("email")).sendKeys(email);
		driver.findElement(By.id("service")).click();
		driver.findElement(By.id("consent")).click();
		InquiryJourneyTests.waitUntilOpenFor(shown, InquiryJourneyTests.SLOWER_THAN_A_BOT);
		chromium.navigateBy(() -> driver.findElement(By.cssSelector(".inquiry-form__submit")).click());
		assertThat(driver.getCurrentUrl()).startsWith(baseUrl + "/inquiry/sent/");
		return driver.findElement(By.id("reference")).getText();
	}

}

package ca.gagephysio.browser;

import java.time.Duration;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.SettableClock;
import ca.gagephysio.staff.internal.StaffAccounts;
import ca.gagephysio.staff.internal.StaffRole;
import ca.gagephysio.staff.internal.StaffTestAccounts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A passkey from start to end, with Chromium's virtual authenticator standing in for a laptop's fingerprint reader
 * (CTAP2, built in, discoverable credentials, user verified): registered and named on "Sign-in and security", then
 * signing in with it alone (no email, no password, no code) to the inbox; removed, it signs nobody in. The site is
 * opened as {@code localhost}, the host of the test base URL and so the relying-party id (a passkey is never bound
 * to an IP address). Every page on the way is held to the bar of {@link PageCheck}.
 */
@Tag("browser")
@ClinicIntegrationTest
@ExtendWith(ChromiumExtension.class)
class PasskeyJourneyTests {

	@LocalServerPort
	int port;

	@Autowired
	SettableClock clock;

	@Autowired
	StaffAccounts accounts;

	@Test
	void aPasskeyRegisteredOnTheSecurityPageSignsInAloneUntilItIsRemoved(Chromium chromium) {
		WebDriver driver = chromium.driver();
		VirtualAuthenticator authenticator = chromium.driver()
			.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
				.setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
				.setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
				.setHasResidentKey(true)
				.setHasUserVerification(true)
				.setIsUserVerified(true));
		try {
			String email = StaffTestAccounts.create(accounts, "Kim Passkey", StaffRole.STAFF);
			PageCheck check = new PageCheck(chromium);
			new BackOffice(chromium, url(""), clock).signIn(email, StaffTestAccounts.PASSWORD);

			chromium.open(url("/staff/account/security"));
			driver.findElement(By.id("passkey-name")).sendKeys("Front desk PC");
			Chromium.Document added = chromium.navigateBy(() -> driver
				.findElement(By.cssSelector("form[data-passkey-register] button[type=submit]"))
				.click());
			assertThat(added.url()).isEqualTo(url("/staff/account/security?passkeyAdded"));
			assertThat(text(driver)).contains("The passkey is added", "Front desk PC");
			assertThat(authenticator.getCredentials()).hasSize(1);
			check.assertMeetsTheBar("sign-in and security with a passkey", added);

			signOut(chromium);
			Chromium.Document login = chromium.open(url("/login"));
			check.assertMeetsTheBar("the sign-in page with its passkey button", login);
			Chromium.Document inbox = chromium.navigateBy(() -> driver.findElement(By.id("passkey-sign-in")).click());
			assertThat(inbox.url()).as("a passkey alone, no password, no code").isEqualTo(url("/staff/inquiries"));
			assertThat(text(driver)).doesNotContain("One more step");
			check.assertMeetsTheBar("the inbox, signed in with a passkey", inbox);

			chromium.open(url("/staff/account/security"));
			assertThat(text(driver)).contains("Front desk PC").doesNotContain("Never\n");
			chromium.navigateBy(() -> driver.findElement(By.cssSelector("form[action$='/delete'] button")).click());
			assertThat(text(driver)).contains("The passkey is removed").doesNotContain("Front desk PC");

			signOut(chromium);
			Chromium.Document again = chromium.open(url("/login"));
			driver.findElement(By.id("passkey-sign-in")).click();
			new WebDriverWait(driver, Duration.ofSeconds(10))
				.until(ExpectedConditions.visibilityOfElementLocated(By.id("passkey-problem")));
			assertThat(driver.getCurrentUrl()).isEqualTo(url("/login"));
			check.assertMeetsTheBar("the sign-in page after a passkey that no longer works", again);
			chromium.open(url("/staff/inquiries"));
			assertThat(driver.getCurrentUrl()).isEqualTo(url("/login"));
		}
		finally {
			chromium.driver().removeVirtualAuthenticator(authenticator);
		}
	}

	private static void signOut(Chromium chromium) {
		chromium.navigateBy(() -> chromium.driver()
			.findElement(By.cssSelector("form[action='/logout'] button"))
			.click());
	}

	private static String text(WebDriver driver) {
		return driver.findElement(By.cssSelector("body")).getText();
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

}

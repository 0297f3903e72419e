package ca.gagephysio.browser;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.SettableClock;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new front-desk account sets up its second factor with the keyboard alone, as someone who cannot use a mouse
 * does: password, then "Sign-in and security", the authenticator app (its key read off the page, the code typed),
 * the recovery codes, signing out, and signing in again with password and code to the inbox. Every page on the way
 * is held to the bar of {@link PageCheck}. (Passkeys need the virtual authenticator: {@code PasskeyJourneyTests}.)
 */
@Tag("browser")
@ClinicIntegrationTest
@ExtendWith(ChromiumExtension.class)
class SecondFactorKeyboardJourneyTests {

	@LocalServerPort
	int port;

	@Autowired
	SettableClock clock;

	@Autowired
	StaffAccounts accounts;

	@Test
	void aNewAccountSetsUpAnAuthenticatorAppAndSignsInWithItByKeyboardAlone(Chromium chromium) {
		String email = StaffTestAccounts.create(accounts, "Robin Keyboard", StaffRole.STAFF);
		PageCheck check = new PageCheck(chromium);
		KeyboardUser person = new KeyboardUser(chromium);

		chromium.open(url("/login"));
		person.tabTo("Email").type(email);
		person.tabTo("Password").type(StaffTestAccounts.PASSWORD);
		Chromium.Document enrol = chromium.navigateBy(person::pressEnter);
		assertThat(enrol.url()).as("a password alone, no factor yet").startsWith(url("/staff/account/security"));
		assertThat(chromium.driver().findElement(By.cssSelector("body")).getText())
			.contains("Before you can use the back office");

		Chromium.Document app = chromium.navigateBy(() -> person.tabTo("Set up an authenticator app").pressEnter());
		check.assertMeetsTheBar("setting up an authenticator app", app);
		StaffTestAccounts.rememberAppKey(email, chromium.driver().findElement(By.id("app-key")).getText());
		person.tabTo("Code from your authenticator app").type(StaffTestAccounts.nextCode(clock, email));
		Chromium.Document codes = chromium.navigateBy(person::pressEnter);
		assertThat(codes.url()).isEqualTo(url("/staff/account/security/recovery-codes"));
		assertThat(chromium.driver().findElements(By.cssSelector(".recovery-codes li"))).hasSize(10);
		check.assertMeetsTheBar("the recovery codes, shown once", codes);

		Chromium.Document signedOut = chromium.navigateBy(() -> person.tabTo("Sign out").pressEnter());
		assertThat(signedOut.url()).isEqualTo(url("/login?signedOut"));
		person.tabTo("Email").type(email);
		person.tabTo("Password").type(StaffTestAccounts.PASSWORD);
		Chromium.Document secondStep = chromium.navigateBy(person::pressEnter);
		assertThat(secondStep.url()).isEqualTo(url("/staff/second-factor"));
		person.tabTo("Code from your authenticator app").type(StaffTestAccounts.nextCode(clock, email));
		Chromium.Document inbox = chromium.navigateBy(person::pressEnter);
		assertThat(inbox.url()).startsWith(url("/staff/inquiries"));
	}

	private String url(String path) {
		return "http://127.0.0.1:" + port + path;
	}

}

package ca.gagephysio.browser;

import java.time.Duration;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.SettableClock;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A passkey from start to end, with Chromium's virtual authenticator standing in for a laptop's fingerprint reader
 * (CTAP2, built in, discoverable credentials, user verified): registered and named on "Sign-in and security", then
 * signing in with it alone (no email, no password, no code) to the inbox; removed, it signs nobody in. The site is
 * opened as {@code localhost}, the host of the test base URL and so the relying-party id (a passkey is never bound
 * to an IP address). A passkey that is an account's only factor also confirms a change of its own email on "My
 * account", after which it signs in under the new email. Every page on the way is held to the bar of {@link PageCheck}. And what a passkey must prove
 * besides: a key that does not verify its user (the page made to ask without insisting, as it did while the
 * session store lost the requirement) is registered by nobody and signs nobody in; a copy of a key whose signature
 * counter starts again, or that hands over another account's user handle, is refused and written to the access
 * trail.
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

	@Autowired
	JdbcClient jdbc;

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

	@Test
	void aKeyThatDoesNotVerifyThePersonIsRefusedAtRegistrationAndAtSignIn(Chromium chromium) {
		WebDriver driver = chromium.driver();
		String email = StaffTestAccounts.create(accounts, "Lee Nopin", StaffRole.STAFF);
		VirtualAuthenticator noPin = chromium.driver().addVirtualAuthenticator(securityKeyWithoutPin());
		Credential verifiedKey;
		try {
			new BackOffice(chromium, url(""), clock).signIn(email, StaffTestAccounts.PASSWORD);
			// The page asks the browser not to insist on verification, as the options did once the session store
			// had lost the requirement: a key without PIN answers without verifying anyone.
			chromium.open(url("/staff/account/security"));
			withoutUserVerification(chromium);
			driver.findElement(By.id("passkey-name")).sendKeys("Key without PIN");
			driver.findElement(By.cssSelector("form[data-passkey-register] button[type=submit]")).click();
			problemShown(driver);
			assertThat(answers(chromium)).as("refused by the server, not the browser")
				.containsExactly("/webauthn/register/options 200", "/webauthn/register 400");
			assertThat(driver.getCurrentUrl()).isEqualTo(url("/staff/account/security"));
			assertThat(passkeysOf(email)).isZero();
		}
		finally {
			chromium.driver().removeVirtualAuthenticator(noPin);
		}

		VirtualAuthenticator fingerprint = chromium.driver().addVirtualAuthenticator(fingerprintReader());
		try {
			chromium.open(url("/staff/account/security"));
			driver.findElement(By.id("passkey-name")).sendKeys("Verified key");
			chromium.navigateBy(() -> driver
				.findElement(By.cssSelector("form[data-passkey-register] button[type=submit]"))
				.click());
			assertThat(driver.getCurrentUrl()).isEqualTo(url("/staff/account/security?passkeyAdded"));
			verifiedKey = fingerprint.getCredentials().get(0);
			signOut(chromium);
		}
		finally {
			chromium.driver().removeVirtualAuthenticator(fingerprint);
		}

		// The registered passkey, on a reader that does not recognise the finger (the page, again, not insisting)
		VirtualAuthenticator copy = chromium.driver().addVirtualAuthenticator(fingerprintReader().setIsUserVerified(false));
		try {
			copy.addCredential(Credential.createResidentCredential(verifiedKey.getId(), verifiedKey.getRpId(),
					verifiedKey.getPrivateKey(), verifiedKey.getUserHandle(), 100));
			chromium.open(url("/login"));
			withoutUserVerification(chromium);
			driver.findElement(By.id("passkey-sign-in")).click();
			problemShown(driver);
			assertThat(answers(chromium)).as("refused by the server, not the browser")
				.containsExactly("/webauthn/authenticate/options 200", "/login/webauthn 401");
			assertThat(driver.getCurrentUrl()).isEqualTo(url("/login"));
			chromium.open(url("/staff/inquiries"));
			assertThat(driver.getCurrentUrl()).as("not signed in").isEqualTo(url("/login"));
		}
		finally {
			chromium.driver().removeVirtualAuthenticator(copy);
		}
	}

	@Test
	void aClonedKeyWhoseCounterGoesBackIsRefusedAndWrittenToTheTrail(Chromium chromium) {
		WebDriver driver = chromium.driver();
		VirtualAuthenticator authenticator = chromium.driver().addVirtualAuthenticator(fingerprintReader());
		try {
			String email = StaffTestAccounts.create(accounts, "Sam Clone", StaffRole.STAFF);
			new BackOffice(chromium, url(""), clock).signIn(email, StaffTestAccounts.PASSWORD);
			chromium.open(url("/staff/account/security"));
			driver.findElement(By.id("passkey-name")).sendKeys("Original");
			chromium.navigateBy(() -> driver
				.findElement(By.cssSelector("form[data-passkey-register] button[type=submit]"))
				.click());
			signOut(chromium);
			chromium.open(url("/login"));
			Chromium.Document first = chromium.navigateBy(() -> driver.findElement(By.id("passkey-sign-in")).click());
			assertThat(first.url()).isEqualTo(url("/staff/inquiries"));
			signOut(chromium);

			// The same private key in a copy whose counter starts again from nothing: a cloned authenticator.
			Credential original = authenticator.getCredentials().get(0);
			assertThat(original.getSignCount()).as("the original has counted its signatures").isPositive();
			authenticator.removeAllCredentials();
			authenticator.addCredential(Credential.createResidentCredential(original.getId(), original.getRpId(),
					original.getPrivateKey(), original.getUserHandle(), 0));
			chromium.open(url("/login"));
			recordAnswers(chromium);
			driver.findElement(By.id("passkey-sign-in")).click();
			problemShown(driver);
			assertThat(answers(chromium)).contains("/login/webauthn 401");
			assertThat(driver.getCurrentUrl()).isEqualTo(url("/login"));
			assertThat(trail(email)).anyMatch(action -> action.equals("SIGN_IN_PASSKEY_COUNTER_WENT_BACK"));

			// The same key handing over another account's user handle
			String other = StaffTestAccounts.create(accounts, "Other Handle", StaffRole.ADMIN);
			byte[] otherHandle = java.util.Base64.getUrlDecoder().decode(userHandleOf(otherWithPasskey(other)));
			authenticator.removeAllCredentials();
			authenticator.addCredential(Credential.createResidentCredential(original.getId(), original.getRpId(),
					original.getPrivateKey(), otherHandle, 1000));
			chromium.open(url("/login"));
			recordAnswers(chromium);
			driver.findElement(By.id("passkey-sign-in")).click();
			problemShown(driver);
			assertThat(answers(chromium)).contains("/login/webauthn 401");
			assertThat(trail(email)).contains("SIGN_IN_PASSKEY_USER_HANDLE_MISMATCH");
			chromium.open(url("/staff/inquiries"));
			assertThat(driver.getCurrentUrl()).isEqualTo(url("/login"));
		}
		finally {
			chromium.driver().removeVirtualAuthenticator(authenticator);
		}
	}

	@Test
	void aPasskeyOnlyAccountChangesItsEmailByConfirmingWithItsPasskeyAndSignsInWithTheNewOne(Chromium chromium) {
		WebDriver driver = chromium.driver();
		VirtualAuthenticator authenticator = chromium.driver().addVirtualAuthenticator(fingerprintReader());
		try {
			// passkey only: enrolled with the password while the account has no factor yet (the first sign-in leads
			// to "Sign-in and security"; no authenticator app, so no recovery codes either), then signed in with
			String old = StaffTestAccounts.create(accounts, "Pat Mover", StaffRole.STAFF);
			Chromium.Document enrolling = new BackOffice(chromium, url(""), clock)
				.signInWithPassword(old, StaffTestAccounts.PASSWORD);
			assertThat(enrolling.url()).startsWith(url("/staff/account/security"));
			driver.findElement(By.id("passkey-name")).sendKeys("Laptop");
			chromium.navigateBy(() -> driver
				.findElement(By.cssSelector("form[data-passkey-register] button[type=submit]"))
				.click());
			// the account has a factor now, so this half-signed-in session is asked for it: the new passkey
			assertThat(driver.getCurrentUrl()).isEqualTo(url("/staff/second-factor"));
			Chromium.Document secondStep = chromium.navigateBy(() -> driver.findElement(By.id("passkey-sign-in")).click());
			assertThat(secondStep.url()).as("back where the session was going")
				.startsWith(url("/staff/account/security?passkeyAdded"));
			assertThat(text(driver)).contains("The passkey is added", "Laptop");
			signOut(chromium);
			chromium.open(url("/login"));
			Chromium.Document inbox = chromium.navigateBy(() -> driver.findElement(By.id("passkey-sign-in")).click());
			assertThat(inbox.url()).isEqualTo(url("/staff/inquiries"));

			PageCheck check = new PageCheck(chromium);
			Chromium.Document account = chromium.open(url("/staff/account"));
			assertThat(driver.findElements(By.id("code"))).as("nothing to type for a passkey-only account").isEmpty();
			check.assertMeetsTheBar("my account, confirming with a passkey", account);
			String changed = "pat.moved." + java.util.UUID.randomUUID() + "@example.com";
			driver.findElement(By.id("email")).clear();
			driver.findElement(By.id("email")).sendKeys(changed);
			Chromium.Document saved = chromium.navigateBy(() -> driver
				.findElement(By.cssSelector("button[data-passkey-confirm]"))
				.click());
			assertThat(saved.url()).isEqualTo(url("/staff/account"));
			assertThat(text(driver)).contains("Your email is changed.", changed)
				.doesNotContain("The passkey did not answer");
			assertThat(accounts.byEmail(old)).isEmpty();
			assertThat(accounts.byEmail(changed)).isPresent();
			check.assertMeetsTheBar("my account, the email changed with a passkey", saved);

			// the passkey went with the account: it signs the person in under the new email
			signOut(chromium);
			chromium.open(url("/login"));
			Chromium.Document again = chromium.navigateBy(() -> driver.findElement(By.id("passkey-sign-in")).click());
			assertThat(again.url()).isEqualTo(url("/staff/inquiries"));
			chromium.open(url("/staff/account"));
			assertThat(text(driver)).contains(changed).doesNotContain(old);
		}
		finally {
			chromium.driver().removeVirtualAuthenticator(authenticator);
		}
	}

	/** A USB security key with no PIN set: CTAP2, discoverable credentials, unable to verify its user. */
	private static VirtualAuthenticatorOptions securityKeyWithoutPin() {
		return new VirtualAuthenticatorOptions().setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
			.setTransport(VirtualAuthenticatorOptions.Transport.USB)
			.setHasResidentKey(true)
			.setHasUserVerification(false)
			.setIsUserVerified(false);
	}

	/** A laptop's built-in fingerprint reader: CTAP2, discoverable credentials, verifying its user. */
	private static VirtualAuthenticatorOptions fingerprintReader() {
		return new VirtualAuthenticatorOptions().setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
			.setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
			.setHasResidentKey(true)
			.setHasUserVerification(true)
			.setIsUserVerified(true);
	}

	/**
	 * Makes this page ask the browser for passkeys without user verification, whatever the site's options say:
	 * what a page would ask once its options had lost the requirement, or what a tampered client sends.
	 */
	private static void withoutUserVerification(Chromium chromium) {
		recordAnswers(chromium);
		chromium.script("""
				const credentials = navigator.credentials;
				const create = credentials.create.bind(credentials);
				const get = credentials.get.bind(credentials);
				const noted = promise => promise.catch(error => {
				  window.passkeyAnswers.push('browser ' + error.name + ': ' + error.message);
				  throw error;
				});
				credentials.create = options => {
				  // Chromium will not make a discoverable credential on a key without PIN, so not that either
				  options.publicKey.authenticatorSelection = { residentKey: 'discouraged', requireResidentKey: false,
				    userVerification: 'discouraged' };
				  // and no credProps: Spring Security 7.0.6 cannot read back {"rk":false} (its registration
				  // request would fail to parse, and never reach the user-verification check)
				  options.publicKey.extensions = {};
				  return noted(create(options));
				};
				credentials.get = options => {
				  options.publicKey.userVerification = 'discouraged';
				  return noted(get(options));
				};""");
	}

	/**
	 * Keeps what the server answered to each of the page's passkey requests ("path status"), so that a test tells
	 * the server's refusal apart from the browser's.
	 */
	private static void recordAnswers(Chromium chromium) {
		chromium.script("""
				window.passkeyAnswers = [];
				const send = window.fetch.bind(window);
				window.fetch = (url, init) => send(url, init).then(response => {
				  window.passkeyAnswers.push(url + ' ' + response.status);
				  return response;
				});""");
	}

	@SuppressWarnings("unchecked")
	private static java.util.List<String> answers(Chromium chromium) {
		return (java.util.List<String>) chromium.script("return window.passkeyAnswers;");
	}

	private static void problemShown(WebDriver driver) {
		new WebDriverWait(driver, Duration.ofSeconds(10))
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("passkey-problem")));
	}

	private long passkeysOf(String email) {
		return jdbc.sql("""
				select count(*) from user_credentials c join user_entities u on u.id = c.user_entity_user_id
				where u.name = ?""").param(email).query(Long.class).single();
	}

	/** The other account, given a user entity (as registering a passkey would) so that it has a user handle. */
	private String otherWithPasskey(String email) {
		jdbc.sql("insert into user_entities (id, name, display_name) values (?, ?, ?)")
			.params(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(email.getBytes()), email, email)
			.update();
		return email;
	}

	private String userHandleOf(String email) {
		return jdbc.sql("select id from user_entities where name = ?").param(email).query(String.class).single();
	}

	private java.util.List<String> trail(String email) {
		return jdbc.sql("select action from audit_entry where actor_email = ?").param(email).query(String.class).list();
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

package ca.gagephysio.browser;

import java.util.stream.Stream;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.notification.SubmittedInquiries;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every back-office page, signed in as the test administrator (whom the test configuration creates at first start),
 * held to the same bar as the public pages ({@link PageCheck}): the inbox with an inquiry in it and with none, an
 * inquiry, the accounts, the access trail, the password page, the right-of-access page, and the forms' error states.
 * An inquiry with a longer timeline is checked by {@code StaffJourneyTests}.
 */
@Tag("browser")
@ClinicIntegrationTest
@ExtendWith(ChromiumExtension.class)
class StaffPageQualityTests {

	@LocalServerPort
	int port;

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

	Inquiry inquiry;

	/** One line per page: a name for the report and its path, where {inquiry} is an inquiry just received. */
	static Stream<Arguments> pages() {
		return Stream.of(page("the inbox", "/staff/inquiries"),
				page("the inbox when nothing matches", "/staff/inquiries?q=nobody-by-this-name"),
				page("an inquiry", "/staff/inquiries/{inquiry}"), page("the staff accounts", "/staff/users"),
				page("the access trail", "/staff/audit"), page("the password page", "/staff/password"),
				page("the right-of-access page", "/staff/inquiries/access-request"),
				page("the right-of-access page when no one is found", "/staff/inquiries/access-request?notFound"),
				page("the team", "/staff/team"), page("adding a clinician", "/staff/team/new"));
	}

	@BeforeEach
	void receiveAnInquiry() {
		inquiry = new SubmittedInquiries(inquiries, events, transactionManager).submit("Jordan Whitfield",
				"jordan.whitfield@example.com", "Do you bill my insurer directly?");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("pages")
	void meetsTheAccessibilityValidityAndLayoutBar(String name, String path, Chromium chromium) {
		new BackOffice(chromium, url("")).signIn(adminEmail, adminPassword);

		Chromium.Document document = chromium.open(url(path.replace("{inquiry}", inquiry.getId().toString())));

		assertThat(document.status()).as("status of %s", path).isEqualTo(200);
		new PageCheck(chromium).assertMeetsTheBar(name, document);
	}

	@Test
	void thePasswordFormWithErrorsMeetsTheBar(Chromium chromium) {
		new BackOffice(chromium, url("")).signIn(adminEmail, adminPassword);
		chromium.open(url("/staff/password"));

		Chromium.Document errors = chromium
			.navigateBy(() -> chromium.driver().findElement(By.cssSelector("main button[type=submit]")).click());

		assertThat(chromium.driver().findElements(By.cssSelector("[aria-invalid=true]"))).isNotEmpty();
		new PageCheck(chromium).assertMeetsTheBar("the password form with errors", errors);
	}

	@Test
	void theNewAccountFormWithErrorsMeetsTheBar(Chromium chromium) {
		new BackOffice(chromium, url("")).signIn(adminEmail, adminPassword);
		chromium.open(url("/staff/users"));

		Chromium.Document errors = chromium.navigateBy(
				() -> chromium.driver().findElement(By.cssSelector("form[action$='/staff/users'] button")).click());

		assertThat(chromium.driver().findElements(By.cssSelector("[aria-invalid=true]"))).isNotEmpty();
		new PageCheck(chromium).assertMeetsTheBar("the new-account form with errors", errors);
	}

	@Test
	void theClinicianEditorMeetsTheBar(Chromium chromium) {
		new BackOffice(chromium, url("")).signIn(adminEmail, adminPassword);
		chromium.open(url("/staff/team"));
		String editor = chromium.driver().findElement(By.linkText("Valerie van Woudenberg")).getAttribute("href");

		new PageCheck(chromium).assertMeetsTheBar("editing a clinician", chromium.open(editor));
	}

	@Test
	void theClinicianFormWithErrorsMeetsTheBar(Chromium chromium) {
		new BackOffice(chromium, url("")).signIn(adminEmail, adminPassword);
		chromium.open(url("/staff/team/new"));

		Chromium.Document errors = chromium
			.navigateBy(() -> chromium.driver().findElement(By.cssSelector("main button[type=submit]")).click());

		assertThat(errors.status()).isEqualTo(200);
		assertThat(chromium.driver().findElements(By.cssSelector(".error-summary a"))).isNotEmpty();
		assertThat(chromium.driver().findElements(By.cssSelector("[aria-invalid=true]"))).isNotEmpty();
		new PageCheck(chromium).assertMeetsTheBar("the clinician form with errors", errors);
	}

	/** A real multipart upload through the browser and the container (CSRF token in the multipart body). */
	@Test
	void aClinicianWithAPhotoIsAddedThroughTheBrowserAndTheFormWithAPhotoMeetsTheBar(Chromium chromium)
			throws Exception {
		java.nio.file.Path photo = java.nio.file.Files.createTempFile("clinician-", ".jpg");
		java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(1200, 900,
				java.awt.image.BufferedImage.TYPE_INT_RGB);
		javax.imageio.ImageIO.write(image, "jpg", photo.toFile());
		new BackOffice(chromium, url("")).signIn(adminEmail, adminPassword);
		chromium.open(url("/staff/team/new"));
		var driver = chromium.driver();
		driver.findElement(By.id("name")).sendKeys("Browser Test Clinician");
		driver.findElement(By.id("photo")).sendKeys(photo.toString());

		// No title, profession or bio: the form comes back with errors and the photo kept.
		Chromium.Document kept = chromium
			.navigateBy(() -> driver.findElement(By.cssSelector("main button[type=submit]")).click());

		assertThat(driver.findElements(By.cssSelector("fieldset img[srcset]"))).hasSize(1);
		assertThat(driver.findElement(By.id("name")).getAttribute("value")).isEqualTo("Browser Test Clinician");
		new PageCheck(chromium).assertMeetsTheBar("the clinician form with a photo kept", kept);

		driver.findElement(By.id("jobTitle")).sendKeys("Physiotherapist");
		driver.findElement(By.id("profession")).sendKeys("Physiotherapist");
		driver.findElement(By.id("bio")).sendKeys("A bio written by the browser test.");
		driver.findElement(By.id("photoAlt")).sendKeys("A plain black test picture");
		chromium.navigateBy(() -> driver.findElement(By.cssSelector("main button[type=submit]")).click());

		assertThat(driver.getCurrentUrl()).isEqualTo(url("/staff/team"));
		assertThat(driver.findElement(By.cssSelector("main")).getText()).contains("Browser Test Clinician");
		java.nio.file.Files.delete(photo);
	}

	private static Arguments page(String name, String path) {
		return Arguments.of(name, path);
	}

	private String url(String path) {
		return "http://127.0.0.1:" + port + path;
	}

}

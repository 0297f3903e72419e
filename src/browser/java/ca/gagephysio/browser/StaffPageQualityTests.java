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
				page("my account", "/staff/account"),
				page("the right-of-access page", "/staff/inquiries/access-request"),
				page("the right-of-access page when no one is found", "/staff/inquiries/access-request?notFound"));
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

	private static Arguments page(String name, String path) {
		return Arguments.of(name, path);
	}

	private String url(String path) {
		return "http://127.0.0.1:" + port + path;
	}

}

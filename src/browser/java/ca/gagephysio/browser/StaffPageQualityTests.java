package ca.gagephysio.browser;

import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.internal.AskingAbout;
import ca.gagephysio.inquiry.internal.BestTime;
import ca.gagephysio.inquiry.internal.ConsentWordings;
import ca.gagephysio.inquiry.internal.HelpWith;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.notification.SubmittedInquiries;
import ca.gagephysio.staff.internal.StaffAccounts;
import ca.gagephysio.staff.internal.StaffRole;
import ca.gagephysio.staff.internal.StaffTestAccounts;
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
 * inquiry, the inbox showing a possible duplicate, an inquiry with a linked source page and its consent's words, the
 * accounts, the access trail, the password page, the right-of-access page, and the forms' error states.
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
	StaffAccounts accounts;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	ConsentWordings consentWordings;

	Inquiry inquiry;

	Inquiry duplicate;

	/** One line per page: a name for the report and its path, where {inquiry} is an inquiry just received. */
	static Stream<Arguments> pages() {
		return Stream.of(page("the inbox", "/staff/inquiries"),
				page("the inbox when nothing matches", "/staff/inquiries?q=nobody-by-this-name"),
				page("an inquiry", "/staff/inquiries/{inquiry}"),
				page("the inbox with a possible duplicate", "/staff/inquiries?q={duplicateReference}"),
				page("an inquiry from an article, a possible duplicate, with its consent wording",
						"/staff/inquiries/{duplicate}"),
				page("the staff accounts", "/staff/users"),
				page("the access trail", "/staff/audit"), page("the password page", "/staff/password"),
				page("my account", "/staff/account"),
				page("the right-of-access page", "/staff/inquiries/access-request"),
				page("the right-of-access page when no one is found", "/staff/inquiries/access-request?notFound"));
	}

	@BeforeEach
	void receiveAnInquiry() {
		inquiry = new SubmittedInquiries(inquiries, events, transactionManager).submit("Jordan Whitfield",
				"jordan.whitfield@example.com", "Do you bill my insurer directly?");
		duplicate = inquiries.save(sentAgainFromTheArticle(inquiry));
	}

	/**
	 * The same person writing again from the back-pain article (as after pressing Back and Send), flagged as the form
	 * flags it, agreeing to a consent wording that is kept: the duplicate marker, the linked source page and the
	 * consent's words are then on the pages checked.
	 */
	private Inquiry sentAgainFromTheArticle(Inquiry first) {
		Instant now = Instant.now();
		String version = "sha256:browser-" + UUID.randomUUID().toString().substring(0, 8);
		consentWordings.record(version,
				"I agree that the clinic may store these details and use them to answer my inquiry, as described in "
						+ "the [privacy notice](/privacy).",
				now);
		Inquiry again = new Inquiry(SubmittedInquiries.uniqueReference(), null,
				new Inquiry.Contact(first.getName(), first.getEmail(), first.getPhone()),
				new Inquiry.Request(HelpWith.BACK_PAIN, AskingAbout.COST, BestTime.MORNING, "Sorry, sent twice."),
				new Inquiry.Consent(now, version),
				new Inquiry.Source("massage-for-back-pain", null, null, null, null, null, null), now);
		again.flagPossibleDuplicateOf(first.getId());
		return again;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("pages")
	void meetsTheAccessibilityValidityAndLayoutBar(String name, String path, Chromium chromium) {
		new BackOffice(chromium, url("")).signIn(adminEmail, adminPassword);

		Chromium.Document document = chromium.open(url(path.replace("{inquiry}", inquiry.getId().toString())
			.replace("{duplicate}", duplicate.getId().toString())
			.replace("{duplicateReference}", duplicate.getReference())));

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

	/** The back office's own refusal page, as a front-desk account sees it on an administrator's page. */
	@Test
	void theRefusalPageMeetsTheBar(Chromium chromium) {
		String frontDesk = StaffTestAccounts.create(accounts, "Casey Front-Desk", StaffRole.STAFF);
		new BackOffice(chromium, url("")).signIn(frontDesk, StaffTestAccounts.PASSWORD);

		Chromium.Document refused = chromium.open(url("/staff/users"));

		assertThat(refused.status()).isEqualTo(403);
		assertThat(chromium.driver().findElement(By.cssSelector("main")).getText())
			.contains("Not open to your account");
		new PageCheck(chromium).assertMeetsTheBar("the refusal page", refused);
	}

	private static Arguments page(String name, String path) {
		return Arguments.of(name, path);
	}

	private String url(String path) {
		return "http://127.0.0.1:" + port + path;
	}

}

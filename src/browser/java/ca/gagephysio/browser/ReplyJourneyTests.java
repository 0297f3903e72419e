package ca.gagephysio.browser;

import java.time.Instant;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.internal.AskingAbout;
import ca.gagephysio.inquiry.internal.BestTime;
import ca.gagephysio.inquiry.internal.HelpWith;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.notification.SubmittedInquiries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replies from the inbox in a real browser, with the keyboard alone: an administrator writes a reply template (first
 * with a mistake), a staff member answers an inquiry with it, edits the text, previews and sends it; and records a
 * call to someone who left only a phone number. Every page and state on the way is held to the bar of
 * {@link PageCheck} (axe, the Nu checker, 320 px).
 */
@Tag("browser")
@ClinicIntegrationTest
@ExtendWith(ChromiumExtension.class)
class ReplyJourneyTests {

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

	/** The browser of the test running. */
	Chromium chromium;

	/**
	 * The administrator's sign-in, made by the first test and put back for the other (see
	 * {@link BackOffice#openSignedIn}): these journeys are about replies and calls; signing in is
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

	@Test
	void aTemplateIsWrittenThenUsedEditedPreviewedAndSentByKeyboardAlone(Chromium chromium) {
		this.chromium = chromium;
		Inquiry inquiry = new SubmittedInquiries(inquiries, events, transactionManager).submit("Mary Anne Keyes",
				"mary.keyes@example.com", "Is there an opening for my lower back?");
		String name = "Availability answer " + System.nanoTime();
		Chromium.Document templates = new BackOffice(chromium, url(""), clock).openSignedIn(administrator,
				"/staff/templates");
		PageCheck check = new PageCheck(chromium);
		KeyboardUser admin = new KeyboardUser(chromium);

		check.assertMeetsTheBar("the reply templates", templates);
		Chromium.Document editor = chromium.navigateBy(() -> admin.tabTo("New template").pressEnter());
		check.assertMeetsTheBar("a new reply template", editor);
		admin.tabTo("Name").type(name);
		admin.tabTo("For the question").type("Availability");
		admin.tabTo("Subject").type("Your inquiry {reference}");
		admin.tabTo("Text").type("Hello {firstName},\nThank you for asking. Our price is {price}.");
		Chromium.Document mistake = chromium.navigateBy(() -> admin.tabTo("Save template").pressEnter());
		assertThat(text(".error-summary")).contains("Not a placeholder: {price}.");
		check.assertMeetsTheBar("a reply template with an unknown placeholder", mistake);
		admin.tabTo("Text")
			.selectAll()
			.type("Hello {firstName},\nThank you for asking about availability. Call us at {clinicPhone}.");
		Chromium.Document saved = chromium.navigateBy(() -> admin.tabTo("Save template").pressEnter());
		assertThat(text(".flash")).isEqualTo("Template saved.");
		check.assertMeetsTheBar("the reply templates with one saved", saved);

		chromium.open(url("/staff/inquiries/" + inquiry.getId()));
		KeyboardUser staff = new KeyboardUser(chromium);
		Chromium.Document blank = chromium.navigateBy(() -> staff.tabTo("Reply by email").pressEnter());
		check.assertMeetsTheBar("the reply page", blank);
		staff.tabTo("Template").type(name);
		Chromium.Document filled = chromium.navigateBy(() -> staff.tabTo("Use this template").pressEnter());
		assertThat(chromium.driver().findElement(By.id("body")).getAttribute("value"))
			.startsWith("Hello Mary,\nThank you for asking about availability.");
		check.assertMeetsTheBar("the reply page with a template", filled);
		staff.tabTo("Text").press(Keys.chord(Keys.CONTROL, Keys.END)).type("\nWe have an opening on Tuesday.");
		Chromium.Document preview = chromium.navigateBy(() -> staff.tabTo("Preview").pressEnter());
		assertThat(text(".reply-preview")).contains("Your inquiry " + inquiry.getReference(), "Hello Mary,",
				"We have an opening on Tuesday.");
		check.assertMeetsTheBar("a reply's preview", preview);
		Chromium.Document sent = chromium.navigateBy(() -> staff.tabTo("Send reply").pressEnter());

		assertThat(sent.url()).isEqualTo(url("/staff/inquiries/" + inquiry.getId()));
		assertThat(text(".flash")).startsWith("Reply saved in the outbox.");
		assertThat(text(".timeline")).contains("Your inquiry " + inquiry.getReference(),
				"We have an opening on Tuesday.", "Status changed from New to Contacted");
		check.assertMeetsTheBar("an inquiry with a reply on its timeline", sent);
	}

	@Test
	void aCallIsRecordedByKeyboardAlone(Chromium chromium) {
		this.chromium = chromium;
		Instant now = Instant.now();
		Inquiry inquiry = inquiries.save(new Inquiry(SubmittedInquiries.uniqueReference(), null,
				new Inquiry.Contact("Phil Phone", null, "905-555-0142"),
				new Inquiry.Request(HelpWith.FOOT_CARE, AskingAbout.COST, BestTime.MORNING, "Call me please."),
				new Inquiry.Consent(now, "test-consent"),
				new Inquiry.Source("/inquiry", null, null, null, null, null, null), now,
				SubmittedInquiries.CLINIC_ZONE));
		Chromium.Document phoneOnly = new BackOffice(chromium, url(""), clock).openSignedIn(administrator,
				"/staff/inquiries/" + inquiry.getId());
		PageCheck check = new PageCheck(chromium);
		KeyboardUser staff = new KeyboardUser(chromium);

		check.assertMeetsTheBar("an inquiry with only a phone number", phoneOnly);
		// Tab reaches a group of radio buttons once; the arrow keys choose within it, as in every browser.
		staff.tabTo("Reached them").press(Keys.ARROW_DOWN);
		assertThat(chromium.driver().findElement(By.id("outcome-LEFT_MESSAGE")).isSelected()).isTrue();
		staff.tabTo("Note about the call").type("Voicemail: call back after 4.");
		Chromium.Document recorded = chromium.navigateBy(() -> staff.tabTo("Record call").pressEnter());

		assertThat(text(".flash")).isEqualTo("Call recorded.");
		assertThat(text(".timeline")).contains("Called and left a message", "Voicemail: call back after 4.");
		check.assertMeetsTheBar("an inquiry with a call on its timeline", recorded);
	}

	private String text(String selector) {
		return chromium.driver().findElement(By.cssSelector(selector)).getText();
	}

	private String url(String path) {
		return "http://127.0.0.1:" + port + path;
	}

}

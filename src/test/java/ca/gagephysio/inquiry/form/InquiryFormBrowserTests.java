package ca.gagephysio.inquiry.form;

import java.time.Instant;
import java.util.UUID;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.internal.AskingAbout;
import ca.gagephysio.inquiry.internal.BestTime;
import ca.gagephysio.inquiry.internal.HelpWith;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.inquiry.internal.InquiryStatus;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlHiddenInput;
import org.htmlunit.html.HtmlLabel;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlRadioButtonInput;
import org.htmlunit.html.HtmlSelect;
import org.htmlunit.html.HtmlTextArea;
import org.htmlunit.html.HtmlInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.htmlunit.MockMvcWebClientBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The form as a person uses it, in a browser (HtmlUnit through MockMvc) with JavaScript off: every field found by the
 * words of its label, filled, and sent.
 */
@ClinicIntegrationTest
class InquiryFormBrowserTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	FormTokens tokens;

	@Autowired
	InquiryRepository inquiries;

	WebClient browser;

	@BeforeEach
	void openBrowser() {
		browser = MockMvcWebClientBuilder.mockMvcSetup(mvc).build();
		browser.getOptions().setJavaScriptEnabled(false);
		browser.getOptions().setCssEnabled(true);
	}

	@AfterEach
	void closeBrowser() {
		browser.close();
	}

	@Test
	void aPersonFillsTheFormByItsLabelsAndSeesTheirReference() throws Exception {
		HtmlPage form = browser.getPage("http://localhost/inquiry?from=massage-for-back-pain");
		String email = "zoe." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

		this.<HtmlInput>labelled(form, "Your name").type("Zoë Łukasiewicz-O'Brien");
		this.<HtmlInput>labelled(form, "Email address").type(email);
		this.<HtmlInput>labelled(form, "Phone number").type("905-555-0123");
		this.<HtmlRadioButtonInput>labelled(form, "Back pain").setChecked(true);
		this.<HtmlRadioButtonInput>labelled(form, "Availability").setChecked(true);
		HtmlSelect bestTime = labelled(form, "Best time to reach you (optional)");
		bestTime.setSelectedAttribute(bestTime.getOptionByText("Afternoon"), true);
		this.<HtmlTextArea>labelled(form, "Message (optional)").type("Is there parking?");
		this.<HtmlCheckBoxInput>labelled(form, "I agree that the clinic may store these details").setChecked(true);
		assertThat(form.getElementByName(InquiryForm.TRAP_PARAMETER).isDisplayed()).as("honeypot shown").isFalse();
		// stands for the seconds a person takes to fill the form, so the test need not wait for the too-fast check
		form.<HtmlHiddenInput>getElementByName("token").setValue(tokens.issue(Instant.now().minusSeconds(20)));

		HtmlPage confirmation = form.getFirstByXPath("//button[normalize-space()='Send my inquiry']") instanceof HtmlElement button
				? button.click() : null;

		assertThat(confirmation).isNotNull();
		assertThat(confirmation.getUrl().getPath()).startsWith("/inquiry/sent/");
		assertThat(confirmation.getTitleText()).startsWith("Thank you, we have your inquiry");
		String reference = confirmation.getElementById("reference").getTextContent();
		Inquiry inquiry = inquiries.findByReference(reference).orElseThrow();
		assertThat(inquiry.getName()).isEqualTo("Zoë Łukasiewicz-O'Brien");
		assertThat(inquiry.getEmail()).isEqualTo(email);
		assertThat(inquiry.getPhone()).isEqualTo("905-555-0123");
		assertThat(inquiry.getService()).isEqualTo(HelpWith.BACK_PAIN);
		assertThat(inquiry.getAskingAbout()).isEqualTo(AskingAbout.AVAILABILITY);
		assertThat(inquiry.getBestTime()).isEqualTo(BestTime.AFTERNOON);
		assertThat(inquiry.getMessage()).isEqualTo("Is there parking?");
		assertThat(inquiry.getSourcePage()).isEqualTo("massage-for-back-pain");
		assertThat(inquiry.getStatus()).isEqualTo(InquiryStatus.NEW);
	}

	@Test
	void aMistakeBringsTheFormBackWithASummaryThatLeadsToTheField() throws Exception {
		HtmlPage form = browser.getPage("http://localhost/inquiry");
		this.<HtmlInput>labelled(form, "Your name").type("王小明");
		this.<HtmlInput>labelled(form, "Phone number").type("12");
		this.<HtmlRadioButtonInput>labelled(form, "Foot care").setChecked(true);
		form.<HtmlHiddenInput>getElementByName("token").setValue(tokens.issue(Instant.now().minusSeconds(20)));

		HtmlPage again = ((HtmlElement) form.getFirstByXPath("//button[@type='submit']")).click();

		assertThat(again.getTitleText()).startsWith("Error: ");
		DomElement summary = again.getFirstByXPath("//div[@class='error-summary']");
		assertThat(summary.getTextContent()).contains("Enter a phone number with its area code")
			.contains("Tick the box to agree");
		HtmlInput phone = labelled(again, "Phone number");
		assertThat(phone.getValue()).isEqualTo("12");
		assertThat(phone.getAttribute("aria-invalid")).isEqualTo("true");
		assertThat(again.getElementById(phone.getAttribute("aria-describedby").split(" ")[1]).getTextContent())
			.contains("Enter a phone number with its area code");
		assertThat(this.<HtmlInput>labelled(again, "Your name").getValue()).isEqualTo("王小明");
		assertThat(this.<HtmlRadioButtonInput>labelled(again, "Foot care").isChecked()).isTrue();
		assertThat(summary.<HtmlElement>getFirstByXPath(".//a[contains(., 'phone number')]").getAttribute("href"))
			.isEqualTo("#phone");
	}

	/**
	 * A tab restored after longer than a token lives: the first press brings the form back with one sentence and
	 * everything still filled in; pressing Send again, changing nothing, sends it.
	 */
	@Test
	void aFormLeftOpenTooLongIsSentWithASecondPressAndNothingRetyped() throws Exception {
		HtmlPage form = browser.getPage("http://localhost/inquiry");
		String email = "late." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		this.<HtmlInput>labelled(form, "Your name").type("Ama Mensah");
		this.<HtmlInput>labelled(form, "Email address").type(email);
		this.<HtmlRadioButtonInput>labelled(form, "Physiotherapy").setChecked(true);
		this.<HtmlTextArea>labelled(form, "Message (optional)").type("Weekday mornings?");
		this.<HtmlCheckBoxInput>labelled(form, "I agree that the clinic may store these details").setChecked(true);
		form.<HtmlHiddenInput>getElementByName("token")
			.setValue(tokens.issue(Instant.now().minus(tokens.lifetime()).minusSeconds(60)));

		HtmlPage again = ((HtmlElement) form.getFirstByXPath("//button[@type='submit']")).click();

		assertThat(again.getUrl().getPath()).isEqualTo("/inquiry");
		DomElement notice = again.getFirstByXPath("//div[@class='form-notice']");
		assertThat(notice.getTextContent()).contains("hasn't been sent yet").contains("press “Send my inquiry” again");
		assertThat(this.<HtmlInput>labelled(again, "Email address").getValue()).isEqualTo(email);
		assertThat(this.<HtmlTextArea>labelled(again, "Message (optional)").getText()).isEqualTo("Weekday mornings?");
		assertThat(inquiries.findAll()).noneMatch(inquiry -> email.equals(inquiry.getEmail()));

		HtmlPage confirmation = ((HtmlElement) again.getFirstByXPath("//button[@type='submit']")).click();

		assertThat(confirmation.getUrl().getPath()).startsWith("/inquiry/sent/");
		Inquiry inquiry = inquiries.findByReference(confirmation.getElementById("reference").getTextContent())
			.orElseThrow();
		assertThat(inquiry.getEmail()).isEqualTo(email);
		assertThat(inquiry.getMessage()).isEqualTo("Weekday mornings?");
		assertThat(inquiry.getStatus()).isEqualTo(InquiryStatus.NEW);
	}

	/** The form control a label with these words (at its start) is for, the way a person finds a field. */
	@SuppressWarnings("unchecked")
	private <T extends HtmlElement> T labelled(HtmlPage page, String words) {
		for (HtmlLabel label : page.<HtmlLabel>getByXPath("//label")) {
			if (label.getTextContent().strip().replaceAll("\\s+", " ").startsWith(words) && label.isDisplayed()) {
				HtmlElement control = label.getLabeledElement();
				assertThat(control).as("control labelled '%s'", words).isNotNull();
				return (T) control;
			}
		}
		throw new AssertionError("No visible label '" + words + "'");
	}

}

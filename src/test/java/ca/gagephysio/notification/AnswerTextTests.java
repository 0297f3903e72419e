package ca.gagephysio.notification;

import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a patient's answer is read: an HTML-only message becomes plain text with no markup of the sender's left, and
 * the new text is told from the quoted history in the common mail programs' styles.
 */
class AnswerTextTests {

	@Test
	void anHtmlOnlyAnswerBecomesTextWithNoMarkupOrScriptLeft() throws Exception {
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
		message.setContent("<p>Tuesday <b>works</b> &amp; thanks</p><script>alert('x')</script>"
				+ "<div>On Mon, Dec 1, 2026 at 9:15 AM Clinic wrote:</div><blockquote>Hello</blockquote>",
				"text/html; charset=UTF-8");
		message.saveChanges();

		AnswerText.Content content = AnswerText.of(message);

		assertThat(content.fresh()).isEqualTo("Tuesday works & thanks");
		assertThat(content.whole()).doesNotContain("<", "alert");
		assertThat(content.folded()).startsWith("On Mon, Dec 1, 2026").contains("Hello");
	}

	@Test
	void outlooksHeaderBlockAndAPhonesSignatureAreFoldedAway() {
		assertThat(AnswerText.split("Yes please.\n\nFrom: Gage Physiotherapy\nSent: Monday\n\nHello", 0).fresh())
			.isEqualTo("Yes please.");
		assertThat(AnswerText.split("Yes please.\nSent from my iPhone", 0).folded()).isEqualTo("Sent from my iPhone");
		// Outlook's plain text: the new lines, then a rule of 32 underscores right above the quoted "From:" block
		AnswerText.Content outlook = AnswerText.split("Here is my letter.\n\nThanks,\nZoë\n\n"
				+ "________________________________\nFrom: Gage Physiotherapy <info@gagephysio.example>\n"
				+ "Sent: Sunday, December 6, 2026 3:45 AM\nSubject: You are on our waiting list\n\nHello,", 0);
		assertThat(outlook.fresh()).isEqualTo("Here is my letter.\n\nThanks,\nZoë");
		assertThat(outlook.folded()).startsWith("________________________________\nFrom: Gage").endsWith("Hello,");
		assertThat(AnswerText.split("Fill in the form:\n__________\nName:", 0).fresh()).as("a rule of their own")
			.isEqualTo("Fill in the form:\n__________\nName:");
		AnswerText.Content below = AnswerText.split("> Hello Zoë\n> Tuesday?\nTuesday is fine", 0);
		assertThat(below.fresh()).isEqualTo("Tuesday is fine");
		assertThat(below.folded()).isEqualTo("> Hello Zoë\n> Tuesday?");
	}

}

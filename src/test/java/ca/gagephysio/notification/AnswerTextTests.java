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

	@Test
	void anAnswerWrittenBelowTheQuoteIsThePatientsWordsWithoutTheAttributionOrTheSignature() {
		AnswerText.Content content = AnswerText.split("""
				On Sun, Dec 06, 2026 at 10:00 Gage Physiotherapy wrote:

				> Hello Ann,
				> We have openings next week.

				Tuesday morning works for me, thanks.
				Ann
				--
				Ann Example""", 0);

		assertThat(content.fresh()).isEqualTo("Tuesday morning works for me, thanks.\nAnn");
		assertThat(content.folded()).isEqualTo("""
				On Sun, Dec 06, 2026 at 10:00 Gage Physiotherapy wrote:

				> Hello Ann,
				> We have openings next week.

				--
				Ann Example""");
	}

	/**
	 * The shape s-nail 14.9.24 (Debian's, with Debian's /etc/s-nail.rc: quote, indentprefix "> ") sent when replying
	 * to the site's acknowledgement in perf/mail-client-trial.sh: its default attribution "%f wrote:" (the From as
	 * written), a blank line, the quote with "> " on empty lines, then what was typed right below the last quoted
	 * line, and a signature. Copied from the trial's message, its quoted acknowledgement shortened.
	 */
	@Test
	void sNailsReplyBelowItsNameAndAddressAttributionIsThePatientsWords() {
		AnswerText.Content content = AnswerText.split("""
				Gage Physiotherapy & Foot Clinic <info@gagephysio.example> wrote:

				> Hello,
				>\s
				> Thank you for contacting Gage Physiotherapy & Foot Clinic. We have your inquiry and will get back to you soon.
				>\s
				> Your reference: GKVW-GUZS
				>\s
				> --\s
				> Gage Physiotherapy & Foot Clinic
				> 905-555-0100
				>\s
				> You are receiving this email because this address was given in an inquiry on http://127.0.0.1:24594/.
				Tuesday morning works for me, thanks.
				Zoë

				--\s
				Zoë Tremblay""", 0);

		assertThat(content.fresh()).isEqualTo("Tuesday morning works for me, thanks.\nZoë");
		assertThat(content.folded()).startsWith("Gage Physiotherapy & Foot Clinic <info@gagephysio.example> wrote:")
			.contains("> Your reference: GKVW-GUZS")
			.endsWith("-- \nZoë Tremblay");
		assertThat(AnswerText.split("\"Physio, Gage\" <info@gagephysio.example> wrote:\n> Hello\nYes", 0).fresh())
			.as("a quoted display name").isEqualTo("Yes");
		assertThat(AnswerText.split("info@gagephysio.example wrote:\n> Hello\nYes", 0).fresh()).as("an address only")
			.isEqualTo("Yes");
		assertThat(AnswerText.split("Gage Physiotherapy & Foot Clinic <no-reply@localhost> wrote:\n\n> Hello\nYes", 0)
			.fresh()).as("a name that is not only words, an address without a dot").isEqualTo("Yes");
		assertThat(AnswerText.split("Gage Physiotherapy wrote:\n> Hello\nYes", 0).fresh()).as("a name only")
			.isEqualTo("Yes");
	}

	@Test
	void outlooksHeaderBlockAboveAQuoteIsDroppedWhenTheAnswerIsBelowIt() {
		String quote = "\n\n> Hello Ann,\n> We have openings next week.\n\nTuesday works.";
		assertThat(AnswerText.split("-----Original Message-----\nFrom: Gage Physiotherapy <info@gagephysio.example>\n"
				+ "Sent: Sunday, December 6, 2026 10:00 AM\nTo: Ann Example <ann@example.com>\n"
				+ "Subject: Your inquiry" + quote, 0).fresh()).isEqualTo("Tuesday works.");
		AnswerText.Content headerBlock = AnswerText.split("From: Gage Physiotherapy <info@gagephysio.example>\n"
				+ "Sent: Sunday, December 6, 2026 10:00 AM" + quote, 0);
		assertThat(headerBlock.fresh()).isEqualTo("Tuesday works.");
		assertThat(headerBlock.folded()).startsWith("From: Gage").endsWith("> We have openings next week.");
		assertThat(AnswerText.split("De : Gage Physiotherapy\nEnvoyé : dimanche 6 décembre 2026 10:00\nÀ : Ann\n"
				+ "Objet : Votre demande" + quote, 0).fresh()).as("French Outlook").isEqualTo("Tuesday works.");
	}

	@Test
	void aFrenchAttributionIsDroppedAboveOrBelowTheAnswer() {
		String attribution = "Le dim. 6 déc. 2026 à 10:00, Gage Physiotherapy <info@gagephysio.example> a écrit :";
		AnswerText.Content below = AnswerText.split(attribution + "\n> Bonjour Ann,\n\nMardi me convient.\n-- \nAnn", 0);
		assertThat(below.fresh()).isEqualTo("Mardi me convient.");
		assertThat(below.folded()).startsWith(attribution).endsWith("-- \nAnn");
		assertThat(AnswerText.split("Mardi me convient.\n\n" + attribution + "\n> Bonjour Ann,", 0).fresh())
			.isEqualTo("Mardi me convient.");
	}

	@Test
	void answersBetweenQuotedLinesAreAllKeptInOrder() {
		AnswerText.Content content = AnswerText.split("""
				On Sun, Dec 6, 2026 at 10:00 AM Gage Physiotherapy <info@gagephysio.example> wrote:
				> Could you come on Tuesday at 10?

				Yes, Tuesday at 10 is fine.

				> Do you have a referral from your doctor?
				> If so, please bring it.
				No, I do not have one.
				Is that a problem?

				> Gage Physiotherapy

				Thanks,
				Ann""", 0);

		assertThat(content.fresh())
			.isEqualTo("Yes, Tuesday at 10 is fine.\n\nNo, I do not have one.\nIs that a problem?\n\nThanks,\nAnn");
		assertThat(content.folded()).startsWith("On Sun, Dec 6, 2026")
			.contains("> Could you come on Tuesday at 10?\n\n> Do you have a referral")
			.endsWith("> Gage Physiotherapy");
	}

	@Test
	void topPostingStillFoldsEverythingBelowTheAnswer() {
		AnswerText.Content gmail = AnswerText.split("""
				Tuesday at 10 works for me.

				Thanks,
				Zoë

				On Sun, Dec 6, 2026 at 10:00 AM Gage Physiotherapy <info@gagephysio.example>
				wrote:

				> Hello Zoë,
				> We can see you on Tuesday at 10.""", 0);
		assertThat(gmail.fresh()).isEqualTo("Tuesday at 10 works for me.\n\nThanks,\nZoë");
		assertThat(gmail.folded()).startsWith("On Sun, Dec 6, 2026").endsWith("Tuesday at 10.");
		// Outlook quotes without quote marks: everything from its header block on is the earlier message
		assertThat(AnswerText.split("Yes.\n\n-----Original Message-----\nFrom: Gage\nSent: Sunday\n\nHello Ann,\n"
				+ "Could you come on Tuesday?", 0).fresh()).isEqualTo("Yes.");
	}

	@Test
	void aPatientsOwnLinesThatOnlyLookLikeAnAttributionAreKept() {
		assertThat(AnswerText.split("On Monday my doctor wrote:\nrest for a week.\nShould I still come?", 0).fresh())
			.as("no date, no address").isEqualTo("On Monday my doctor wrote:\nrest for a week.\nShould I still come?");
		assertThat(AnswerText.split("Here is what Dr. Smith wrote:\nrest for a week.", 0).fresh())
			.as("no quote follows").isEqualTo("Here is what Dr. Smith wrote:\nrest for a week.");
		assertThat(AnswerText.split("> Can you come?\nMy physio Dr. Lee wrote:\n> rest", 0).fresh())
			.as("not a name before 'wrote'").isEqualTo("My physio Dr. Lee wrote:");
	}

}

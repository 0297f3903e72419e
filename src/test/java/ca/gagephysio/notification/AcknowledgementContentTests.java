package ca.gagephysio.notification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.notification.PublicInquiryForm.Visitor;

import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static ca.gagephysio.notification.PublicInquiryForm.referenceOf;
import static ca.gagephysio.notification.SmtpServer.htmlOf;
import static ca.gagephysio.notification.SmtpServer.subjectOf;
import static ca.gagephysio.notification.SmtpServer.textOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nobody can use the inquiry form to make the clinic email a stranger words of their choosing: whatever is typed
 * into the name, message or phone fields, the acknowledgement sent to the address typed carries none of it, in
 * its subject, its text or HTML part, or any header. Only the clinic's own words, the reference and its facts.
 */
@ClinicIntegrationTest
class AcknowledgementContentTests {

	/**
	 * How long an email may take to be sent: the outbox sends the longest-waiting first, so it works through the
	 * emails earlier tests left pending first, which on a loaded machine takes longer than Awaitility's 10 s.
	 */
	private static final Duration OUTBOX_TURN = Duration.ofSeconds(60);

	private final PublicInquiryForm form;

	@RegisterExtension
	final SmtpServerPerTest mailServer = new SmtpServerPerTest();

	@Autowired
	AcknowledgementContentTests(MockMvc mvc) {
		this.form = new PublicInquiryForm(mvc);
	}

	@Test
	void theAcknowledgementCarriesNothingAStrangerTypedIntoTheForm() throws Exception {
		String victim = InquiryEmailTests.uniqueAddress("victim");
		String otherVictim = InquiryEmailTests.uniqueAddress("victim");
		List<MvcResult> posts = form.send(
				new Visitor("Cheap meds at spam-pharmacy.example now", victim, "+44 20 7946 0958",
						"Buy now: https://spam-pharmacy.example/deal?ref=MSGMARKER1"),
				new Visitor("<a href=\"https://spam-pharmacy.example\">Claim your prize</a> NAMEMARKER2", otherVictim,
						"905-555-0142", "Your account is suspended MSGMARKER2\nCall +1 800 555 0199 now"));

		List<String> forbidden = List.of("spam-pharmacy", "Cheap meds", "Claim your prize", "NAMEMARKER2",
				"MSGMARKER1", "MSGMARKER2", "suspended", "7946", "0958", "555-0142", "5550142", "800 555 0199");
		for (var sent : List.of(new Sent(referenceOf(posts.get(0)), victim),
				new Sent(referenceOf(posts.get(1)), otherVictim))) {
			await().atMost(OUTBOX_TURN)
				.untilAsserted(() -> assertThat(smtp().messagesTo(sent.address(), sent.reference())).hasSize(1));
			MimeMessage acknowledgement = smtp().messagesTo(sent.address(), sent.reference()).get(0);

			List<String> everything = new ArrayList<>(List.of(subjectOf(acknowledgement), textOf(acknowledgement),
					htmlOf(acknowledgement)));
			everything.addAll(decodedHeaderLines(acknowledgement));
			String all = String.join("\n", everything);
			assertThat(all).as("subject, text and HTML parts, and every header").contains(sent.reference());
			assertThat(withoutGeneratedTokens(all, acknowledgement, sent.reference()))
				.as("subject, text and HTML parts, and every header, less the values generated at random")
				.doesNotContain(forbidden);
			assertThat(textOf(acknowledgement)).startsWith("Hello,");
		}
	}

	private static List<String> decodedHeaderLines(MimeMessage message) throws Exception {
		List<String> lines = new ArrayList<>();
		for (String line : Collections.list(message.getAllHeaderLines())) {
			lines.add(MimeUtility.decodeText(MimeUtility.unfold(line)));
		}
		return lines;
	}

	/**
	 * The text less the values made up at random for each email: the MIME boundary, the Message-ID and the
	 * reference. They are digits and letters drawn afresh each time, so one of them holds a forbidden digit run now
	 * and then (a boundary {@code ----=_Part_956_1330019879.1796582057946} once held "7946") without anything typed
	 * having reached the email.
	 */
	private static String withoutGeneratedTokens(String text, MimeMessage message, String reference)
			throws Exception {
		String boundary = new ContentType(message.getContentType()).getParameter("boundary");
		assertThat(boundary).as("a multipart email's boundary").isNotBlank();
		assertThat(message.getMessageID()).as("the Message-ID").isNotBlank();
		return text.replace(boundary, "").replace(message.getMessageID(), "").replace(reference, "");
	}

	private record Sent(String reference, String address) {
	}

	private SmtpServer smtp() {
		return mailServer.server();
	}

}

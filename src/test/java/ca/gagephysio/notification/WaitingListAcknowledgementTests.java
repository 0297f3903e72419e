package ca.gagephysio.notification;

import java.time.Duration;
import java.util.List;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.clinic.ClinicFactsForTests;
import ca.gagephysio.clinic.SavedClinicFacts;
import ca.gagephysio.notification.PublicInquiryForm.Visitor;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static ca.gagephysio.notification.PublicInquiryForm.referenceOf;
import static ca.gagephysio.notification.SmtpServer.htmlOf;
import static ca.gagephysio.notification.SmtpServer.subjectOf;
import static ca.gagephysio.notification.SmtpServer.textOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Someone who joins the waiting list (the clinic's facts say it is not accepting new clients) is told so by the
 * acknowledgement, in its subject and both parts; someone who sent an ordinary inquiry is not.
 */
@ClinicIntegrationTest
class WaitingListAcknowledgementTests {

	private final PublicInquiryForm form;

	@RegisterExtension
	final SmtpServerPerTest mailServer = new SmtpServerPerTest();

	@Autowired
	ClinicFacts clinic;

	@Autowired
	ApplicationContext context;

	@Autowired
	WaitingListAcknowledgementTests(MockMvc mvc) {
		this.form = new PublicInquiryForm(mvc);
	}

	@AfterEach
	void backToTheDefaults() {
		SavedClinicFacts.forget(context);
	}

	@Test
	void theAcknowledgementSaysItIsAWaitingListOnlyForAWaitingListEntry() throws Exception {
		String ordinary = InquiryEmailTests.uniqueAddress("ordinary");
		String ordinaryReference = referenceOf(form.send(new Visitor("Ada Ordinary", ordinary, null, null)).get(0));
		ClinicFactsForTests.save(clinic, facts -> ClinicFactsForTests.acceptingNewClients(facts, false));
		String waiting = InquiryEmailTests.uniqueAddress("waiting");
		List<MvcResult> posts = form.send(new Visitor("Wade Waiting", waiting, null, null));
		String reference = referenceOf(posts.get(0));

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(mailServer.server().messagesTo(waiting, reference)).hasSize(1));
		MimeMessage acknowledgement = mailServer.server().messagesTo(waiting, reference).get(0);
		assertThat(subjectOf(acknowledgement)).startsWith("You are on our waiting list (" + reference + ")");
		assertThat(textOf(acknowledgement)).contains("Thank you for joining the waiting list of",
				"We are not taking new clients at the moment; we contact people in the order they joined",
				"This does not book an appointment", "Your reference: " + reference);
		assertThat(htmlOf(acknowledgement)).contains("Thank you for joining the waiting list of");

		await().atMost(Duration.ofSeconds(60)).untilAsserted(
				() -> assertThat(mailServer.server().messagesTo(ordinary, ordinaryReference)).hasSize(1));
		MimeMessage usual = mailServer.server().messagesTo(ordinary, ordinaryReference).get(0);
		assertThat(subjectOf(usual)).startsWith("We received your inquiry");
		assertThat(textOf(usual)).doesNotContain("waiting list");
	}

}

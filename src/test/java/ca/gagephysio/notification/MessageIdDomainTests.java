package ca.gagephysio.notification;

import java.net.IDN;
import java.net.URI;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.clinic.ClinicFacts.Facts;
import ca.gagephysio.clinic.SavedClinicFacts;
import ca.gagephysio.inquiry.InquiryReplyWritten;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;

import static ca.gagephysio.notification.InquiryEmailTests.uniqueAddress;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clinic's Message-IDs end in the site's own domain (RFC 5322 section 3.6.4: the id-right should be a domain,
 * so the ids are globally unique and recognisably the clinic's): the host of the public address saved on Clinic
 * facts, in ASCII for an internationalised one; on {@code localhost} (development, these tests' defaults) the domain
 * of the clinic's email. A reply queued from the inbox names the clinic's earlier emails under that domain in its
 * {@code References}. Composed by the outbox's own {@link NotificationEmails}, from rows the outbox queued.
 */
@ClinicIntegrationTest
class MessageIdDomainTests {

	@Autowired
	ClinicFacts clinic;

	@Autowired
	NotificationEmails emails;

	@Autowired
	NotificationRepository notifications;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	ApplicationContext context;

	@AfterEach
	void shippedFacts() {
		SavedClinicFacts.forget(context);
	}

	@Test
	void theClinicsMessageIdsAndAReplysReferencesCarryTheDomainOfTheSitesPublicAddress() throws Exception {
		save(URI.create("https://www.gagephysio.example"), null);
		Inquiry inquiry = new SubmittedInquiries(inquiries, events, transactionManager).submit("Dee Domain",
				uniqueAddress("domain"), "Neck");

		Notification reply = queueReply(inquiry, "<CAB+answer.1@mail.patient.example>");
		Notification acknowledgement = only(inquiry, Notification.Kind.ACKNOWLEDGEMENT);
		MimeMessage message = compose(reply);

		assertThat(message.getHeader("Message-ID"))
			.containsExactly("<" + reply.getMessageId() + "@www.gagephysio.example>");
		assertThat(message.getHeader("In-Reply-To")).containsExactly("<CAB+answer.1@mail.patient.example>");
		assertThat(MimeUtility.unfold(message.getHeader("References", " "))).isEqualTo(
				"<" + acknowledgement.getMessageId() + "@www.gagephysio.example> <CAB+answer.1@mail.patient.example>");
		assertThat(compose(acknowledgement).getHeader("Message-ID"))
			.containsExactly("<" + acknowledgement.getMessageId() + "@www.gagephysio.example>");
	}

	@Test
	void anInternationalisedDomainIsWrittenInItsAsciiForm() throws Exception {
		save(URI.create("https://www.physio-bücher.example"), null);
		Inquiry inquiry = new SubmittedInquiries(inquiries, events, transactionManager).submit("Jörg Idn",
				uniqueAddress("idn"), "Knee");

		MimeMessage message = compose(only(inquiry, Notification.Kind.ACKNOWLEDGEMENT));

		assertThat(message.getHeader("Message-ID")[0])
			.endsWith("@" + IDN.toASCII("www.physio-bücher.example") + ">")
			.startsWith("<")
			.doesNotContain("localhost");
	}

	@Test
	void onLocalhostTheDomainOfTheClinicsEmailIsUsedAndAMessageIdThatIsNotOneIsNotCopied() throws Exception {
		save(URI.create("http://localhost:8080"), "desk@gagephysio.example");
		Inquiry inquiry = new SubmittedInquiries(inquiries, events, transactionManager).submit("Lou Local",
				uniqueAddress("local"), "Ankle");

		Notification reply = queueReply(inquiry, "<a@b>\r\nBcc: everyone@example.com");
		MimeMessage message = compose(reply);

		assertThat(message.getHeader("Message-ID"))
			.containsExactly("<" + reply.getMessageId() + "@gagephysio.example>");
		String acknowledgement = "<" + only(inquiry, Notification.Kind.ACKNOWLEDGEMENT).getMessageId()
				+ "@gagephysio.example>";
		assertThat(message.getHeader("In-Reply-To")).as("the clinic's own previous email instead")
			.containsExactly(acknowledgement);
		assertThat(message.getHeader("References")).containsExactly(acknowledgement);
		assertThat(message.getHeader("Bcc")).isNull();
	}

	private void save(URI baseUrl, String email) {
		Facts facts = clinic.facts();
		clinic.save(new Facts(facts.name(), baseUrl, facts.phone(), email, facts.address(), facts.geo(), facts.week(),
				facts.closedOnStatutoryHolidays(), facts.bookingUrl(), facts.acceptingNewClients()), clinic.version(),
				"Test");
	}

	private Notification queueReply(Inquiry inquiry, String lastAnswerMessageId) {
		new TransactionTemplate(transactionManager).executeWithoutResult(status -> events.publishEvent(
				new InquiryReplyWritten(inquiry.getId(), inquiry.getReference(), inquiry.getService().key(),
						inquiry.getCreatedAt(), inquiry.getEmail(), "Your inquiry " + inquiry.getReference(),
						"Hello", "Robin Front-Desk", UUID.randomUUID().toString(), lastAnswerMessageId)));
		return only(inquiry, Notification.Kind.REPLY);
	}

	private Notification only(Inquiry inquiry, Notification.Kind kind) {
		return notifications.findByInquiryIdOrderByCreatedAtAscIdAsc(inquiry.getId())
			.stream()
			.filter(notification -> notification.getKind() == kind)
			.reduce((one, another) -> {
				throw new AssertionError("more than one " + kind);
			})
			.orElseThrow();
	}

	private MimeMessage compose(Notification notification) throws Exception {
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
		emails.compose(notification, Instant.now()).prepare(message);
		return message;
	}

}

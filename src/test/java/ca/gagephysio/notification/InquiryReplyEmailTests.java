package ca.gagephysio.notification;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.inquiry.InquiryReplyWritten;
import ca.gagephysio.inquiry.TimelineEntry;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.inquiry.internal.InquiryStatus;
import ca.gagephysio.staff.AccessTrail;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.PlatformTransactionManager;

import static ca.gagephysio.notification.InquiryEmailTests.uniqueAddress;
import static ca.gagephysio.notification.SmtpServer.subjectOf;
import static ca.gagephysio.notification.SmtpServer.textOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * A reply written on an inquiry's reply page, end to end: a template an administrator saved, filled in for the
 * person, edited and sent by a front-desk account, queued in the one outbox the notifications use and delivered to a
 * real SMTP server (GreenMail) once, with a mail outage in between for one of them.
 */
@ClinicIntegrationTest
class InquiryReplyEmailTests {

	private static final Pattern REQUEST_KEY = Pattern.compile("name=\"requestKey\" value=\"([0-9a-f-]{36})\"");

	private static final String MESSAGE = "Sciatica down my left leg since March, worse when I sit";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	InquiryRepository inquiryRepository;

	@Autowired
	NotificationRepository notifications;

	@Autowired
	NotificationSender sender;

	@Autowired
	NotificationTimeline timeline;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	AccessTrail trail;

	@Autowired
	ClinicFacts clinic;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Value("${spring.mail.port}")
	int smtpPort;

	SmtpServer smtp;

	String staffEmail;

	RequestPostProcessor staff;

	RequestPostProcessor admin;

	@BeforeEach
	void signIn() {
		staffEmail = StaffTestAccounts.forTheClass(getClass(), accounts, "Robin Front-Desk", StaffRole.STAFF);
		staff = StaffTestAccounts.signedIn(staffEmail, "STAFF");
		admin = StaffTestAccounts.signedIn(
				StaffTestAccounts.forTheClass(getClass(), accounts, "Avery Owner", StaffRole.ADMIN), "ADMIN", "STAFF");
	}

	@AfterEach
	void stopSmtpServer() {
		if (smtp != null) {
			smtp.stop();
		}
	}

	@Test
	void aTemplatedReplyIsFilledInSentOnceThroughTheOutboxAndRecordedOnTheTimeline() throws Exception {
		smtp = SmtpServer.startOn(smtpPort);
		long template = saveTemplate("Availability " + System.nanoTime(), "Your inquiry {reference}",
				"Hello {firstName},\n\nThank you for asking about availability. Please call us at {clinicPhone}; "
						+ "we are open {clinicHours}.\n\n{clinicName}");
		Inquiry inquiry = storeInquiry("Mary Anne Tester", uniqueAddress("mary"));
		String reference = inquiry.getReference();

		String page = body(mvc.get().uri("/staff/inquiries/{id}/reply?template={t}", inquiry.getId(), template)
			.with(staff));
		String subject = "Your inquiry " + reference;
		assertThat(page).contains("value=\"" + subject + "\"");
		assertThat(textarea(page)).startsWith("Hello Mary,").contains(clinic.phone(), "Monday").doesNotContain("{", "}");
		String body = "Hello Mary,\n\nThank you for asking about availability. Please call us at " + clinic.phone()
				+ ".\nValerie can see you on Tuesday morning.\n\n" + clinic.name();
		String key = requestKey(page);

		MvcTestResult sent = send(inquiry, subject, body, key, template);
		assertThat(sent).hasStatus(302).hasRedirectedUrl("/staff/inquiries/" + inquiry.getId());
		assertThat(sent).flash().containsEntry("flash", "reply.queued");
		// The same post again (a double click, the browser repeating it) queues nothing more.
		assertThat(send(inquiry, subject, body, key, template)).hasStatus(302);

		Inquiry answered = inquiryRepository.findById(inquiry.getId()).orElseThrow();
		assertThat(answered.getStatus()).isEqualTo(InquiryStatus.CONTACTED);
		assertThat(answered.getFirstRespondedAt()).isNotNull();
		Instant firstResponse = answered.getFirstRespondedAt();

		await().untilAsserted(() -> assertThat(repliesTo(inquiry)).singleElement()
			.satisfies(row -> assertThat(row.getState()).isEqualTo(Notification.State.SENT)));
		sender.sendDue();
		List<MimeMessage> received = smtp.messagesTo(inquiry.getEmail(), reference);
		assertThat(received).hasSize(1);
		MimeMessage reply = received.get(0);
		assertThat(subjectOf(reply)).isEqualTo(subject);
		assertThat(reply.getRecipients(RecipientType.TO)).extracting(Object::toString)
			.containsExactly(inquiry.getEmail());
		assertThat(((InternetAddress) reply.getFrom()[0]).getPersonal()).isEqualTo(clinic.name());
		assertThat(textOf(reply)).contains("Hello Mary,", clinic.phone(), "Valerie can see you on Tuesday morning.")
			.doesNotContain("Sciatica", "{", "}");

		String detail = body(mvc.get().uri("/staff/inquiries/{id}", inquiry.getId()).with(staff));
		assertThat(detail).contains("Reply emailed to the person: “" + subject + "”", "Robin Front-Desk",
				"Valerie can see you on Tuesday morning.", "Status changed from New to Contacted");
		assertThat(timeline.entriesFor(inquiry.getId())).singleElement().satisfies(entry -> {
			assertThat(entry.messageKey()).isEqualTo("notification.timeline.reply.sent");
			assertThat(entry.actor()).isEqualTo("Robin Front-Desk");
			assertThat(entry.quote()).isEqualTo(body);
			assertThat(entry.problem()).isFalse();
		});
		assertThat(trail.entriesAbout("INQUIRY", List.of(inquiry.getId())))
			.extracting(entry -> entry.action() + " " + entry.detail() + " by " + entry.actorEmail())
			.contains("INQUIRY_REPLY_SENT template " + template + " by " + staffEmail);

		// What the clinic sent the person is part of what it holds about them: the right-of-access file has it.
		String file = mvc.post().uri("/staff/inquiries/access-request").with(admin).with(csrf())
			.param("contact", inquiry.getEmail())
			.exchange()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(file).contains("\"emails\"", "Reply emailed to the person", "Robin Front-Desk",
				"Valerie can see you on Tuesday morning.");

		// A second reply later is its own email, and leaves the first response where it was.
		MvcTestResult again = send(inquiry, "Following up " + reference, "Just checking in.",
				requestKey(body(mvc.get().uri("/staff/inquiries/{id}/reply", inquiry.getId()).with(staff))), null);
		assertThat(again).hasStatus(302);
		await().untilAsserted(() -> assertThat(repliesTo(inquiry)).hasSize(2)
			.allMatch(row -> row.getState() == Notification.State.SENT));
		assertThat(smtp.messagesTo(inquiry.getEmail(), reference)).hasSize(2);
		assertThat(inquiryRepository.findById(inquiry.getId()).orElseThrow().getFirstRespondedAt())
			.isEqualTo(firstResponse);
	}

	@Test
	void whileTheMailServerIsDownAReplyIsKeptShownAsWaitingAndSentOnceWhenItIsBack() {
		Inquiry inquiry = storeInquiry("Omar Outage", uniqueAddress("outage"));
		String page = body(mvc.get().uri("/staff/inquiries/{id}/reply", inquiry.getId()).with(staff));

		assertThat(send(inquiry, "About your inquiry", "Hello Omar,\nWe have openings next week.",
				requestKey(page), null)).hasStatus(302);

		await().untilAsserted(() -> assertThat(repliesTo(inquiry)).singleElement().satisfies(row -> {
			assertThat(row.getState()).isEqualTo(Notification.State.PENDING);
			assertThat(row.getAttempts()).isGreaterThanOrEqualTo(1);
		}));
		assertThat(timeline.entriesFor(inquiry.getId())).singleElement().satisfies(entry -> {
			assertThat(entry.messageKey()).isEqualTo("notification.timeline.reply.retrying");
			assertThat(entry.problem()).isTrue();
			assertThat(entry.quote()).isEqualTo("Hello Omar,\nWe have openings next week.");
		});
		assertThat(body(mvc.get().uri("/staff/inquiries/{id}", inquiry.getId()).with(staff)))
			.contains("Reply “About your inquiry” not sent yet");
		assertThat(inquiryRepository.findById(inquiry.getId()).orElseThrow().getStatus())
			.isEqualTo(InquiryStatus.CONTACTED);

		smtp = SmtpServer.startOn(smtpPort);
		await().untilAsserted(() -> assertThat(repliesTo(inquiry)).singleElement()
			.satisfies(row -> assertThat(row.getState()).isEqualTo(Notification.State.SENT)));
		sender.sendDue();

		assertThat(smtp.allMessages()).filteredOn(message -> subjectOf(message).equals("About your inquiry"))
			.filteredOn(message -> addressedTo(message, inquiry.getEmail()))
			.hasSize(1);
		assertThat(timeline.entriesFor(inquiry.getId())).extracting(TimelineEntry::messageKey)
			.containsExactly("notification.timeline.reply.sent");
	}

	@Test
	void withoutAMailServerAReplyWaitsInTheOutboxAndTheTimelineSaysWhy() {
		MailServer noMailServer = MailServerTests.noMailServer();
		NotificationRepository repository = mock(NotificationRepository.class);
		when(repository.findByInquiryIdOrderByCreatedAtAscIdAsc(7)).thenReturn(List.of(Notification.reply(
				new InquiryReplyWritten(7, "GP-7", "back-pain", Instant.now(), "ann@x.example", "Your inquiry GP-7",
						"Hello Ann,\nWe can see you Tuesday.", "Robin Front-Desk", "0f8e2c1a-0000-4000-8000-000000000007"),
				Instant.now())));

		assertThat(new NotificationTimeline(repository, noMailServer).entriesFor(7)).singleElement()
			.satisfies(entry -> {
				assertThat(entry.messageKey()).isEqualTo("notification.timeline.reply.pending.no-mail-server");
				assertThat(entry.arguments()).containsExactly("Your inquiry GP-7");
				assertThat(entry.problem()).isTrue();
				assertThat(entry.actor()).isEqualTo("Robin Front-Desk");
				assertThat(entry.quote()).isEqualTo("Hello Ann,\nWe can see you Tuesday.");
			});
	}

	@Test
	void erasingThePersonsDataUnderTheRetentionPolicyErasesAReplysAddressAndText() {
		Notification reply = Notification.reply(new InquiryReplyWritten(8, "GP-8", "foot-care", Instant.now(),
				"bo@x.example", "Your inquiry GP-8", "Hello Bo,", "Robin Front-Desk",
				"0f8e2c1a-0000-4000-8000-000000000008"), Instant.now());

		reply.forgetRecipient();

		assertThat(reply.getRecipientEmail()).isNull();
		assertThat(reply.getSubject()).isNull();
		assertThat(reply.getBody()).isNull();
		assertThat(reply.getState()).isEqualTo(Notification.State.FAILED);
		NotificationRepository repository = mock(NotificationRepository.class);
		when(repository.findByInquiryIdOrderByCreatedAtAscIdAsc(8)).thenReturn(List.of(reply));
		assertThat(new NotificationTimeline(repository, MailServerTests.noMailServer()).entriesFor(8)).singleElement().satisfies(entry -> {
				assertThat(entry.messageKey()).isEqualTo("notification.timeline.reply.erased");
				assertThat(entry.quote()).isNull();
				assertThat(entry.actionPath()).isNull();
			});
	}

	private long saveTemplate(String name, String subject, String body) {
		assertThat(mvc.post().uri("/staff/templates").with(admin).with(csrf())
			.param("version", "")
			.param("name", name)
			.param("subject", subject)
			.param("body", body)
			.param("service", "BACK_PAIN")
			.param("askingAbout", "AVAILABILITY")).hasStatus(302).hasRedirectedUrl("/staff/templates");
		return jdbc.sql("select id from reply_template where name = ?").param(name).query(Long.class).single();
	}

	private Inquiry storeInquiry(String name, String email) {
		return new SubmittedInquiries(inquiryRepository, events, transactionManager).storeWithoutEvent(name, email,
				MESSAGE);
	}

	private MvcTestResult send(Inquiry inquiry, String subject, String body, String requestKey, Long template) {
		var post = mvc.post().uri("/staff/inquiries/{id}/reply", inquiry.getId()).with(staff).with(csrf())
			.param("subject", subject)
			.param("body", body)
			.param("requestKey", requestKey);
		if (template != null) {
			post.param("template", template.toString());
		}
		return post.exchange();
	}

	private List<Notification> repliesTo(Inquiry inquiry) {
		return notifications.findByInquiryIdOrderByCreatedAtAscIdAsc(inquiry.getId())
			.stream()
			.filter(Notification::isReply)
			.toList();
	}

	private static String requestKey(String page) {
		Matcher matcher = REQUEST_KEY.matcher(page);
		assertThat(matcher.find()).as("the reply page carries a request key").isTrue();
		return matcher.group(1);
	}

	/** What the reply page's text box holds, as the browser shows it. */
	private static String textarea(String page) {
		Matcher matcher = Pattern.compile("<textarea[^>]*name=\"body\"[^>]*>(.*?)</textarea>", Pattern.DOTALL)
			.matcher(page);
		assertThat(matcher.find()).as("the reply page has a text box").isTrue();
		return matcher.group(1).strip();
	}

	private static boolean addressedTo(MimeMessage message, String address) {
		try {
			return message.getRecipients(RecipientType.TO)[0].toString().equalsIgnoreCase(address);
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String body(org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder request) {
		try {
			MvcTestResult result = request.exchange();
			assertThat(result.getResponse().getStatus()).isEqualTo(200);
			return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

package ca.gagephysio.notification;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.clinic.ClinicFacts.Facts;
import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.clinic.SavedClinicFacts;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.PlatformTransactionManager;

import static ca.gagephysio.notification.InquiryEmailTests.uniqueAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * A patient's answer to the clinic's email reaches the front desk: every reply and acknowledgement carries a
 * {@code Reply-To} (the clinic's email here; {@code clinic.mail.reply-to} when set, see {@code ReplyToAddressTests}),
 * whatever the sender address, checked on the mail GreenMail received. Where none can be worked out (the test
 * configuration, like the shipped one, sets neither), the reply page says so before anything is sent.
 */
@ClinicIntegrationTest
class ReplyToTests {

	private static final Pattern REQUEST_KEY = Pattern.compile("name=\"requestKey\" value=\"([0-9a-f-]{36})\"");

	private static final String FRONT_DESK = "frontdesk@gagephysio.example";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	InquiryRepository inquiryRepository;

	@Autowired
	NotificationRepository notifications;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	ClinicFacts clinic;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	ApplicationContext context;

	@Value("${spring.mail.port}")
	int smtpPort;

	SmtpServer smtp;

	RequestPostProcessor staff;

	@BeforeEach
	void setUp() {
		smtp = SmtpServer.startOn(smtpPort);
		staff = StaffTestAccounts.signedIn(StaffTestAccounts.create(accounts, "Riley Reply-To", StaffRole.STAFF),
				"STAFF");
	}

	@AfterEach
	void tearDown() {
		smtp.stop();
		SavedClinicFacts.forget(context);
	}

	@Test
	void withTheClinicsEmailSavedTheReplyAndTheAcknowledgementAnswerToTheFrontDesk() throws Exception {
		Facts now = clinic.facts();
		clinic.save(new Facts(now.name(), now.baseUrl(), now.phone(), FRONT_DESK, now.address(), now.geo(), now.week(),
				now.closedOnStatutoryHolidays(), now.bookingUrl(), now.acceptingNewClients()), clinic.version(), "Test");
		String email = uniqueAddress("answer");
		Inquiry inquiry = new SubmittedInquiries(inquiryRepository, events, transactionManager).submit("Ann Answer",
				email, "Neutral words for a test");

		String page = page(inquiry);
		assertThat(page).contains("Their answer goes to", FRONT_DESK).doesNotContain("without a reply address");
		assertThat(mvc.post().uri("/staff/inquiries/{id}/reply", inquiry.getId()).with(staff).with(csrf())
			.param("subject", "About your inquiry " + inquiry.getReference())
			.param("body", "Hello Ann,\nWe have openings on Tuesday.")
			.param("requestKey", requestKey(page))).hasStatus(302);

		await().untilAsserted(() -> assertThat(smtp.messagesTo(email, inquiry.getReference())).hasSize(2));
		List<MimeMessage> received = smtp.messagesTo(email, inquiry.getReference());
		for (MimeMessage message : received) {
			assertThat(message.getReplyTo()).extracting(Address::toString).containsExactly(FRONT_DESK);
		}
	}

	@Test
	void withoutAnyAddressForAnswersTheReplyPageSaysSoBeforeSending() throws Exception {
		assertThat(clinic.email()).as("the test configuration sets no clinic email").isBlank();
		Inquiry inquiry = new SubmittedInquiries(inquiryRepository, events, transactionManager)
			.storeWithoutEvent("Nora Noreply", uniqueAddress("nora"), "Neutral words for a test");

		assertThat(page(inquiry)).contains("Nowhere: no reply address is set",
				"This reply would go out without a reply address, so the person&#39;s answer would not reach the "
						+ "front desk.",
				"clinic.mail.reply-to");
	}

	private String page(Inquiry inquiry) throws Exception {
		var result = mvc.get().uri("/staff/inquiries/{id}/reply", inquiry.getId()).with(staff).exchange();
		assertThat(result).hasStatus(200);
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	private static String requestKey(String page) {
		Matcher matcher = REQUEST_KEY.matcher(page);
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

}

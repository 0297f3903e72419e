package ca.gagephysio.notification;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.InquirySubmitted;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.staff.StaffDirectory;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static ca.gagephysio.notification.InquiryEmailTests.FRONT_DESK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * Out of the box the front desk hears of every new inquiry: each active staff account is emailed unless its owner
 * turned that off; a shared front-desk address replaces the personal alerts; and administrators are told while
 * nobody would be emailed at all.
 */
@ClinicIntegrationTest
class NewInquiryAlertTests {

	private static final String NOBODY_NOTICE = "Nobody is emailed about new inquiries";

	private final SubmittedInquiries inquiries;

	private final StaffAccounts accounts;

	private final StaffDirectory staff;

	private final NotificationRepository notifications;

	private final NotificationTimeline timeline;

	private final MockMvc mvc;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	@RegisterExtension
	final SmtpServerPerTest mailServer = new SmtpServerPerTest();

	@Autowired
	ca.gagephysio.clinic.ClinicFacts clinic;

	@Autowired
	NewInquiryAlertTests(InquiryRepository inquiryRepository, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager, StaffAccounts accounts, StaffDirectory staff,
			NotificationRepository notifications, NotificationTimeline timeline, MockMvc mvc, JdbcClient jdbc) {
		this.inquiries = new SubmittedInquiries(inquiryRepository, events, transactionManager);
		this.accounts = accounts;
		this.staff = staff;
		this.notifications = notifications;
		this.timeline = timeline;
		this.mvc = mvc;
		this.jdbc = jdbc;
		this.events = events;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	@Test
	void everyActiveStaffMemberIsEmailedAboutANewInquiryByDefault() {
		String frontDesk = StaffTestAccounts.createWithNewInquiryEmails(accounts, "Front Desk One", StaffRole.STAFF);
		String physio = StaffTestAccounts.createWithNewInquiryEmails(accounts, "Physio Two", StaffRole.STAFF);

		Inquiry inquiry = inquiries.submit("Default Alert Tester", null, "Hello");

		for (String each : List.of(frontDesk, physio, FRONT_DESK)) {
			await().untilAsserted(() -> assertThat(smtp().messagesTo(each, inquiry.getReference())).hasSize(1));
		}
		assertThat(rowsOf(inquiry)).filteredOn(Notification::isStaffAlert)
			.extracting(Notification::getRecipientEmail)
			.contains(frontDesk, physio, FRONT_DESK)
			.doesNotHaveDuplicates();
		await().untilAsserted(() -> assertThat(timeline.entriesFor(inquiry.getId()))
			.filteredOn(entry -> entry.messageKey().equals("notification.timeline.staff-alert.sent"))
			.extracting(entry -> entry.arguments().get(0))
			.contains(frontDesk, physio));
	}

	@Test
	void aStaffMemberWhoTurnedNewInquiryEmailsOffOnTheirAccountPageGetsNone() throws Exception {
		String optedOut = StaffTestAccounts.createWithNewInquiryEmails(accounts, "Opted Out", StaffRole.STAFF);
		mvc.perform(post("/staff/account").with(StaffTestAccounts.signedIn(optedOut, "STAFF")).with(csrf())
			.param("_newInquiryEmails", "on"))
			.andExpect(redirectedUrl("/staff/account"));

		Inquiry inquiry = inquiries.submit("Opt Out Tester", null, "Hello");

		await().untilAsserted(() -> assertThat(smtp().messagesTo(FRONT_DESK, inquiry.getReference())).hasSize(1));
		assertThat(rowsOf(inquiry)).extracting(Notification::getRecipientEmail).doesNotContain(optedOut);
		assertThat(smtp().messagesTo(optedOut, inquiry.getReference())).isEmpty();
	}

	@Test
	void aDisabledAccountGetsNoAlert() throws Exception {
		String leaver = StaffTestAccounts.createWithNewInquiryEmails(accounts, "Left The Clinic", StaffRole.STAFF);
		long leaverId = accounts.byEmail(leaver).orElseThrow().getId();
		mvc.perform(post("/staff/users/{id}/disable", leaverId).with(StaffTestAccounts.signedIn(FRONT_DESK, "ADMIN", "STAFF"))
			.with(csrf())).andExpect(redirectedUrl("/staff/users"));

		Inquiry inquiry = inquiries.submit("Disabled Tester", null, "Hello");

		await().untilAsserted(() -> assertThat(smtp().messagesTo(FRONT_DESK, inquiry.getReference())).hasSize(1));
		assertThat(rowsOf(inquiry)).extracting(Notification::getRecipientEmail).doesNotContain(leaver);
		assertThat(smtp().messagesTo(leaver, inquiry.getReference())).isEmpty();
	}

	/**
	 * The one context every test shares ships without the property (so the default is what the other tests see);
	 * here the outbox is built with it set, over the real staff directory, repository and sender.
	 */
	@Test
	void aSharedFrontDeskAddressReplacesThePersonalAlerts() {
		String mailbox = "frontdesk-" + UUID.randomUUID().toString().substring(0, 8) + "@clinic.example";
		NotificationSettings withMailbox = new NotificationSettings(List.of(mailbox), true, "", Duration.ofSeconds(1),
				Duration.ofMillis(500), Duration.ofSeconds(30), 10, Duration.ofMinutes(10));
		NotificationOutbox outbox = new NotificationOutbox(notifications, withMailbox,
				new AlertRecipients(withMailbox, staff), staff, clinic);
		Inquiry stored = inquiries.storeWithoutEvent("Shared Mailbox Tester", null, "Hello");

		transaction.executeWithoutResult(status -> outbox.on(new InquirySubmitted(stored.getId(),
				stored.getReference(), "back-pain", stored.getCreatedAt(), null)));

		await().untilAsserted(() -> assertThat(smtp().messagesTo(mailbox, stored.getReference())).hasSize(1));
		assertThat(rowsOf(stored)).singleElement()
			.satisfies(row -> assertThat(row.getRecipientEmail()).isEqualTo(mailbox));
		assertThat(smtp().messagesTo(FRONT_DESK, stored.getReference())).isEmpty();
	}

	@Test
	void whileNobodyWouldBeEmailedAdministratorsAreToldAndTheInquiryShowsItThenSendAgainReachesWhoeverTurnsItOn()
			throws Exception {
		String staffMember = StaffTestAccounts.createWithNewInquiryEmails(accounts, "Not An Admin", StaffRole.STAFF);
		List<Long> wanted = jdbc.sql("select id from staff_account where new_inquiry_emails = true")
			.query(Long.class)
			.list();
		Inquiry inquiry;
		try {
			jdbc.sql("update staff_account set new_inquiry_emails = false").update();

			assertThat(page("/staff/inquiries", FRONT_DESK, "ADMIN", "STAFF")).contains(NOBODY_NOTICE)
				.contains("href=\"/staff/account\"");
			assertThat(page("/staff/inquiries", staffMember, "STAFF")).doesNotContain(NOBODY_NOTICE);

			inquiry = inquiries.submit("Nobody Alerted Tester", null, "Hello");
			assertThat(rowsOf(inquiry)).singleElement().satisfies(row -> {
				assertThat(row.getRecipientEmail()).isNull();
				assertThat(row.getState()).isEqualTo(Notification.State.FAILED);
			});
			assertThat(timeline.entriesFor(inquiry.getId())).singleElement()
				.satisfies(entry -> assertThat(entry.messageKey()).isEqualTo("notification.timeline.staff-alert.nobody"));
		}
		finally {
			wanted.forEach(id -> jdbc.sql("update staff_account set new_inquiry_emails = true where id = ?")
				.param(id)
				.update());
		}
		assertThat(page("/staff/inquiries", FRONT_DESK, "ADMIN", "STAFF")).doesNotContain(NOBODY_NOTICE);

		long alertId = rowsOf(inquiry).get(0).getId();
		mvc.perform(post("/staff/notifications/{id}/retry", alertId).with(StaffTestAccounts.signedIn(FRONT_DESK, "ADMIN", "STAFF"))
			.with(csrf())).andExpect(redirectedUrl("/staff/inquiries/" + inquiry.getId()));

		await().untilAsserted(() -> assertThat(smtp().messagesTo(FRONT_DESK, inquiry.getReference())).hasSize(1));
		await().untilAsserted(() -> assertThat(rowsOf(inquiry)).hasSizeGreaterThanOrEqualTo(2)
			.allMatch(row -> row.getState() == Notification.State.SENT));
		assertThat(smtp().messagesTo(staffMember, inquiry.getReference())).hasSize(1);
	}

	private String page(String path, String who, String... roles) throws Exception {
		return mvc.perform(get(path).with(StaffTestAccounts.signedIn(who, roles))).andReturn().getResponse().getContentAsString();
	}

	private List<Notification> rowsOf(Inquiry inquiry) {
		return notifications.findByInquiryIdOrderByCreatedAtAscIdAsc(inquiry.getId());
	}

	private SmtpServer smtp() {
		return mailServer.server();
	}

}

package ca.gagephysio.notification;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.signin.StaffSessions;
import ca.gagephysio.staff.account.StaffTestAccounts;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * Emails about staff accounts, through the outbox to a real SMTP server: the invitation carries a link that works
 * (and the outbox forgets it once sent), a changed email is told to the old address, and new-inquiry alerts go to
 * the new address from the next inquiry on.
 */
@ClinicIntegrationTest
class StaffAccountEmailTests {

	private static final Pattern LINK = Pattern.compile("(http\\S*/staff/invitation\\?token=[A-Za-z0-9_-]+)");

	@RegisterExtension
	final SmtpServerPerTest mailServer = new SmtpServerPerTest();

	private final MockMvc mvc;

	private final StaffAccounts accounts;

	private final JdbcClient jdbc;

	private final SubmittedInquiries inquiries;

	@Autowired
	StaffAccountEmailTests(MockMvc mvc, StaffAccounts accounts, JdbcClient jdbc, InquiryRepository inquiryRepository,
			ApplicationEventPublisher events, PlatformTransactionManager transactionManager) {
		this.mvc = mvc;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.inquiries = new SubmittedInquiries(inquiryRepository, events, transactionManager);
	}

	@Test
	void theInvitedPersonGetsAnEmailWhoseLinkLetsThemChooseTheirPasswordAndTheOutboxForgetsTheLink()
			throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Inviting Owner", StaffRole.ADMIN);
		String newcomer = "invited-" + UUID.randomUUID() + "@test.gagephysio.ca";

		mvc.perform(post("/staff/users").with(StaffTestAccounts.signedIn(admin, "ADMIN", "STAFF"))
			.with(csrf())
			.param("email", newcomer)
			.param("displayName", "Robin Newcomer")
			.param("role", "STAFF")).andExpect(redirectedUrl("/staff/users"));

		await().untilAsserted(() -> assertThat(mailServer.server().messagesTo(newcomer, "Your staff account")).hasSize(1));
		MimeMessage invitation = mailServer.server().messagesTo(newcomer, "Your staff account").get(0);
		String text = SmtpServer.textOf(invitation);
		assertThat(text).contains("Hello Robin Newcomer").contains(newcomer);
		Matcher link = LINK.matcher(text);
		assertThat(link.find()).as("a link in " + text).isTrue();
		MockHttpSession browser = new MockHttpSession();
		mvc.perform(get(link.group(1)).session(browser)).andExpect(redirectedUrl("/staff/invitation"));
		mvc.perform(post("/staff/invitation").session(browser)
			.with(csrf())
			.param("newPassword", "chosen from the email")
			.param("confirmPassword", "chosen from the email")).andExpect(redirectedUrl("/login?passwordChosen"));
		await().untilAsserted(() -> assertThat(jdbc
			.sql("select body from notification where kind = 'STAFF_ACCOUNT' and recipient_email = ? and state = 'SENT'")
			.param(newcomer)
			.query(String.class)
			.list()).singleElement().isNull());
	}

	@Test
	void aChangedEmailIsToldToTheOldAddressAndAlertsGoToTheNewOneFromTheNextInquiry() throws Exception {
		String old = StaffTestAccounts.createWithNewInquiryEmails(accounts, "Alex Moving", StaffRole.STAFF);
		MockHttpSession session = StaffSessions.signIn(mvc, old);
		String page = StaffSessions.page(mvc, session, "/staff/account");
		String changed = "moved-" + UUID.randomUUID() + "@test.gagephysio.ca";

		StaffSessions.send(mvc, session, page, "/staff/account/email",
				Map.of("email", changed, "code", StaffTestAccounts.nextCode(mvc, old)));

		await().untilAsserted(() -> assertThat(mailServer.server().messagesTo(old, "changed")).hasSize(1));
		assertThat(SmtpServer.textOf(mailServer.server().messagesTo(old, "changed").get(0))).contains(old)
			.contains(changed)
			.contains("on your account page");
		Inquiry inquiry = inquiries.submit("Alert Follows", null, "Hello");
		await().untilAsserted(() -> assertThat(mailServer.server().messagesTo(changed, inquiry.getReference()))
			.hasSize(1));
		assertThat(mailServer.server().messagesTo(old, inquiry.getReference())).isEmpty();
		assertThat(jdbc.sql("select recipient_email from notification where inquiry_id = ?")
			.param(inquiry.getId())
			.query(String.class)
			.list()).contains(changed).doesNotContain(old);
	}

	@Test
	void anAlertStillWaitingToBeSentGoesToTheNewAddress() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Fixing Admin", StaffRole.ADMIN);
		String old = StaffTestAccounts.create(accounts, "Waiting Alert", StaffRole.STAFF);
		long id = accounts.byEmail(old).orElseThrow().getId();
		long inquiryId = 900_000_000L + (long) (Math.random() * 1_000_000);
		// an alert that failed once and waits for its next attempt, an hour from now
		jdbc.sql("""
				insert into notification (kind, inquiry_id, reference, service, submitted_at, recipient_email, state,
				  attempts, next_attempt_at, created_at)
				values ('STAFF_ALERT', ?, 'GP-WAIT', 'physio', ?, ?, 'PENDING', 1, ?, ?)""")
			.params(inquiryId, java.sql.Timestamp.from(java.time.Instant.now()), old,
					java.sql.Timestamp.from(java.time.Instant.now().plusSeconds(3600)),
					java.sql.Timestamp.from(java.time.Instant.now()))
			.update();
		String changed = "readdressed-" + UUID.randomUUID() + "@test.gagephysio.ca";

		mvc.perform(post("/staff/users/{id}", id).with(StaffTestAccounts.signedIn(admin, "ADMIN", "STAFF"))
			.with(csrf())
			.param("displayName", "Waiting Alert")
			.param("email", changed)).andExpect(redirectedUrl("/staff/users"));

		assertThat(jdbc.sql("select recipient_email from notification where inquiry_id = ?")
			.param(inquiryId)
			.query(String.class)
			.single()).isEqualTo(changed);
	}

	@Test
	void anAdministratorsChangeIsToldToTheOldAddressToo() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Fixing Admin", StaffRole.ADMIN);
		String old = StaffTestAccounts.create(accounts, "Typo Person", StaffRole.STAFF);
		long id = accounts.byEmail(old).orElseThrow().getId();
		String changed = "fixed-" + UUID.randomUUID() + "@test.gagephysio.ca";

		mvc.perform(post("/staff/users/{id}", id).with(StaffTestAccounts.signedIn(admin, "ADMIN", "STAFF"))
			.with(csrf())
			.param("displayName", "Typo Person")
			.param("email", changed)).andExpect(redirectedUrl("/staff/users"));

		await().untilAsserted(() -> assertThat(mailServer.server().messagesTo(old, "changed")).hasSize(1));
		assertThat(SmtpServer.textOf(mailServer.server().messagesTo(old, "changed").get(0)))
			.contains("by an administrator");
		assertThat(accounts.byEmail(changed)).isPresent();
	}

}

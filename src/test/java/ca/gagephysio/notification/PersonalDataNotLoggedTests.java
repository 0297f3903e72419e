package ca.gagephysio.notification;

import ca.gagephysio.staff.account.StaffTestAccounts;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static ca.gagephysio.notification.PublicInquiryForm.Visitor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * No log line, at any level, names the person who wrote in: two inquiries with unique markers in the name, email,
 * phone and message go through the real form, the outbox (a receiving server that refuses one address for good and
 * defers the other, quoting the address as real servers do) and the staff inbox, with the application's own
 * loggers, Spring MVC, Spring Security, Spring's mail support and Hibernate's SQL at DEBUG, and the captured output
 * is searched for every marker. (Hibernate's bind-parameter logger, {@code org.hibernate.orm.jdbc.bind} at TRACE,
 * prints every value written and must never be turned on in production; docs/operations.md says so.)
 */
@ClinicIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataNotLoggedTests {

	/**
	 * How long an email may take to be sent: the outbox sends the longest-waiting first, so it works through the
	 * emails earlier tests left pending first, which on a loaded machine takes longer than Awaitility's 10 s.
	 */
	private static final Duration OUTBOX_TURN = Duration.ofSeconds(60);

	private static final List<String> VERBOSE = List.of("ca.gagephysio", "org.springframework.web",
			"org.springframework.security", "org.springframework.mail", "org.hibernate.SQL");

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	NotificationRepository notifications;

	@Value("${spring.mail.port}")
	int smtpPort;

	private ScriptedSmtpServer smtp;

	private final List<Long> inquiryIds = new java.util.ArrayList<>();

	private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

	@BeforeEach
	void verboseLogging() {
		VERBOSE.forEach(logger -> logging.setLogLevel(logger, LogLevel.DEBUG));
	}

	@AfterEach
	void quietAgain() throws IOException {
		VERBOSE.forEach(logger -> logging.setLogLevel(logger, null));
		if (smtp != null) {
			smtp.close();
		}
		// The deferred email would go on being retried, and end failed, in front of the suite's other tests. Deleted
		// in SQL, whatever its version: the sender may be retrying it this very moment, and an entity delete would
		// then fail on the version it read.
		inquiryIds.forEach(id -> jdbc.sql("delete from notification where inquiry_id = ?").param(id).update());
	}

	@Test
	void nothingAnInquirerTypedAppearsInTheLogAtDebug(CapturedOutput output) throws Exception {
		Marked refused = Marked.person("Refused");
		Marked deferred = Marked.person("Deferred");
		smtp = ScriptedSmtpServer.startOn(smtpPort)
			.answer(refused.email(), "550 5.1.1 <" + refused.email() + ">: no such user here")
			.answer(deferred.email(), "452 4.2.2 <" + deferred.email() + ">: mailbox full, try later");

		List<MvcResult> posted = new PublicInquiryForm(mvc).send(refused.visitor(), deferred.visitor());
		Inquiry first = inquiries.findByReference(PublicInquiryForm.referenceOf(posted.get(0))).orElseThrow();
		Inquiry second = inquiries.findByReference(PublicInquiryForm.referenceOf(posted.get(1))).orElseThrow();
		inquiryIds.addAll(List.of(first.getId(), second.getId()));
		await().atMost(OUTBOX_TURN).until(() -> acknowledgementOf(first).getState() == Notification.State.REFUSED
				&& acknowledgementOf(second).getAttempts() >= 1);
		for (Inquiry inquiry : List.of(first, second)) {
			mvc.perform(get("/staff/inquiries/" + inquiry.getId()).with(StaffTestAccounts.signedIn("admin@test.gagephysio.ca", "STAFF", "ADMIN"))).andReturn();
		}

		String log = output.getAll();
		assertThat(log).as("the output was captured, with the outbox's lines about these inquiries")
			.contains("refused by the receiving server")
			.contains(first.getReference())
			.contains("<address>");
		for (Marked person : List.of(refused, deferred)) {
			person.markers().forEach((field, marker) -> assertThat(log).as(field + " of " + person.name())
				.doesNotContainIgnoringCase(marker));
		}
	}

	private Notification acknowledgementOf(Inquiry inquiry) {
		return notifications.findByInquiryIdOrderByCreatedAtAscIdAsc(inquiry.getId())
			.stream()
			.filter(row -> !row.isStaffAlert())
			.findFirst()
			.orElseThrow();
	}

	/** Someone whose every field carries a string found nowhere else. */
	private record Marked(String name, String email, String phoneDigits, String message) {

		static Marked person(String role) {
			int unique = ThreadLocalRandom.current().nextInt(1000, 10000);
			String word = "Qx" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
			return new Marked(role + " Zorblax" + word, "leak-" + word + "@marker.example", "905555" + unique,
					"My ankle marker " + word + " hurts");
		}

		Visitor visitor() {
			String phone = "(905) 555-" + phoneDigits.substring(6);
			return new Visitor(name, email, phone, message);
		}

		/** What must never be logged: each field, and the phone however it might be written out. */
		Map<String, String> markers() {
			String last = phoneDigits.substring(6);
			return Map.of("name", name.substring(name.indexOf(' ') + 1), "email local part",
					email.substring(0, email.indexOf('@')), "phone", "555-" + last, "phone (digits)", phoneDigits,
					"phone (E.164)", "+1" + phoneDigits, "message", message.split(" ")[2]);
		}

	}

}

package ca.gagephysio.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.SettableClock;
import ca.gagephysio.inquiry.internal.AskingAbout;
import ca.gagephysio.inquiry.internal.BestTime;
import ca.gagephysio.inquiry.internal.HelpWith;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The weekly digest of a clinic far behind still reaches the owner: with 150 inquiries left unanswered, each from an
 * article of its own with a long address, the digest names the oldest {@link WeeklyDigest#OVERDUE_LINES} overdue and
 * the first {@link WeeklyDigest#ARTICLE_LINES} articles and counts the rest, so its text fits the outbox's body column
 * (10,000 characters) and its HTML the HTML column (30,000). Uncapped, its insert was refused and nobody got a digest,
 * as happened to the daily overdue summary (9b99f24).
 */
@ClinicIntegrationTest
class WeeklyDigestLengthTests {

	private static final ZoneId CLINIC = ZoneId.of("America/Toronto");

	/** A week no other test stores inquiries in. */
	private static final String WEEK = "2031-03-03";

	private static final String REFERENCE_PREFIX = "WDL";

	@RegisterExtension
	final SmtpServerPerTest smtp = new SmtpServerPerTest();

	@Autowired
	WeeklyDigest digest;

	@Autowired
	SettableClock clock;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void putTheHistoryAway() {
		clock.reset();
		// out of every other test's overdue list and figures; spam counts nowhere
		jdbc.sql("update inquiry set status = 'SPAM' where reference like ?").param(REFERENCE_PREFIX + "%").update();
	}

	@Test
	void aDigestOfALargeHistoryNamesTheFirstAndCountsTheRestAndIsStoredAndSent() {
		String longSlug = "x".repeat(170);
		for (int n = 0; n < 150; n++) {
			inquiries.save(inquiry("/articles/%s-%03d".formatted(longSlug, n), at(2031, 3, 4, 9, 0).plusSeconds(n)));
		}

		clock.set(at(2031, 3, 10, 7, 30));
		int queued = digest.runAt(clock.instant());

		assertThat(queued).as("one email per administrator who keeps the digest").isPositive();
		List<Map<String, Object>> rows = jdbc.sql("""
				select recipient_email, body, html_body from notification
				where kind = 'STAFF_NOTICE' and request_key = ?""")
			.param("digest-" + WEEK)
			.query()
			.listOfRows();
		assertThat(rows).hasSize(queued);
		String text = (String) rows.get(0).get("body");
		String html = (String) rows.get(0).get("html_body");
		assertThat(text.length()).isLessThan(10_000);
		assertThat(html.length()).isLessThan(30_000);
		assertThat(text).contains("Inquiries: 150")
			.containsPattern("\\d+ inquiries are overdue now")
			.containsPattern("- and \\d+ more, all in the inbox")
			.contains("- and 140 more articles, all on the insights page")
			.contains("\u2026: 1");
		assertThat(html).contains("and 140 more articles, all on the insights page");

		String owner = (String) rows.get(0).get("recipient_email");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.sql("select state from notification where request_key = ? and recipient_email = ?")
				.params("digest-" + WEEK, owner)
				.query(String.class)
				.single(), "SENT"::equals);
		List<MimeMessage> sent = smtp.server().messagesTo(owner, "150 inquiries");
		assertThat(sent).hasSize(1);
		assertThat(SmtpServer.textOf(sent.get(0))).contains("and 140 more articles");
	}

	private static Inquiry inquiry(String sourcePage, Instant createdAt) {
		String reference = REFERENCE_PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
		return new Inquiry(reference, null,
				new Inquiry.Contact("Lee Behind", "behind-" + UUID.randomUUID() + "@example.com", "905-555-0142"),
				new Inquiry.Request(HelpWith.FOOT_CARE, AskingAbout.BOTH, BestTime.MORNING, "My heel hurts"),
				new Inquiry.Consent(createdAt, "consent-v1"),
				new Inquiry.Source(sourcePage, null, null, null, null, null, null), createdAt, CLINIC);
	}

	private static Instant at(int year, int month, int day, int hour, int minute) {
		return LocalDateTime.of(year, month, day, hour, minute).atZone(CLINIC).toInstant();
	}

}

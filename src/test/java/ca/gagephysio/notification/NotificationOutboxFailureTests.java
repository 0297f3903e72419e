package ca.gagephysio.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static ca.gagephysio.notification.InquiryEmailTests.uniqueAddress;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the outbox records for the emails of a run counted as failed without being tried (the mail server could not
 * be used for the email before them, see {@code MailServerOutageTests}), on the database: the same attempt, error
 * and back-off as a tried email's failure, the last attempt leaving the email for staff; an email another run has
 * claimed meanwhile, or one the sender leaves to a run that tries it, is not touched.
 */
@ClinicIntegrationTest
class NotificationOutboxFailureTests {

	/** Later than any test's run: the scheduled sender never finds these rows due, so only this test touches them. */
	private static final Instant NOT_DUE = Instant.now().plus(Duration.ofDays(3650)).truncatedTo(ChronoUnit.SECONDS);

	/** The runs' clock here: just after the rows fall due. */
	private static final Instant RUN = NOT_DUE.plusSeconds(1);

	@Autowired
	NotificationOutbox outbox;

	@Autowired
	NotificationRepository notifications;

	@Autowired
	NotificationSettings settings;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	InquiryRepository inquiryRepository;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void eachWaitingEmailGetsTheFailedAttemptATriedOneWouldHaveGot() {
		Inquiry inquiry = new SubmittedInquiries(inquiryRepository, events, transactionManager).submit("Outage Counted",
				uniqueAddress("counted"), "Hello");
		long first = insert(inquiry, "PENDING", 0);
		long last = insert(inquiry, "PENDING", settings.maxAttempts() - 1);
		long claimedElsewhere = insert(inquiry, "SENDING", 2);
		long leftToATry = insert(inquiry, "PENDING", 0);
		Instant now = RUN;

		List<Notification> counted = outbox.recordFailureWithoutTrying(
				List.of(first, last, claimedElsewhere, leftToATry), "Connection refused", now,
				notification -> notification.getId() == leftToATry);

		assertThat(counted).extracting(Notification::getId).containsExactlyInAnyOrder(first, last);
		Notification firstNow = notifications.findById(first).orElseThrow();
		assertThat(firstNow.getState()).isEqualTo(Notification.State.PENDING);
		assertThat(firstNow.getAttempts()).isEqualTo(1);
		assertThat(firstNow.getLastError()).isEqualTo("Connection refused");
		assertThat(firstNow.getLastAttemptAt()).isEqualTo(now);
		assertThat(firstNow.getNextAttemptAt()).isEqualTo(now.plus(settings.backoff().delayAfter(1)));
		Notification lastNow = notifications.findById(last).orElseThrow();
		assertThat(lastNow.getState()).as("attempts ran out: it waits for staff").isEqualTo(Notification.State.FAILED);
		assertThat(lastNow.getAttempts()).isEqualTo(settings.maxAttempts());
		assertThat(lastNow.getNextAttemptAt()).isNull();
		Notification otherRun = notifications.findById(claimedElsewhere).orElseThrow();
		assertThat(otherRun.getState()).isEqualTo(Notification.State.SENDING);
		assertThat(otherRun.getAttempts()).isEqualTo(2);
		Notification untouched = notifications.findById(leftToATry).orElseThrow();
		assertThat(untouched.getState()).isEqualTo(Notification.State.PENDING);
		assertThat(untouched.getAttempts()).isZero();
		assertThat(untouched.getLastError()).isNull();
		assertThat(untouched.getNextAttemptAt()).isEqualTo(NOT_DUE);
	}

	/**
	 * Two sender runs (two instances) that cannot reach the mail server count the same emails at the same moment:
	 * each email gets one failed attempt, from one of them.
	 */
	@Test
	void twoRunsCountingTheSameEmailsAtOnceCountEachOnce() throws Exception {
		Inquiry inquiry = new SubmittedInquiries(inquiryRepository, events, transactionManager).submit("Outage Raced",
				uniqueAddress("raced"), "Hello");
		List<Long> ids = List.of(insert(inquiry, "PENDING", 0), insert(inquiry, "PENDING", 0),
				insert(inquiry, "PENDING", 0));
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService runs = Executors.newFixedThreadPool(2);
		try {
			List<Future<List<Notification>>> counted = new ArrayList<>();
			for (int run = 0; run < 2; run++) {
				counted.add(runs.submit(() -> {
					start.await();
					return outbox.recordFailureWithoutTrying(ids, "Connection refused", RUN, notification -> false);
				}));
			}
			start.countDown();
			int total = 0;
			for (Future<List<Notification>> each : counted) {
				total += each.get(30, TimeUnit.SECONDS).size();
			}
			assertThat(total).isEqualTo(ids.size());
		}
		finally {
			runs.shutdownNow();
		}
		assertThat(ids).allSatisfy(id -> assertThat(notifications.findById(id).orElseThrow().getAttempts()).isEqualTo(1));
	}

	private long insert(Inquiry inquiry, String state, int attempts) {
		String address = uniqueAddress("counted");
		jdbc.sql("""
				insert into notification (kind, inquiry_id, reference, service, submitted_at, recipient_email, state,
				  attempts, next_attempt_at, claimed_at, created_at)
				values ('ACKNOWLEDGEMENT', ?, ?, 'back-pain', ?, ?, ?, ?, ?, ?, ?)""")
			.params(inquiry.getId(), inquiry.getReference(), NOT_DUE.atOffset(ZoneOffset.UTC),
					address, state, attempts, NOT_DUE.atOffset(ZoneOffset.UTC),
					state.equals("SENDING") ? Instant.now().atOffset(ZoneOffset.UTC) : null,
					NOT_DUE.atOffset(ZoneOffset.UTC))
			.update();
		return jdbc.sql("select id from notification where recipient_email = ?")
			.param(address)
			.query(Long.class)
			.single();
	}

}

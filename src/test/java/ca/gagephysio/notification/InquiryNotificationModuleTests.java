package ca.gagephysio.notification;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;

import ca.gagephysio.inquiry.InquirySubmitted;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notification module with only the modules it depends on (inquiry, staff, clinic, site, shared), driven by the
 * inquiry module's event alone: an {@link InquirySubmitted} leaves the front desk's alert and the person's
 * acknowledgement in the outbox, in the transaction that announced the inquiry, so an inquiry rolled back leaves no
 * email behind. No mail server runs: the emails stay pending.
 * <p>
 * The inquiry module is bootstrapped with its beans (the mailbox reader injects its {@code InquiryAnswers}), so its
 * Java migrations (V35, V58) come with it; declaring them here as well would define them twice. Its own dependency
 * beyond this module's, the next opening for new clients (availability), is stood in for: the inquiry form is not
 * used here.
 * <p>
 * Closed after the class ({@link DirtiesContext}): its own outbox sender would otherwise go on sending, beside the
 * shared context's, the emails of the tests that follow, and their metrics and logs would be counted here.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
@DirtiesContext
class InquiryNotificationModuleTests {

	/** An inquiry id no stored inquiry has (the outbox keeps only the id), so two runs never meet. */
	private final long inquiryId = ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE);

	private final InquirySubmitted submitted = new InquirySubmitted(inquiryId, "GP-MODULE", "back-pain",
			Instant.now(), "module.test@example.com");

	@org.springframework.test.context.bean.override.mockito.MockitoBean
	ca.gagephysio.availability.NewClientOpenings openings;

	@Autowired
	NotificationRepository notifications;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void deleteTheQueuedEmails() {
		// In SQL, whatever their version: the sender may be trying one this very moment (see PersonalDataNotLoggedTests).
		jdbc.sql("delete from notification where inquiry_id = ?").param(inquiryId).update();
	}

	@Test
	void anInquirySubmittedQueuesTheFrontDesksAlertAndTheAcknowledgement(Scenario scenario) {
		scenario.publish(submitted)
			.andWaitForStateChange(() -> notifications.findByInquiryIdOrderByCreatedAtAscIdAsc(inquiryId),
					queued -> !queued.isEmpty())
			.andVerify(queued -> {
				assertThat(queued).extracting(Notification::getKind)
					.contains(Notification.Kind.STAFF_ALERT, Notification.Kind.ACKNOWLEDGEMENT);
				assertThat(queued).filteredOn(n -> n.getKind() == Notification.Kind.ACKNOWLEDGEMENT)
					.singleElement()
					.satisfies(ack -> {
						assertThat(ack.getRecipientEmail()).isEqualTo("module.test@example.com");
						assertThat(ack.getReference()).isEqualTo("GP-MODULE");
					});
			});
	}

	@Test
	void anInquiryRolledBackLeavesNoEmailBehind(Scenario scenario) {
		BiConsumer<TransactionOperations, ApplicationEventPublisher> announcedThenRolledBack = (transaction,
				events) -> transaction.executeWithoutResult(status -> {
					events.publishEvent(submitted);
					status.setRollbackOnly();
				});

		scenario.stimulate(announcedThenRolledBack)
			.andWaitForEventOfType(InquirySubmitted.class)
			.matchingMappedValue(InquirySubmitted::inquiryId, inquiryId)
			.toArriveAndVerify(event -> assertThat(notifications.findByInquiryIdOrderByCreatedAtAscIdAsc(inquiryId))
				.isEmpty());
	}

}

package ca.gagephysio.notification;

import java.util.UUID;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.InquiryPersonalDataErased;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When an inquiry's retention period ends, the outbox's copy of the person's address goes with it, and an
 * acknowledgement that never went out is given up rather than sent to nobody.
 */
@ClinicIntegrationTest
class RetentionErasureTests {

	@Autowired
	InquiryRepository inquiryRepository;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	NotificationRepository notifications;

	@Test
	void erasingAnInquirysPersonalDataErasesItFromItsUnsentEmails() {
		SubmittedInquiries inquiries = new SubmittedInquiries(inquiryRepository, events, transactionManager);
		String email = "erase-" + UUID.randomUUID() + "@example.org";
		Inquiry inquiry = inquiries.submit("Erase Me", email, "no longer needed");
		assertThat(notifications.findByInquiryIdOrderByCreatedAtAscIdAsc(inquiry.getId()))
			.anySatisfy(row -> assertThat(row.getRecipientEmail()).isEqualTo(email));

		new TransactionTemplate(transactionManager)
			.executeWithoutResult(status -> events.publishEvent(new InquiryPersonalDataErased(inquiry.getId())));

		assertThat(notifications.findByInquiryIdOrderByCreatedAtAscIdAsc(inquiry.getId()))
			.filteredOn(row -> row.getKind() == Notification.Kind.ACKNOWLEDGEMENT)
			.singleElement()
			.satisfies(row -> {
				assertThat(row.getRecipientEmail()).isNull();
				if (row.getSentAt() == null) {
					assertThat(row.getState()).isEqualTo(Notification.State.FAILED);
				}
			});
	}

}

package ca.gagephysio.notification;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import ca.gagephysio.inquiry.InquirySubmitted;
import ca.gagephysio.inquiry.internal.AskingAbout;
import ca.gagephysio.inquiry.internal.BestTime;
import ca.gagephysio.inquiry.internal.HelpWith;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores inquiries the way the inquiry module does (a genuine one and its {@link InquirySubmitted} event in one
 * transaction; a spam one without an event), each with a unique reference, so notification tests need not go
 * through the form.
 */
public final class SubmittedInquiries {

	private final InquiryRepository inquiries;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	public SubmittedInquiries(InquiryRepository inquiries, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager) {
		this.inquiries = inquiries;
		this.events = events;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	/** A genuine inquiry, stored and announced in one transaction. */
	public Inquiry submit(String name, String email, String message) {
		return transaction.execute(status -> {
			Inquiry inquiry = inquiries.save(newInquiry(name, email, message));
			events.publishEvent(new InquirySubmitted(inquiry.getId(), inquiry.getReference(),
					inquiry.getService().key(), inquiry.getCreatedAt(), inquiry.getEmail()));
			return inquiry;
		});
	}

	/** An inquiry spam control caught: stored, marked, and (as in the inquiry module) never announced. */
	public Inquiry storeSpam(String name, String email, String message) {
		return transaction.execute(status -> {
			Inquiry inquiry = newInquiry(name, email, message);
			inquiry.markSpam("honeypot");
			return inquiries.save(inquiry);
		});
	}

	/** A stored inquiry with no event, for tests that put outbox rows in place themselves. */
	public Inquiry storeWithoutEvent(String name, String email, String message) {
		return transaction.execute(status -> inquiries.save(newInquiry(name, email, message)));
	}

	/** The clinic's time zone in the tests ({@code clinic.time-zone}), which gives an inquiry's arrival day. */
	public static final ZoneId CLINIC_ZONE = ZoneId.of("America/Toronto");

	public static String uniqueReference() {
		return "T-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
	}

	private static Inquiry newInquiry(String name, String email, String message) {
		Instant now = Instant.now();
		return new Inquiry(uniqueReference(), null, new Inquiry.Contact(name, email, "905-555-0199"),
				new Inquiry.Request(HelpWith.BACK_PAIN, AskingAbout.BOTH, BestTime.ANY, message),
				new Inquiry.Consent(now, "test-consent"),
				new Inquiry.Source("/inquiry", null, null, null, null, null, null), now, CLINIC_ZONE);
	}

}

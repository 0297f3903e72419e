package ca.gagephysio.inquiry.inbox;

import java.time.Instant;
import java.util.UUID;

import ca.gagephysio.inquiry.internal.AskingAbout;
import ca.gagephysio.inquiry.internal.BestTime;
import ca.gagephysio.inquiry.internal.HelpWith;
import ca.gagephysio.inquiry.internal.Inquiry;

/**
 * Inquiries for tests, made with the entity's public constructor as the form would make them; each gets its own
 * reference, so tests can find their own rows in the shared database.
 */
final class TestInquiries {

	private TestInquiries() {
	}

	static Inquiry from(String name, String email, String phone, Instant createdAt) {
		String reference = "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
		return new Inquiry(reference, null, new Inquiry.Contact(name, email, phone),
				new Inquiry.Request(HelpWith.FOOT_CARE, AskingAbout.BOTH, BestTime.MORNING, "My heel hurts\nin the morning"),
				new Inquiry.Consent(createdAt, "consent-v1"),
				new Inquiry.Source("/articles/heel-pain", "https://www.google.com/", "google", "organic", null, null,
						null),
				createdAt);
	}

	static Inquiry from(String name) {
		return from(name, "person-" + UUID.randomUUID() + "@example.com", "905-555-0142", Instant.now());
	}

}

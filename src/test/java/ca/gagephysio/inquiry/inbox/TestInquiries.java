package ca.gagephysio.inquiry.inbox;

import java.time.Instant;
import java.time.ZoneId;
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
		return from(name, email, phone, createdAt, "/articles/heel-pain", "consent-v1");
	}

	/** An inquiry sent from a given page (as the form stores it: a slug or a path), agreeing to a consent version. */
	static Inquiry from(String name, String email, String phone, Instant createdAt, String sourcePage,
			String consentVersion) {
		String reference = "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
		return new Inquiry(reference, null, new Inquiry.Contact(name, email, phone),
				new Inquiry.Request(HelpWith.FOOT_CARE, AskingAbout.BOTH, BestTime.MORNING, "My heel hurts\nin the morning"),
				new Inquiry.Consent(createdAt, consentVersion),
				new Inquiry.Source(sourcePage, "https://www.google.com/", "google", "organic", null, null, null),
				createdAt, ZoneId.of("America/Toronto"));
	}

	static Inquiry cameFrom(String sourcePage) {
		return from("Page Visitor", uniqueEmail(), "905-555-0142", Instant.now(), sourcePage, "consent-v1");
	}

	static Inquiry agreedTo(String consentVersion) {
		return from("Consent Giver", uniqueEmail(), "905-555-0142", Instant.now(), "home", consentVersion);
	}

	static Inquiry from(String name) {
		return from(name, uniqueEmail(), "905-555-0142", Instant.now());
	}

	static String uniqueEmail() {
		return "person-" + UUID.randomUUID() + "@example.com";
	}

}

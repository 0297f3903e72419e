package ca.gagephysio.inquiry.form;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import ca.gagephysio.inquiry.InquirySubmitted;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores a posted inquiry: claims its form token, flags a possible duplicate, and announces a genuine one with
 * {@link InquirySubmitted} in the same transaction, so the inquiry, the token's use and every listener's outbox entry
 * commit together before the person is shown the confirmation.
 */
@Service
class InquiryIntake {

	/** No 0/O, 1/I/L: a reference read out over the phone should not be misheard. */
	private static final char[] REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();

	private final InquiryRepository inquiries;

	private final UsedFormTokens usedTokens;

	private final ApplicationEventPublisher events;

	private final Duration duplicateWindow;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	InquiryIntake(InquiryRepository inquiries, UsedFormTokens usedTokens, ApplicationEventPublisher events,
			InquiryFormProperties properties, ObjectProvider<Clock> clock) {
		this.inquiries = inquiries;
		this.usedTokens = usedTokens;
		this.events = events;
		this.duplicateWindow = properties.duplicateWindow();
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/** The reference of the inquiry a form token already created, if any. */
	@Transactional(readOnly = true)
	Optional<String> referenceCreatedBy(String tokenId) {
		return inquiries.findByFormTokenId(tokenId).map(Inquiry::getReference);
	}

	/**
	 * The reference of the inquiry a form token created, waiting a moment for a post of the same token still being
	 * committed by another request. Not transactional itself: each look is its own short read.
	 */
	Optional<String> awaitReferenceCreatedBy(String tokenId) {
		for (int attempt = 0; attempt < 10; attempt++) {
			Optional<String> reference = inquiries.findByFormTokenId(tokenId).map(Inquiry::getReference);
			if (reference.isPresent()) {
				return reference;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return Optional.empty();
	}

	/**
	 * Stores the inquiry.
	 * @param tokenId the id of the form token, if its signature was genuine (it is then claimed); else {@code null}
	 * @param spamReason why spam control caught it, or {@code null} for a genuine inquiry
	 * @return the reference shown to the person
	 * @throws org.springframework.dao.DataAccessException if the token was used meanwhile (a duplicate key, or a lock
	 * conflict with the other post, depending on the database)
	 */
	@Transactional
	String store(InquiryForm form, LeadSource source, String consentVersion, String tokenId, String spamReason) {
		if (tokenId != null) {
			usedTokens.claim(tokenId);
		}
		Instant now = clock.instant();
		Inquiry inquiry = new Inquiry(newReference(), tokenId, new Inquiry.Contact(form.name(), form.email(), form.phone()),
				new Inquiry.Request(form.service(), form.askingAbout(), form.bestTime(), form.message()),
				new Inquiry.Consent(now, consentVersion), source.toSource(), now);
		if (spamReason != null) {
			inquiry.markSpam(spamReason);
		}
		inquiries.findFirstFromSameContactSince(form.email(), Inquiry.digitsOf(form.phone()), now.minus(duplicateWindow))
			.ifPresent(first -> inquiry.flagPossibleDuplicateOf(first.getId()));
		inquiries.save(inquiry);
		if (spamReason == null) {
			// Heard by notification.NotificationOutbox, which queues the front desk's alerts and the acknowledgement.
			events.publishEvent(new InquirySubmitted(inquiry.getId(), inquiry.getReference(), form.service().key(), now,
					inquiry.getEmail()));
		}
		return inquiry.getReference();
	}

	private String newReference() {
		String reference;
		do {
			StringBuilder text = new StringBuilder(9);
			for (int i = 0; i < 8; i++) {
				if (i == 4) {
					text.append('-');
				}
				text.append(REFERENCE_ALPHABET[random.nextInt(REFERENCE_ALPHABET.length)]);
			}
			reference = text.toString();
		}
		while (inquiries.findByReference(reference).isPresent());
		return reference;
	}

}

package ca.gagephysio.inquiry.form;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import ca.gagephysio.availability.NewClientOpenings;
import ca.gagephysio.availability.ShownOpening;
import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.inquiry.InquirySubmitted;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.shared.PhoneNumbers;

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

	private final PhoneNumbers phones;

	private final ClinicFacts clinic;

	private final NewClientOpenings openings;

	private final SecureRandom random = new SecureRandom();

	InquiryIntake(InquiryRepository inquiries, UsedFormTokens usedTokens, ApplicationEventPublisher events,
			InquiryFormProperties properties, ObjectProvider<Clock> clock, PhoneNumbers phones, ClinicFacts clinic,
			NewClientOpenings openings) {
		this.openings = openings;
		this.inquiries = inquiries;
		this.usedTokens = usedTokens;
		this.events = events;
		this.duplicateWindow = properties.duplicateWindow();
		this.clock = clock.getIfUnique(Clock::systemUTC);
		this.phones = phones;
		this.clinic = clinic;
	}

	/**
	 * The inquiry a form token already created, if any, and whether this post repeats it: the same form sent twice
	 * (a double click, a browser resending) or edited in between (Back, a word changed, Send again).
	 */
	@Transactional(readOnly = true)
	Optional<EarlierPost> earlierPostOf(String tokenId, InquiryForm form) {
		return findEarlierPost(tokenId, form);
	}

	/**
	 * As {@link #earlierPostOf}, waiting a moment for a post of the same token still being committed by another
	 * request. Not transactional itself: each look is its own short read.
	 */
	Optional<EarlierPost> awaitEarlierPostOf(String tokenId, InquiryForm form) {
		for (int attempt = 0; attempt < 10; attempt++) {
			Optional<EarlierPost> earlier = findEarlierPost(tokenId, form);
			if (earlier.isPresent()) {
				return earlier;
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

	private Optional<EarlierPost> findEarlierPost(String tokenId, InquiryForm form) {
		return inquiries.findByFormTokenId(tokenId)
			.map(inquiry -> new EarlierPost(inquiry.getReference(),
					usedTokens.contentDigestOf(tokenId).filter(form.contentDigest()::equals).isPresent()));
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
		return store(form, source, consentVersion, tokenId, spamReason, false);
	}

	/**
	 * Stores the inquiry, as {@link #store(InquiryForm, LeadSource, String, String, String)}.
	 * @param floodLimitUncounted the form's flood limit could not count this post: it is stored all the same, held
	 * for review ({@link Inquiry#FLOOD_LIMIT_UNCOUNTED}), and the front desk is alerted, but no acknowledgement goes
	 * to the address typed, since nothing limited how many such posts a flood could make the clinic email
	 */
	@Transactional
	String store(InquiryForm form, LeadSource source, String consentVersion, String tokenId, String spamReason,
			boolean floodLimitUncounted) {
		if (tokenId != null) {
			usedTokens.claim(tokenId, form.contentDigest());
		}
		Instant now = clock.instant();
		Inquiry inquiry = new Inquiry(newReference(), tokenId, new Inquiry.Contact(form.name(), form.email(), form.phone()),
				new Inquiry.Request(form.service(), form.askingAbout(), form.bestTime(), form.message()),
				new Inquiry.Consent(now, consentVersion), source.toSource(), now, clinic.timeZone());
		// What the form showed now: the page cache drops the form whenever either changes (a save publishes
		// PublicContentChanged, an opening's day ending is a ChangeSchedule instant), so this is what the person saw.
		boolean waitingList = openings.waitingList();
		List<ShownOpening> shown = openings.shown();
		inquiry.shownWhenSent(waitingList, openings.shownText(Inquiry.OPENING_SHOWN_MAX).orElse(null),
				shown.stream().map(ShownOpening::date).min(Comparator.naturalOrder()).orElse(null));
		if (spamReason != null) {
			inquiry.markSpam(spamReason);
		}
		if (floodLimitUncounted) {
			inquiry.holdForReview(Inquiry.FLOOD_LIMIT_UNCOUNTED);
		}
		String phoneGlobal = form.phone() == null ? null : phones.parse(form.phone()).map(PhoneNumbers.Phone::globalNumber).orElse(null);
		inquiries.findFirstFromSameContactSince(form.email(), phoneGlobal, now.minus(duplicateWindow))
			.ifPresent(first -> inquiry.flagPossibleDuplicateOf(first.getId()));
		inquiries.save(inquiry);
		if (spamReason == null) {
			// Heard by notification.NotificationOutbox, which queues the front desk's alerts and the acknowledgement.
			// Held for review, it is announced without the address: the front desk's alert, no acknowledgement.
			events.publishEvent(new InquirySubmitted(inquiry.getId(), inquiry.getReference(), form.service().key(), now,
					floodLimitUncounted ? null : inquiry.getEmail(), waitingList));
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

	/**
	 * An inquiry already created by the token a post carries.
	 * @param reference its reference
	 * @param sameContent the post says exactly what that inquiry was sent with; {@code false} when it differs, or
	 * when that can no longer be known (the token's record was forgotten)
	 */
	record EarlierPost(String reference, boolean sameContent) {
	}

}

package ca.gagephysio.inquiry.internal;

import java.text.Normalizer;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import ca.gagephysio.shared.PhoneNumbers;

/**
 * One cost-and-availability inquiry, exactly as the person sent it, with where it came from, the consent they gave
 * and how the front desk is following it up. What the person sent is never overwritten: staff corrections are
 * notes. Only the retention job clears the personal fields, once the inquiry is long closed.
 * <p>
 * The name is kept in Unicode Normalization Form C (canonically the same text, in the composed form most software
 * produces), and two things are derived from what the person sent when it is first stored, for the inbox:
 * the phone number in E.164 form and the folded {@link SearchTerms} (see {@link InquirySearchKeysListener}).
 */
@Entity
@Table(name = "inquiry")
@EntityListeners(InquirySearchKeysListener.class)
public class Inquiry {

	/**
	 * {@link #getReviewReason()}: it arrived while the form's flood limit could not count posts (a database error),
	 * so nothing vouches that it is not one of a flood. Kept, never refused: the person was told it arrived.
	 */
	public static final String FLOOD_LIMIT_UNCOUNTED = "flood-limit-uncounted";

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, updatable = false)
	private String reference;

	/** Id of the one-time form token that created this inquiry, so a repeated post finds it instead of adding one. */
	@Column(updatable = false)
	private String formTokenId;

	private String name;

	private String email;

	private String phone;

	/**
	 * The phone number in E.164 form ({@code +19055550142}), to recognise and dial the same number however it was
	 * typed; {@code null} if none was given or it is not a possible number.
	 */
	@Column(name = "phone_global")
	private String phoneGlobal;

	/**
	 * The folded words the inbox search matches by prefix (see {@link SearchTerms}): personal data, erased with the
	 * fields they come from.
	 */
	@ElementCollection
	@CollectionTable(name = "inquiry_search_term", joinColumns = @JoinColumn(name = "inquiry_id"))
	@Column(name = "term", nullable = false, length = SearchTerms.MAX_LENGTH)
	private Set<String> searchTerms = new HashSet<>();

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, updatable = false)
	private HelpWith service;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, updatable = false)
	private AskingAbout askingAbout;

	@Enumerated(EnumType.STRING)
	@Column(updatable = false)
	private BestTime bestTime;

	private String message;

	@Column(nullable = false, updatable = false)
	private Instant consentGivenAt;

	/** Which wording of the consent the person saw: a hash of the text. */
	@Column(nullable = false, updatable = false)
	private String consentVersion;

	@Column(updatable = false)
	private String sourcePage;

	private String referrer;

	private String utmSource;

	private String utmMedium;

	private String utmCampaign;

	private String utmTerm;

	private String utmContent;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private InquiryStatus status;

	private String spamReason;

	private Long possibleDuplicateOf;

	/**
	 * Why staff should check this inquiry is genuine before trusting it, or {@code null}: {@link #FLOOD_LIMIT_UNCOUNTED}.
	 * Set when it is stored and never cleared: it says how it arrived.
	 */
	@Column(updatable = false)
	private String reviewReason;

	@Column(nullable = false, updatable = false)
	private Instant createdAt;

	/**
	 * The calendar day it arrived in the clinic's time zone, fixed at arrival (as a page view's day is), so the
	 * owner's insights select and group by a stored date instead of converting every arrival instant. Empty only
	 * for one stored by the previous release during a rolling upgrade, until {@link ArrivalDays} fills it in.
	 */
	@Column(updatable = false)
	private LocalDate arrivalDay;

	/** The Monday of {@link #arrivalDay}'s week (weeks start on Monday, ISO 8601). */
	@Column(updatable = false)
	private LocalDate arrivalWeek;

	/** The staff account it is assigned to (an id from the staff module), or {@code null}. */
	private Long assignedTo;

	private Instant firstOpenedAt;

	private Instant firstRespondedAt;

	/**
	 * Seconds of the clinic's opening hours between arrival and {@link #firstRespondedAt} (its hours and holidays
	 * when the response was recorded), or {@code null} while unanswered or not yet worked out.
	 */
	private Long firstResponseOpenSeconds;

	/** Whether the first response came within one business day; {@code null} like {@link #firstResponseOpenSeconds}. */
	private Boolean firstResponseInTime;

	private Instant statusChangedAt;

	/** Whether it was ever moved to {@code BOOKED} (for the owner's insights: booked, then closed, still counts). */
	@Column(nullable = false)
	private boolean reachedBooked;

	private Instant personalDataErasedAt;

	/**
	 * A patient's answer arrived by email and nobody has opened the inquiry since (set and cleared by
	 * {@link InquiryRepository#markAnswerArrived} and {@link InquiryRepository#markRead}).
	 */
	@Column(nullable = false)
	private boolean unread;

	/** A patient's answer waits for the clinic: cleared when the clinic replies or reaches them by phone. */
	@Column(nullable = false)
	private boolean waitingForUs;

	/** The person joined the waiting list: the clinic was not accepting new clients when they sent the form. */
	@Column(nullable = false, updatable = false)
	private boolean waitingList;

	/** The next new-client opening the form showed when they sent it, as shown, or {@code null} if none was. */
	@Column(updatable = false)
	private String openingShown;

	/** The earliest day of {@link #openingShown}, clinic time, or {@code null}. */
	@Column(updatable = false)
	private LocalDate openingShownOn;

	/**
	 * Put away until this time (a staff member's "call back Tuesday morning"): out of the inbox's lists until then,
	 * and back at the top of them, flagged, from then until someone answers it or changes its status. The rule is
	 * read against the clock at each query, so no job has to wake it.
	 */
	private Instant snoozedUntil;

	/**
	 * Where it sorts in the inbox's newest-first lists: {@link #snoozedUntil} while set (one back from a snooze is at
	 * the top from its time on), else {@link #createdAt}. Kept in a column, not computed in the query, so both
	 * databases read a page's ids from an index in this order (V97) instead of sorting 100,000 rows for each page
	 * (benchmark/back-office.sh); changed only through {@link #putAway(Instant)}.
	 */
	@Column(nullable = false)
	private Instant listedAt;

	/** When a follow-up reminder is due, or {@code null}; cleared by the one run of the reminder job that sends it. */
	private Instant remindAt;

	/** Who set the reminder (a staff account id): told when nobody is assigned. */
	private Long remindStaffId;

	/**
	 * What the reminder is about, as staff typed it ("call back about insurance"), one line, or {@code null}; goes with
	 * the reminder (cleared when it is sent or removed) and with the person's data under the retention policy.
	 */
	private String remindNote;

	/** When its assignee (or the alert recipients) was emailed that it is overdue; set once, never cleared. */
	@Column(updatable = false, insertable = false)
	private Instant overdueAlertedAt;

	/**
	 * The last answer (a reply, a call) by anyone. Each answer changes the row, so its {@link #getVersion()} moves:
	 * the stamp the inbox's forms carry to notice an answer or change made since the page was opened.
	 */
	private Instant lastAnsweredAt;

	@Version
	private long version;

	protected Inquiry() {
		// for JPA
	}

	/**
	 * A new inquiry as the person sent it.
	 *
	 * @param createdAt when it arrived
	 * @param clinicZone the clinic's time zone, which gives the day it arrived
	 */
	public Inquiry(String reference, String formTokenId, Contact contact, Request request, Consent consent,
			Source source, Instant createdAt, ZoneId clinicZone) {
		this.reference = reference;
		this.formTokenId = formTokenId;
		this.name = composed(contact.name());
		this.email = contact.email();
		this.phone = contact.phone();
		this.service = request.service();
		this.askingAbout = request.askingAbout();
		this.bestTime = request.bestTime();
		this.message = request.message();
		this.consentGivenAt = consent.givenAt();
		this.consentVersion = consent.version();
		this.sourcePage = source.page();
		this.referrer = source.referrer();
		this.utmSource = source.utmSource();
		this.utmMedium = source.utmMedium();
		this.utmCampaign = source.utmCampaign();
		this.utmTerm = source.utmTerm();
		this.utmContent = source.utmContent();
		this.createdAt = createdAt;
		this.listedAt = createdAt;
		this.arrivalDay = LocalDate.ofInstant(createdAt, clinicZone);
		this.arrivalWeek = weekOf(arrivalDay);
		this.status = InquiryStatus.NEW;
	}

	/** The Monday of the week {@code day} falls in (ISO 8601 weeks start on Monday). */
	public static LocalDate weekOf(LocalDate day) {
		return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
	}

	/**
	 * A name in Unicode Normalization Form C (Unicode Standard Annex #15): {@code Zoe} + U+0301, as some Mac
	 * applications paste it, becomes {@code Zoé}. The same text to a reader, but one spelling for every program
	 * that compares, sorts or exports it. {@code null} stays {@code null}.
	 */
	public static String composed(String name) {
		return name == null ? null : Normalizer.normalize(name, Normalizer.Form.NFC);
	}

	/**
	 * Derives what the inbox looks people up by from what they sent: the E.164 phone number and the search terms
	 * of the name, email, phone and reference. Called when the inquiry is first stored; what the person sent is
	 * never changed afterwards, so neither is this, until erasure.
	 */
	void indexForSearch(PhoneNumbers phones) {
		phoneGlobal = SearchTerms.globalNumber(phone, phones);
		searchTerms = new HashSet<>(SearchTerms.ofInquiry(reference, name, email, phone, phones));
	}

	/** Spam control caught it: kept, so a real person caught by mistake can be found, but out of the way. */
	public void markSpam(String reason) {
		this.status = InquiryStatus.SPAM;
		this.spamReason = reason;
	}

	/**
	 * What the form showed the person when they sent it, so the inquiry keeps it whatever the front desk sets later.
	 *
	 * @param waitingList the form was "Join the waiting list" (the clinic was not accepting new clients)
	 * @param openingText the next new-client opening as shown (at most {@link #OPENING_SHOWN_MAX} characters), or
	 * {@code null} if none was shown
	 * @param openingDay the earliest day in it, clinic time, or {@code null}
	 */
	public void shownWhenSent(boolean waitingList, String openingText, LocalDate openingDay) {
		this.waitingList = waitingList;
		this.openingShown = openingText;
		this.openingShownOn = openingDay;
	}

	/** The length of the {@code opening_shown} column. */
	public static final int OPENING_SHOWN_MAX = 500;

	/** Staff should check it is genuine, for this reason (see {@link #getReviewReason()}). */
	public void holdForReview(String reason) {
		this.reviewReason = reason;
	}

	public void flagPossibleDuplicateOf(Long earlierInquiryId) {
		this.possibleDuplicateOf = earlierInquiryId;
	}

	/** Records the first time any staff member opened it. */
	public void openedAt(Instant when) {
		if (firstOpenedAt == null) {
			firstOpenedAt = when;
		}
	}

	/** Moves it to another status; the first move out of NEW is the clinic's first response. */
	public void changeStatus(InquiryStatus newStatus, Instant when) {
		if (newStatus == status) {
			return;
		}
		if (status == InquiryStatus.NEW && firstRespondedAt == null) {
			firstRespondedAt = when;
		}
		status = newStatus;
		statusChangedAt = when;
		if (snoozedUntil != null && !snoozedUntil.isAfter(when)) {
			// handled: it is no longer flagged as back from a snooze
			putAway(null);
		}
		if (newStatus == InquiryStatus.BOOKED) {
			reachedBooked = true;
		}
	}

	/**
	 * The clinic answered (a reply, a call that reached the person or left a message): the first response, if none
	 * was recorded yet. The status is the caller's business.
	 */
	public void respondedAt(Instant when) {
		if (firstRespondedAt == null) {
			firstRespondedAt = when;
		}
		waitingForUs = false;
	}

	/**
	 * Records how long the first response took in the clinic's opening hours; only once, the first time it is known.
	 *
	 * @param openSeconds seconds of opening hours between arrival and the first response, not negative
	 * @param inTime whether it came within one business day
	 */
	public void firstResponseTook(long openSeconds, boolean inTime) {
		if (firstRespondedAt != null && firstResponseOpenSeconds == null) {
			firstResponseOpenSeconds = openSeconds;
			firstResponseInTime = inTime;
		}
	}

	/**
	 * Puts it away until {@code until} (see {@link #getSnoozedUntil()}); {@code null} brings it back now.
	 */
	public void snoozeUntil(Instant until) {
		putAway(until);
	}

	private void putAway(Instant until) {
		this.snoozedUntil = until;
		this.listedAt = until != null ? until : createdAt;
	}

	/** Whether it is snoozed at {@code now}: out of the lists. */
	public boolean isSnoozedAt(Instant now) {
		return snoozedUntil != null && snoozedUntil.isAfter(now);
	}

	/** Whether it came back from a snooze by {@code now} and nobody has answered or changed it since: flagged. */
	public boolean isBackFromSnoozeAt(Instant now) {
		return snoozedUntil != null && !snoozedUntil.isAfter(now);
	}

	/**
	 * A follow-up reminder at {@code when}, set by {@code staffAccountId}, with an optional note (blank is none);
	 * {@code null} removes it and its note.
	 */
	public void remindAt(Instant when, Long staffAccountId, String note) {
		this.remindAt = when;
		this.remindStaffId = when == null ? null : staffAccountId;
		this.remindNote = when == null || note == null || note.isBlank() ? null : note.strip();
	}

	/**
	 * Someone answered (a reply, a call): stamped, which moves the version, and a snooze it came back from is done.
	 */
	public void answeredAt(Instant when) {
		lastAnsweredAt = when;
		if (snoozedUntil != null && !snoozedUntil.isAfter(when)) {
			putAway(null);
		}
	}

	public void assignTo(Long staffAccountId) {
		this.assignedTo = staffAccountId;
	}

	/** Clears everything that identifies the person, keeping what anonymous counts need. */
	public void erasePersonalData(Instant when) {
		name = null;
		email = null;
		phone = null;
		phoneGlobal = null;
		// Only the reference's terms stay: it is not personal, and staff still look closed inquiries up by it.
		searchTerms.retainAll(SearchTerms.of(reference));
		message = null;
		referrer = null;
		// staff's words about the person, as a note is
		remindNote = null;
		// Kept: waitingList, openingShown and openingShownOn are the clinic's own words and state when the form was
		// sent, nothing the person typed or that describes them; the waiting-list counts need them.
		personalDataErasedAt = when;
	}

	public Long getId() {
		return id;
	}

	public String getReference() {
		return reference;
	}

	public String getFormTokenId() {
		return formTokenId;
	}

	public String getName() {
		return name;
	}

	public String getEmail() {
		return email;
	}

	public String getPhone() {
		return phone;
	}

	public String getPhoneGlobal() {
		return phoneGlobal;
	}

	public HelpWith getService() {
		return service;
	}

	public AskingAbout getAskingAbout() {
		return askingAbout;
	}

	public BestTime getBestTime() {
		return bestTime;
	}

	public String getMessage() {
		return message;
	}

	public Instant getConsentGivenAt() {
		return consentGivenAt;
	}

	public String getConsentVersion() {
		return consentVersion;
	}

	public String getSourcePage() {
		return sourcePage;
	}

	public String getReferrer() {
		return referrer;
	}

	public String getUtmSource() {
		return utmSource;
	}

	public String getUtmMedium() {
		return utmMedium;
	}

	public String getUtmCampaign() {
		return utmCampaign;
	}

	public String getUtmTerm() {
		return utmTerm;
	}

	public String getUtmContent() {
		return utmContent;
	}

	public InquiryStatus getStatus() {
		return status;
	}

	public String getSpamReason() {
		return spamReason;
	}

	public boolean isWaitingList() {
		return waitingList;
	}

	public String getOpeningShown() {
		return openingShown;
	}

	public LocalDate getOpeningShownOn() {
		return openingShownOn;
	}

	public String getReviewReason() {
		return reviewReason;
	}

	public Long getPossibleDuplicateOf() {
		return possibleDuplicateOf;
	}

	public LocalDate getArrivalDay() {
		return arrivalDay;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public Long getAssignedTo() {
		return assignedTo;
	}

	public Instant getFirstOpenedAt() {
		return firstOpenedAt;
	}

	public Instant getFirstRespondedAt() {
		return firstRespondedAt;
	}

	public Long getFirstResponseOpenSeconds() {
		return firstResponseOpenSeconds;
	}

	public Boolean getFirstResponseInTime() {
		return firstResponseInTime;
	}

	public Instant getStatusChangedAt() {
		return statusChangedAt;
	}

	public boolean isUnread() {
		return unread;
	}

	public boolean isWaitingForUs() {
		return waitingForUs;
	}

	public Instant getPersonalDataErasedAt() {
		return personalDataErasedAt;
	}

	public Instant getSnoozedUntil() {
		return snoozedUntil;
	}

	public Instant getRemindAt() {
		return remindAt;
	}

	public Long getRemindStaffId() {
		return remindStaffId;
	}

	/** The reminder's note, one line, or {@code null}. */
	public String getRemindNote() {
		return remindNote;
	}

	public Instant getOverdueAlertedAt() {
		return overdueAlertedAt;
	}

	public Instant getLastAnsweredAt() {
		return lastAnsweredAt;
	}

	public long getVersion() {
		return version;
	}

	/** Who sent it and how to reach them. */
	public record Contact(String name, String email, String phone) {
	}

	/** What they asked. */
	public record Request(HelpWith service, AskingAbout askingAbout, BestTime bestTime, String message) {
	}

	/** The consent as given: when, and which wording. */
	public record Consent(Instant givenAt, String version) {
	}

	/** Where the lead came from, recorded on the server. */
	public record Source(String page, String referrer, String utmSource, String utmMedium, String utmCampaign,
			String utmTerm, String utmContent) {
	}

}

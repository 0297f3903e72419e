package ca.gagephysio.notification;

import java.time.Duration;
import java.time.Instant;

import ca.gagephysio.inquiry.InquirySubmitted;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One email waiting in (or gone from) the outbox. It holds what the email needs and nothing more: the staff alert
 * carries no personal data at all, the acknowledgement the person's name and address only until it is sent. The
 * text is rendered when it is sent, so how long ago it came in is true when the front desk reads it.
 */
@Entity
@Table(name = "notification")
class Notification {

	/** Which email this is. */
	enum Kind {

		/** To the front desk: a new inquiry is waiting in the inbox. */
		STAFF_ALERT("staff-alert"),

		/** To the person: we received your inquiry. */
		ACKNOWLEDGEMENT("acknowledgement");

		private final String key;

		Kind(String key) {
			this.key = key;
		}

		/** The part of message keys and template names that names this kind. */
		String key() {
			return key;
		}

	}

	/**
	 * Where the email stands. {@code SENDING} is a claim: the one sender run that set it owns the row until it
	 * records the outcome, so two runs never send the same row.
	 */
	enum State {

		PENDING, SENDING, SENT, FAILED

	}

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, updatable = false)
	private Kind kind;

	@Column(nullable = false, updatable = false)
	private long inquiryId;

	@Column(nullable = false, updatable = false)
	private String reference;

	@Column(nullable = false, updatable = false)
	private String service;

	@Column(nullable = false, updatable = false)
	private Instant submittedAt;

	private String recipientName;

	private String recipientEmail;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private State state;

	private int attempts;

	private Instant nextAttemptAt;

	private Instant claimedAt;

	private Instant lastAttemptAt;

	private String lastError;

	private Instant sentAt;

	@Column(nullable = false, updatable = false)
	private Instant createdAt;

	@Version
	private long version;

	protected Notification() {
		// for JPA
	}

	private Notification(Kind kind, InquirySubmitted inquiry, String recipientName, String recipientEmail,
			Instant now) {
		this.kind = kind;
		this.inquiryId = inquiry.inquiryId();
		this.reference = inquiry.reference();
		this.service = inquiry.service();
		this.submittedAt = inquiry.submittedAt();
		this.recipientName = recipientName;
		this.recipientEmail = recipientEmail;
		this.state = State.PENDING;
		this.nextAttemptAt = now;
		this.createdAt = now;
	}

	/** The front desk's email about a new inquiry; its recipients come from configuration when it is sent. */
	static Notification staffAlert(InquirySubmitted inquiry, Instant now) {
		return new Notification(Kind.STAFF_ALERT, inquiry, null, null, now);
	}

	/** The person's acknowledgement, to the address they gave. */
	static Notification acknowledgement(InquirySubmitted inquiry, Instant now) {
		return new Notification(Kind.ACKNOWLEDGEMENT, inquiry, truncate(inquiry.name(), 100),
				inquiry.email().strip(), now);
	}

	/** Delivered: the person's name and address are no longer needed here, so they go. */
	void sent(Instant now) {
		state = State.SENT;
		sentAt = now;
		lastAttemptAt = now;
		attempts++;
		claimedAt = null;
		nextAttemptAt = null;
		lastError = null;
		recipientName = null;
		recipientEmail = null;
	}

	/** The person's details were erased under the retention policy: nothing left to send to. */
	void forgetRecipient() {
		recipientName = null;
		recipientEmail = null;
		if (state != State.SENT && kind == Kind.ACKNOWLEDGEMENT) {
			state = State.FAILED;
			nextAttemptAt = null;
			claimedAt = null;
			lastError = "personal data erased under the retention policy";
		}
	}

	/**
	 * An attempt failed: try again later, waiting twice as long each time (up to {@code maxDelay}), until
	 * {@code maxAttempts} have failed; then it is {@code FAILED} and waits for a person to retry it.
	 */
	void failed(String error, Instant now, Backoff backoff) {
		attempts++;
		lastAttemptAt = now;
		lastError = truncate(error, 300);
		claimedAt = null;
		if (attempts >= backoff.maxAttempts()) {
			state = State.FAILED;
			nextAttemptAt = null;
		}
		else {
			state = State.PENDING;
			nextAttemptAt = now.plus(backoff.delayAfter(attempts));
		}
	}

	/** Failed in a way another attempt cannot fix (an address that is not one): give up at once. */
	void failedForGood(String error, Instant now) {
		attempts++;
		lastAttemptAt = now;
		lastError = truncate(error, 300);
		claimedAt = null;
		state = State.FAILED;
		nextAttemptAt = null;
	}

	/**
	 * A staff member asked to send it again: a failed one starts a fresh round of attempts, a waiting one is tried
	 * at the next run. One being sent or already sent is left alone, so a double click sends nothing twice.
	 */
	void retry(Instant now) {
		if (state == State.FAILED) {
			attempts = 0;
		}
		if (state == State.FAILED || state == State.PENDING) {
			state = State.PENDING;
			nextAttemptAt = now;
		}
	}

	boolean isStaffAlert() {
		return kind == Kind.STAFF_ALERT;
	}

	/** Pending with failed attempts behind it: the mail server is refusing or unreachable. */
	boolean isRetrying() {
		return state == State.PENDING && attempts > 0;
	}

	private static String truncate(String text, int length) {
		if (text == null || text.length() <= length) {
			return text;
		}
		return text.substring(0, length);
	}

	Long getId() {
		return id;
	}

	Kind getKind() {
		return kind;
	}

	long getInquiryId() {
		return inquiryId;
	}

	String getReference() {
		return reference;
	}

	String getService() {
		return service;
	}

	Instant getSubmittedAt() {
		return submittedAt;
	}

	String getRecipientName() {
		return recipientName;
	}

	String getRecipientEmail() {
		return recipientEmail;
	}

	State getState() {
		return state;
	}

	int getAttempts() {
		return attempts;
	}

	Instant getNextAttemptAt() {
		return nextAttemptAt;
	}

	Instant getClaimedAt() {
		return claimedAt;
	}

	Instant getLastAttemptAt() {
		return lastAttemptAt;
	}

	String getLastError() {
		return lastError;
	}

	Instant getSentAt() {
		return sentAt;
	}

	Instant getCreatedAt() {
		return createdAt;
	}

	/**
	 * How long to wait between attempts.
	 *
	 * @param firstDelay the wait after the first failure
	 * @param maxDelay the longest wait
	 * @param maxAttempts attempts before giving up
	 */
	record Backoff(Duration firstDelay, Duration maxDelay, int maxAttempts) {

		Duration delayAfter(int failedAttempts) {
			int doublings = Math.min(failedAttempts - 1, 30);
			Duration delay = firstDelay.multipliedBy(1L << doublings);
			return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
		}

	}

}

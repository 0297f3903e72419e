package ca.gagephysio.notification;

import java.time.Duration;
import java.time.Instant;

import ca.gagephysio.inquiry.InquiryReplyWritten;
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
 * One email to one address, waiting in (or gone from) the outbox. It holds what the email needs and nothing more:
 * the reference, the service and when the inquiry came in, and the one address it goes to. Nothing the person
 * typed is kept here but their email address, and only until the acknowledgement is sent; a staff alert keeps its
 * staff address, so the timeline can say who was told. The text is rendered when it is sent, so how long ago the
 * inquiry came in is true when the front desk reads it.
 * <p>
 * Each front-desk alert row has its own recipient: one refused or failing address never holds up, repeats or fails
 * the email to anyone else. An alert with no address (queued while nobody was set to receive alerts, or left by an
 * older version that addressed alerts when sending) is addressed by the outbox before it is sent.
 * <p>
 * A reply is the one kind that carries text: what a staff member wrote and previewed, kept as sent (for the
 * timeline) until the retention policy erases it with the inquiry's other personal data.
 */
@Entity
@Table(name = "notification")
class Notification {

	/** Which email this is. */
	enum Kind {

		/** To the front desk: a new inquiry is waiting in the inbox. */
		STAFF_ALERT("staff-alert"),

		/** To the person: we received your inquiry. */
		ACKNOWLEDGEMENT("acknowledgement"),

		/** To the person: a reply a staff member wrote from the inbox. */
		REPLY("reply"),

		/**
		 * To a member of staff, about their own account (a one-time link to choose a password, the notice that their
		 * email changed): plain text written when queued, about no inquiry.
		 */
		STAFF_ACCOUNT("staff-account"),

		/** To the assignee (or the alert recipients): the person answered by email. Nothing they wrote is in it. */
		ANSWER_ALERT("answer-alert"),

		/**
		 * To the person: a message from the clinic that is not a direct answer to their inquiry (see
		 * {@link PatientUpdates}). Canada's anti-spam law (S.C. 2010, c. 23, s. 6 and 11) asks for an unsubscribe
		 * that works at once, so it carries one and is not sent to an address that used it.
		 */
		PATIENT_UPDATE("patient-update"),

		/**
		 * To a member of staff, about their follow-ups: a reminder that fell due, an inquiry gone overdue, the daily
		 * overdue summary, the weekly digest. Written when queued (plain text, and for the digest an HTML part too);
		 * it holds references and counts only, never a person's details.
		 */
		STAFF_NOTICE("staff-notice");

		private final String key;

		Kind(String key) {
			this.key = key;
		}

		/** An email to the person who wrote in (not to staff), which must identify the clinic (CASL s. 6(2)). */
		boolean toThePerson() {
			return this == ACKNOWLEDGEMENT || this == REPLY || this == PATIENT_UPDATE;
		}

		/**
		 * An email to the person that is not a direct answer to their inquiry: it carries {@code List-Unsubscribe}
		 * (RFC 2369, one-click per RFC 8058) and is not sent to an address on the suppression list.
		 */
		boolean needsUnsubscribe() {
			return this == PATIENT_UPDATE;
		}

		/** The part of message keys and template names that names this kind. */
		String key() {
			return key;
		}

	}

	/**
	 * Where the email stands. {@code SENDING} is a claim: the one sender run that set it owns the row until it
	 * records the outcome, so two runs never send the same row. {@code FAILED} waits for a person: attempts ran out,
	 * the address was unusable, or nobody was set to receive a front-desk alert. {@code REFUSED}: the receiving
	 * server refused this one address for good (an SMTP 5xx reply to {@code RCPT TO}, RFC 5321 section 4.2.1);
	 * another attempt would get the same answer, and the mail server itself is fine.
	 */
	enum State {

		PENDING, SENDING, SENT, FAILED, REFUSED

	}

	/** Why an alert is {@code FAILED} without an attempt: at the time, nobody was set to receive alerts. */
	static final String NOBODY_TO_ALERT = "nobody is set to receive new-inquiry alerts";

	/** Why an email that is not a direct answer was not sent: the address unsubscribed from such emails. */
	static final String SUPPRESSED = "the person unsubscribed from the clinic's emails that do not answer their inquiry";

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, updatable = false)
	private Kind kind;

	/** The inquiry it is about; null for an email about a staff account. */
	@Column(updatable = false)
	private Long inquiryId;

	@Column(updatable = false)
	private String reference;

	/** An acknowledgement to someone who joined the waiting list: the email says so (issue 22). */
	@Column(nullable = false, updatable = false)
	private boolean waitingList;

	@Column(updatable = false)
	private String service;

	@Column(updatable = false)
	private Instant submittedAt;

	private String recipientEmail;

	/** A reply's subject; null for the clinic's automatic emails, which are rendered from templates. */
	private String subject;

	/** A reply's plain-text body; null for the automatic emails. */
	private String body;

	/** The HTML part of a staff notice written when queued (the weekly digest); null for every other email. */
	private String htmlBody;

	/** Who sent a reply (a staff member's display name); null for the automatic emails. */
	@Column(updatable = false)
	private String sentBy;

	/** A reply's request key, so one reply is queued once; empty for the automatic emails. */
	@Column(nullable = false, updatable = false)
	private String requestKey = "";

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

	/**
	 * The local part of the email's {@code Message-ID} (before the {@code @}), made when it is queued and the same for
	 * every attempt, so a patient's answer names it in {@code In-Reply-To} or {@code References}.
	 */
	@Column(updatable = false)
	private String messageId;

	/**
	 * A reply's {@code In-Reply-To} (RFC 5322 section 3.6.4): the whole Message-ID, angle brackets included, of the
	 * message it follows in the conversation (the person's last answer, else the clinic's own previous email to
	 * them); {@code null} for every other email, and for a reply that follows nothing. The person's Message-ID goes
	 * with their other data under the retention policy.
	 */
	private String inReplyTo;

	/**
	 * A reply's {@code References}: the Message-IDs of the conversation up to and including {@link #inReplyTo},
	 * oldest first, separated by spaces; {@code null} when {@link #inReplyTo} is.
	 */
	private String threadReferences;

	@Version
	private long version;

	protected Notification() {
		// for JPA
	}

	private Notification(Kind kind, Long inquiryId, String reference, String service, Instant submittedAt,
			String recipientEmail, Instant now) {
		this.kind = kind;
		this.inquiryId = inquiryId;
		this.reference = reference;
		this.service = service;
		this.submittedAt = submittedAt;
		this.recipientEmail = recipientEmail;
		this.state = State.PENDING;
		this.nextAttemptAt = now;
		this.createdAt = now;
		this.messageId = java.util.UUID.randomUUID().toString().replace("-", "");
	}

	/** The front desk's email about a new inquiry, to one staff address (or the shared front-desk mailbox). */
	static Notification staffAlert(InquirySubmitted inquiry, String recipient, Instant now) {
		return new Notification(Kind.STAFF_ALERT, inquiry.inquiryId(), inquiry.reference(), inquiry.service(),
				inquiry.submittedAt(), recipient.strip(), now);
	}

	/**
	 * The alert for an inquiry that came in while nobody was set to receive alerts: failed at once, so it shows on
	 * the timeline and in the failed count, and "Send again" addresses it to whoever receives alerts by then. It
	 * is never sent on its own later: a flood of old alerts to someone who just turned them on helps no one.
	 */
	static Notification staffAlertToNobody(InquirySubmitted inquiry, Instant now) {
		Notification alert = new Notification(Kind.STAFF_ALERT, inquiry.inquiryId(), inquiry.reference(),
				inquiry.service(), inquiry.submittedAt(), null, now);
		alert.nobodyToAlert(now);
		return alert;
	}

	/** The same alert to another address, due now; for addressing an alert that had none. */
	Notification alertTo(String recipient, Instant now) {
		return new Notification(Kind.STAFF_ALERT, inquiryId, reference, service, submittedAt, recipient.strip(), now);
	}

	/**
	 * The person's acknowledgement, to the address they gave. The address is the only thing it takes from them:
	 * see {@link AcknowledgementEmail} for what the email may say.
	 */
	static Notification acknowledgement(InquirySubmitted inquiry, Instant now) {
		Notification acknowledgement = new Notification(Kind.ACKNOWLEDGEMENT, inquiry.inquiryId(),
				inquiry.reference(), inquiry.service(), inquiry.submittedAt(), inquiry.email().strip(), now);
		acknowledgement.waitingList = inquiry.waitingList();
		return acknowledgement;
	}

	/**
	 * A staff member's reply to the person, to the address they gave, with the text as the staff member previewed
	 * it. It keeps its address after it is sent (the address is on the inquiry anyway, until retention erases both),
	 * so the database itself refuses the same request twice.
	 */
	/**
	 * An email to a member of staff about their own account, as written when queued. Its text may hold a one-time
	 * link, so it is forgotten once sent ({@link #sent}).
	 */
	static Notification aboutStaffAccount(String recipient, String subject, String body, Instant now) {
		Notification notification = new Notification(Kind.STAFF_ACCOUNT, null, null, null, null, recipient.strip(),
				now);
		notification.subject = subject;
		notification.body = body;
		return notification;
	}

	/** The assignee's (or one alert recipient's) email about a patient's answer; one per answer and address. */
	static Notification answerAlert(ca.gagephysio.inquiry.InquiryAnswerReceived answer, String recipient,
			Instant now) {
		Notification alert = new Notification(Kind.ANSWER_ALERT, answer.inquiryId(), answer.reference(),
				answer.service(), answer.submittedAt(), recipient.strip(), now);
		alert.requestKey = answerKey(answer.answerId());
		return alert;
	}

	/** The request key of the alerts about one answer. */
	static String answerKey(long answerId) {
		return "answer-" + answerId;
	}

	/** A message to the person that is not a direct answer; see {@link PatientUpdates}. */
	static Notification patientUpdate(PatientUpdates.Update update, Instant now) {
		Notification notification = new Notification(Kind.PATIENT_UPDATE, update.inquiryId(), update.reference(),
				update.service(), update.submittedAt(), update.email().strip(), now);
		notification.subject = update.subject();
		notification.body = update.body();
		notification.requestKey = update.requestKey();
		return notification;
	}

	/**
	 * An email to a member of staff about their follow-ups, as written when queued.
	 *
	 * @param inquiryId the inquiry it is about, or {@code null} (a summary)
	 * @param requestKey what makes it one of a kind for its inquiry and address (at most 36 characters)
	 * @param html its HTML part, or {@code null} for plain text only
	 */
	static Notification staffNotice(Long inquiryId, String reference, String recipient, String subject, String body,
			String html, String requestKey, Instant now) {
		Notification notification = new Notification(Kind.STAFF_NOTICE, inquiryId, reference, null, null,
				recipient.strip(), now);
		notification.subject = subject;
		notification.body = body;
		notification.htmlBody = html;
		notification.requestKey = requestKey;
		return notification;
	}

	static Notification reply(InquiryReplyWritten reply, Instant now) {
		Notification notification = new Notification(Kind.REPLY, reply.inquiryId(), reply.reference(),
				reply.service(), reply.submittedAt(), reply.email().strip(), now);
		notification.subject = reply.subject();
		notification.body = reply.body();
		notification.sentBy = reply.sentBy();
		notification.requestKey = reply.requestKey();
		return notification;
	}

	/**
	 * The message this reply follows and the conversation before it, for its {@code In-Reply-To} and
	 * {@code References}; set once, before it is first stored.
	 *
	 * @param parent the Message-ID it follows, angle brackets included
	 * @param references the Message-IDs of the conversation, oldest first, ending with {@code parent}; at most
	 * 2,000 characters with a space between each
	 */
	void follows(String parent, String references) {
		if (kind != Kind.REPLY || id != null) {
			throw new IllegalStateException("only a reply being queued follows a message");
		}
		this.inReplyTo = parent;
		this.threadReferences = references;
	}

	/** An alert with no address yet gets one; it stays claimed by the run that addressed it. */
	void addressTo(String recipient) {
		if (kind != Kind.STAFF_ALERT || recipientEmail != null) {
			throw new IllegalStateException("only an unaddressed staff alert can be addressed");
		}
		recipientEmail = recipient.strip();
	}

	/** Nobody was set to receive this alert: it waits for a person to send it again. */
	void nobodyToAlert(Instant now) {
		state = State.FAILED;
		lastAttemptAt = now;
		lastError = NOBODY_TO_ALERT;
		claimedAt = null;
		nextAttemptAt = null;
	}

	/** Delivered. The person's address is no longer needed here, so it goes; a staff address stays, for the timeline. */
	void sent(Instant now) {
		state = State.SENT;
		sentAt = now;
		lastAttemptAt = now;
		attempts++;
		claimedAt = null;
		nextAttemptAt = null;
		lastError = null;
		if (kind == Kind.ACKNOWLEDGEMENT) {
			recipientEmail = null;
		}
		if (kind == Kind.STAFF_ACCOUNT) {
			// the text may hold a one-time link: once delivered, the database need not keep it
			body = null;
		}
	}

	/**
	 * The receiving server refused this address for good (an SMTP 5xx reply to {@code RCPT TO}): no retry, and no
	 * sign of trouble with the mail server. The address stays (until the retention policy erases it), so staff can
	 * send it again once the person has sorted out their mailbox.
	 *
	 * @param reply the server's reply, such as {@code 550 5.1.1 No such user}, shown to staff
	 */
	void refused(String reply, Instant now) {
		lastAttemptEnded(State.REFUSED, reply, now);
	}

	/**
	 * The person's details were erased under the retention policy: nothing left to send to, and a reply's text (their
	 * first name, whatever staff wrote about them) goes too.
	 */
	void forgetRecipient() {
		if (kind == Kind.STAFF_ALERT || kind == Kind.ANSWER_ALERT) {
			// A staff alert holds a staff address, not the person's: nothing of theirs to erase.
			return;
		}
		recipientEmail = null;
		subject = null;
		body = null;
		inReplyTo = null;
		threadReferences = null;
		if (state != State.SENT) {
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
		lastAttemptEnded(State.FAILED, error, now);
	}

	/** An attempt failed and no other will be made on its own: it waits in this state for a person. */
	private void lastAttemptEnded(State finalState, String error, Instant now) {
		attempts++;
		lastAttemptAt = now;
		lastError = truncate(error, 300);
		claimedAt = null;
		state = finalState;
		nextAttemptAt = null;
	}

	/**
	 * A staff member asked to send it again: a failed one starts a fresh round of attempts, a waiting one is tried
	 * at the next run. One being sent or already sent is left alone, so a double click sends nothing twice.
	 */
	void retry(Instant now) {
		if (state == State.FAILED || state == State.REFUSED) {
			attempts = 0;
		}
		if (state == State.FAILED || state == State.REFUSED || state == State.PENDING) {
			state = State.PENDING;
			nextAttemptAt = now;
		}
	}

	boolean isStaffAlert() {
		return kind == Kind.STAFF_ALERT;
	}

	boolean isReply() {
		return kind == Kind.REPLY;
	}

	/** An email whose text was written when it was queued (a reply, an email about a staff account). */
	boolean carriesText() {
		return kind == Kind.REPLY || kind == Kind.STAFF_ACCOUNT || kind == Kind.PATIENT_UPDATE
				|| kind == Kind.STAFF_NOTICE;
	}

	boolean isAnswerAlert() {
		return kind == Kind.ANSWER_ALERT;
	}

	/** A staff alert that has no address yet. */
	boolean isUnaddressedAlert() {
		return kind == Kind.STAFF_ALERT && recipientEmail == null;
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

	Long getInquiryId() {
		return inquiryId;
	}

	String getReference() {
		return reference;
	}

	/** Whether this acknowledgement is for a waiting-list entry. */
	boolean isWaitingList() {
		return waitingList;
	}

	String getService() {
		return service;
	}

	Instant getSubmittedAt() {
		return submittedAt;
	}

	String getRecipientEmail() {
		return recipientEmail;
	}

	String getSubject() {
		return subject;
	}

	String getBody() {
		return body;
	}

	String getHtmlBody() {
		return htmlBody;
	}

	boolean isStaffNotice() {
		return kind == Kind.STAFF_NOTICE;
	}

	String getSentBy() {
		return sentBy;
	}

	String getRequestKey() {
		return requestKey;
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

	String getMessageId() {
		return messageId;
	}

	String getInReplyTo() {
		return inReplyTo;
	}

	String getThreadReferences() {
		return threadReferences;
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

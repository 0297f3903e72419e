package ca.gagephysio.inquiry.inbox;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import ca.gagephysio.inquiry.internal.InquiryStatus;

/**
 * One thing a staff member did with an inquiry: a status change, an assignment, an internal note or a phone call. Notes are how
 * corrections are made, so what the person sent is never overwritten. Only the retention job touches a row after
 * it is written, to erase a note's text along with the inquiry's personal data.
 */
@Entity
@Table(name = "inquiry_activity")
class InquiryActivity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, updatable = false)
	private long inquiryId;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, updatable = false)
	private ActivityKind kind;

	@Enumerated(EnumType.STRING)
	@Column(updatable = false)
	private InquiryStatus fromStatus;

	@Enumerated(EnumType.STRING)
	@Column(updatable = false)
	private InquiryStatus toStatus;

	@Column(updatable = false)
	private Long assignedTo;

	private String note;

	@Enumerated(EnumType.STRING)
	@Column(updatable = false)
	private CallOutcome callOutcome;

	@Column(updatable = false)
	private Long actorId;

	@Column(updatable = false)
	private String actorName;

	@Column(nullable = false, updatable = false)
	private Instant at;

	protected InquiryActivity() {
		// for JPA
	}

	private InquiryActivity(long inquiryId, ActivityKind kind, Long actorId, String actorName, Instant at) {
		this.inquiryId = inquiryId;
		this.kind = kind;
		this.actorId = actorId;
		this.actorName = actorName;
		this.at = at;
	}

	static InquiryActivity statusChanged(long inquiryId, InquiryStatus from, InquiryStatus to, long actorId,
			String actorName, Instant at) {
		InquiryActivity activity = new InquiryActivity(inquiryId, ActivityKind.STATUS_CHANGED, actorId, actorName, at);
		activity.fromStatus = from;
		activity.toStatus = to;
		return activity;
	}

	static InquiryActivity assigned(long inquiryId, Long assignee, long actorId, String actorName, Instant at) {
		InquiryActivity activity = new InquiryActivity(inquiryId, ActivityKind.ASSIGNED, actorId, actorName, at);
		activity.assignedTo = assignee;
		return activity;
	}

	static InquiryActivity note(long inquiryId, String note, long actorId, String actorName, Instant at) {
		InquiryActivity activity = new InquiryActivity(inquiryId, ActivityKind.NOTE, actorId, actorName, at);
		activity.note = note;
		return activity;
	}

	/** A phone call to the person and how it went, with an optional note (erased like any note). */
	static InquiryActivity call(long inquiryId, CallOutcome outcome, String note, long actorId, String actorName,
			Instant at) {
		InquiryActivity activity = new InquiryActivity(inquiryId, ActivityKind.CALL, actorId, actorName, at);
		activity.callOutcome = outcome;
		activity.note = note;
		return activity;
	}

	CallOutcome getCallOutcome() {
		return callOutcome;
	}

	Long getId() {
		return id;
	}

	long getInquiryId() {
		return inquiryId;
	}

	ActivityKind getKind() {
		return kind;
	}

	InquiryStatus getFromStatus() {
		return fromStatus;
	}

	InquiryStatus getToStatus() {
		return toStatus;
	}

	Long getAssignedTo() {
		return assignedTo;
	}

	String getNote() {
		return note;
	}

	Long getActorId() {
		return actorId;
	}

	String getActorName() {
		return actorName;
	}

	Instant getAt() {
		return at;
	}

}

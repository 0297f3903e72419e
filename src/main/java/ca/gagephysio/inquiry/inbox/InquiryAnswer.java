package ca.gagephysio.inquiry.inbox;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import ca.gagephysio.inquiry.PatientAnswer;

/**
 * A patient's answer that came back by email, as the timeline shows it: who sent it and when, the new text, the
 * quoted history and signature (folded away on the page) and the whole text as received, always plain text. Its
 * message key is unique (V84), so one message is taken once. The texts, name and address are erased with the
 * inquiry's other personal data; when the clinic next replied stays, for the owner's insights.
 */
@Entity
@Table(name = "inquiry_answer")
class InquiryAnswer {

	static final int MAX_TEXT = 20_000;

	static final int MAX_ORIGINAL = 40_000;

	/** The longest Message-ID kept (V95); a longer one is not kept at all, since a cut one names nothing. */
	static final int MAX_MESSAGE_ID = 250;

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, updatable = false)
	private long inquiryId;

	@Column(nullable = false, updatable = false)
	private String messageKey;

	@Column(nullable = false, updatable = false)
	private Instant receivedAt;

	private String fromName;

	private String fromAddress;

	private String subject;

	private String newText;

	private String foldedText;

	private String originalText;

	@Column(nullable = false, updatable = false)
	private int attachments;

	/** Its own Message-ID, angle brackets included, for the threading headers of the clinic's next reply; or null. */
	private String messageId;

	/** When the clinic next replied (a reply, or a call that reached the person), or {@code null} while waiting. */
	private Instant repliedAt;

	/** Seconds of opening hours from the answer to that reply ({@link FirstResponseDue#openTimeBetween}). */
	private Long replyOpenSeconds;

	protected InquiryAnswer() {
		// for JPA
	}

	InquiryAnswer(long inquiryId, PatientAnswer answer) {
		this.inquiryId = inquiryId;
		this.messageKey = answer.messageKey();
		this.receivedAt = answer.receivedAt();
		this.fromName = cut(answer.fromName(), 200);
		this.fromAddress = cut(answer.fromAddress(), 254);
		this.subject = cut(answer.subject(), 300);
		this.newText = cut(answer.newText(), MAX_TEXT);
		this.foldedText = cut(answer.foldedText(), MAX_TEXT);
		this.originalText = cut(answer.originalText(), MAX_ORIGINAL);
		this.attachments = Math.max(0, answer.attachments());
		this.messageId = answer.messageId() != null && answer.messageId().length() <= MAX_MESSAGE_ID
				? answer.messageId() : null;
	}

	private static String cut(String text, int length) {
		return text == null || text.length() <= length ? text : text.substring(0, length);
	}

	Long getId() {
		return id;
	}

	long getInquiryId() {
		return inquiryId;
	}

	Instant getReceivedAt() {
		return receivedAt;
	}

	String getFromName() {
		return fromName;
	}

	String getFromAddress() {
		return fromAddress;
	}

	String getSubject() {
		return subject;
	}

	String getNewText() {
		return newText;
	}

	String getFoldedText() {
		return foldedText;
	}

	String getOriginalText() {
		return originalText;
	}

	int getAttachments() {
		return attachments;
	}

	Instant getRepliedAt() {
		return repliedAt;
	}

	Long getReplyOpenSeconds() {
		return replyOpenSeconds;
	}

	String getMessageId() {
		return messageId;
	}

	/** Who sent it, for the timeline: "Name <address>", either alone, or empty once erased. */
	String sender() {
		if (fromName != null && !fromName.isBlank() && fromAddress != null) {
			return fromName + " <" + fromAddress + ">";
		}
		return fromName != null && !fromName.isBlank() ? fromName : fromAddress == null ? "" : fromAddress;
	}

}

package ca.gagephysio.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.inquiry.InquiryAnswerReceived;
import ca.gagephysio.inquiry.InquiryPersonalDataErased;
import ca.gagephysio.inquiry.InquiryReplyWritten;
import ca.gagephysio.inquiry.InquirySubmitted;
import ca.gagephysio.staff.StaffDirectory;

import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transactional outbox: records the emails a new inquiry calls for in the very transaction that stores it, and
 * moves each one through pending, sending, sent or failed, each step its own short transaction.
 */
@Component
class NotificationOutbox implements PatientUpdates {

	/** Longer than any SMTP exchange can take with the timeouts in {@code application.properties}. */
	static final Duration CLAIM_LEASE = Duration.ofMinutes(10);

	private final NotificationRepository notifications;

	private final NotificationSettings settings;

	private final AlertRecipients alertRecipients;

	private final StaffDirectory staff;

	private final MessageIds messageIds;

	NotificationOutbox(NotificationRepository notifications, NotificationSettings settings,
			AlertRecipients alertRecipients, StaffDirectory staff, ClinicFacts clinic) {
		this.notifications = notifications;
		this.settings = settings;
		this.alertRecipients = alertRecipients;
		this.staff = staff;
		this.messageIds = new MessageIds(clinic, settings);
	}

	/**
	 * A patient answered by email: their inquiry's assignee is told, or, when nobody is assigned (or the assignee's
	 * account is disabled), whoever receives new-inquiry alerts. Queued in the transaction that records the answer;
	 * the email says only that an answer is waiting, never what it says. One answer alerts each address once.
	 */
	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(InquiryAnswerReceived answer) {
		Instant now = Instant.now();
		List<String> recipients = Optional.ofNullable(answer.assigneeId())
			.flatMap(staff::find)
			.filter(member -> staff.enabledStaff().stream().anyMatch(enabled -> enabled.id() == member.id()))
			.map(member -> List.of(member.email()))
			.orElseGet(alertRecipients::current);
		for (String recipient : recipients) {
			if (!notifications.existsByInquiryIdAndKindAndRecipientEmailAndRequestKey(answer.inquiryId(),
					Notification.Kind.ANSWER_ALERT, recipient, Notification.answerKey(answer.answerId()))) {
				notifications.save(Notification.answerAlert(answer, recipient, now));
			}
		}
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public void queue(PatientUpdates.Update update) {
		if (!notifications.existsByInquiryIdAndKindAndRequestKey(update.inquiryId(), Notification.Kind.PATIENT_UPDATE,
				update.requestKey())) {
			notifications.save(Notification.patientUpdate(update, Instant.now()));
		}
	}

	/**
	 * The inquiry one of the clinic's emails to a person was about, found by the local parts of the Message-IDs an
	 * answer names; empty when none is the clinic's.
	 */
	@Transactional(readOnly = true)
	Optional<Long> inquiryAnsweredBy(List<String> messageIdLocalParts) {
		if (messageIdLocalParts.isEmpty()) {
			return Optional.empty();
		}
		return notifications
			.findInquiryIdsByMessageIds(messageIdLocalParts,
					List.of(Notification.Kind.ACKNOWLEDGEMENT, Notification.Kind.REPLY,
							Notification.Kind.PATIENT_UPDATE))
			.stream()
			.findFirst();
	}

	/** Not sent: the address unsubscribed from emails that are not direct answers. */
	@Transactional
	void recordSuppressed(long id, String reason, Instant now) {
		notifications.findById(id).ifPresent(notification -> notification.failedForGood(reason, now));
	}

	/**
	 * Runs synchronously inside the inquiry's transaction, so the outbox rows commit with the inquiry or not at all:
	 * there is no moment when an inquiry is stored but its emails are only in memory. It does nothing but insert
	 * plain values (no rendering, no mail server), so it cannot plausibly fail where storing the inquiry did not.
	 * A transaction is mandatory: without one the rows could outlive an inquiry that was rolled back.
	 * <p>
	 * The front desk's alert becomes one row per recipient, addressed now (see {@link AlertRecipients}); with
	 * nobody to receive it, one unaddressed row, failed at once, keeps the gap visible on the timeline.
	 */
	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(InquirySubmitted inquiry) {
		Instant now = Instant.now();
		// An event delivered twice (a repeated post, a replay) must not mean two emails.
		if (!notifications.existsByInquiryIdAndKind(inquiry.inquiryId(), Notification.Kind.STAFF_ALERT)) {
			List<String> recipients = alertRecipients.current();
			if (recipients.isEmpty()) {
				notifications.save(Notification.staffAlertToNobody(inquiry, now));
			}
			for (String recipient : recipients) {
				notifications.save(Notification.staffAlert(inquiry, recipient, now));
			}
		}
		if (settings.acknowledge() && inquiry.hasEmail()
				&& !notifications.existsByInquiryIdAndKind(inquiry.inquiryId(), Notification.Kind.ACKNOWLEDGEMENT)) {
			notifications.save(Notification.acknowledgement(inquiry, now));
		}
	}

	/**
	 * A staff member sent a reply from the inbox: queued in the transaction that records it on the inquiry, like the
	 * emails of a new inquiry, and sent by the same background sender. The same request twice (a double click, a
	 * post repeated by the browser) is queued once. It follows the previous message of the conversation
	 * ({@link #thread}), so the person's mail client shows it there.
	 */
	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(InquiryReplyWritten reply) {
		if (!notifications.existsByInquiryIdAndKindAndRequestKey(reply.inquiryId(), Notification.Kind.REPLY,
				reply.requestKey())) {
			Notification queued = Notification.reply(reply, Instant.now());
			thread(reply, queued);
			notifications.save(queued);
		}
	}

	/** Message-IDs a reply's {@code References} names at most: the first, and the latest before its parent. */
	static final int MAX_REFERENCES = 10;

	/** The longest {@code References} kept (V95), a space between each Message-ID. */
	static final int MAX_REFERENCES_LENGTH = 2000;

	/**
	 * Works out a reply's {@code In-Reply-To} and {@code References} (RFC 5322 section 3.6.4). It follows the person's
	 * last answer by email if one came in (its Message-ID, kept by the inquiry module); else the clinic's own
	 * previous email to them about this inquiry (the acknowledgement, or an earlier reply). {@code References} lists
	 * the conversation, oldest first: the clinic's earlier emails to the person, then that answer. Past
	 * {@link #MAX_REFERENCES}, the first is kept and the oldest after it are left out, as section 3.6.4 allows; mail
	 * clients thread on any of them. With nothing before it, a reply carries neither header.
	 */
	private void thread(InquiryReplyWritten reply, Notification queued) {
		String answer = MessageIds.isOne(reply.lastAnswerMessageId()) ? reply.lastAnswerMessageId() : null;
		List<String> conversation = new java.util.ArrayList<>(notifications
			.findByInquiryIdOrderByCreatedAtAscIdAsc(reply.inquiryId())
			.stream()
			.filter(sent -> sent.getKind() == Notification.Kind.ACKNOWLEDGEMENT
					|| sent.getKind() == Notification.Kind.REPLY)
			.filter(sent -> sent.getMessageId() != null)
			.map(sent -> messageIds.of(sent.getMessageId()))
			.toList());
		if (answer != null) {
			conversation.add(answer);
		}
		if (conversation.isEmpty()) {
			return;
		}
		while (conversation.size() > 2 && (conversation.size() > MAX_REFERENCES
				|| String.join(" ", conversation).length() > MAX_REFERENCES_LENGTH)) {
			conversation.remove(1);
		}
		String references = String.join(" ", conversation);
		String parent = conversation.get(conversation.size() - 1);
		queued.follows(parent, references.length() <= MAX_REFERENCES_LENGTH ? references : parent);
	}

	/**
	 * The inquiry's retention period has passed: an email still waiting for the person loses their name and
	 * address with it, and will not be sent.
	 */
	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(InquiryPersonalDataErased erased) {
		notifications.findByInquiryIdOrderByCreatedAtAscIdAsc(erased.inquiryId())
			.forEach(Notification::forgetRecipient);
	}

	/** Ids of the emails to send now, the longest waiting first. */
	@Transactional(readOnly = true)
	List<Long> dueIds(Instant now, int limit) {
		return notifications.findDueIds(now, Limit.of(limit));
	}

	/**
	 * Addresses a claimed alert that has no address (one a person sent again after nobody was set to receive it,
	 * or one queued by an older version): to the first of whoever receives alerts now, with a new row, due now, for
	 * each of the others. With still nobody, it goes back to failed.
	 *
	 * @return the alert, addressed and still claimed; empty if there was nobody to address it to
	 */
	@Transactional
	Optional<Notification> addressAlert(long id, Instant now) {
		Notification alert = notifications.findById(id).orElseThrow();
		List<String> recipients = alertRecipients.current();
		if (recipients.isEmpty()) {
			alert.nobodyToAlert(now);
			return Optional.empty();
		}
		alert.addressTo(recipients.get(0));
		for (String other : recipients.subList(1, recipients.size())) {
			if (!notifications.existsByInquiryIdAndKindAndRecipientEmail(alert.getInquiryId(),
					Notification.Kind.STAFF_ALERT, other)) {
				notifications.save(alert.alertTo(other, now));
			}
		}
		return Optional.of(alert);
	}

	/** The email, if this caller won it; empty if another run claimed it first or it is no longer pending. */
	@Transactional
	Optional<Notification> claim(long id, Instant now) {
		if (notifications.claim(id, now) == 0) {
			return Optional.empty();
		}
		return notifications.findById(id);
	}

	@Transactional
	void markSent(long id, Instant now) {
		notifications.findById(id).ifPresent(notification -> notification.sent(now));
	}

	@Transactional
	void recordFailure(long id, String error, Instant now) {
		notifications.findById(id).ifPresent(notification -> notification.failed(error, now, settings.backoff()));
	}

	/**
	 * One failed attempt, with this error, for each of these emails that is still waiting and due, without trying
	 * them: the mail server could not be used for the email tried just before them in the same run. Their rows are
	 * locked for the change ({@link NotificationRepository#findDueForUpdate}); one another run has claimed or counted
	 * meanwhile is no longer waiting or due and is left as it is, so two runs at once count an email once. Each fails as a tried email does ({@link Notification#failed}: the attempt
	 * counted, the error kept, the next attempt after the back-off, or the email left for staff after the last
	 * attempt). One transaction and one read for all of them.
	 *
	 * @param leaveToATry emails to leave untouched, for a run that tries them
	 * @return the emails counted, with their attempts as now recorded
	 */
	@Transactional
	List<Notification> recordFailureWithoutTrying(List<Long> ids, String error, Instant now,
			Predicate<Notification> leaveToATry) {
		List<Notification> counted = new ArrayList<>();
		for (Notification waiting : notifications.findDueForUpdate(ids, now)) {
			if (!leaveToATry.test(waiting)) {
				waiting.failed(error, now, settings.backoff());
				counted.add(waiting);
			}
		}
		return counted;
	}

	@Transactional
	void recordPermanentFailure(long id, String error, Instant now) {
		notifications.findById(id).ifPresent(notification -> notification.failedForGood(error, now));
	}

	/** The receiving server refused the address for good; see {@link Notification#refused}. */
	@Transactional
	void recordRefusal(long id, String reply, Instant now) {
		notifications.findById(id).ifPresent(notification -> notification.refused(reply, now));
	}

	/** The inquiry a notification belongs to, or empty if unknown. */
	@Transactional(readOnly = true)
	Optional<Long> inquiryOf(long id) {
		return notifications.findById(id).map(Notification::getInquiryId);
	}

	@Transactional
	int releaseAbandonedClaims(Instant now) {
		return notifications.releaseClaimsOlderThan(now.minus(CLAIM_LEASE), now);
	}

	/**
	 * Queues the email again at a staff member's request; the inquiry it belongs to, or empty if unknown. A second
	 * retry at the same instant (a double click) waits for the first and queues it the same way: one email.
	 */
	@Transactional
	Optional<Long> retry(long id, Instant now) {
		return notifications.findByIdForUpdate(id).map(notification -> {
			notification.retry(now);
			return notification.getInquiryId();
		});
	}

}

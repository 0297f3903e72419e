package ca.gagephysio.inquiry.inbox;

import java.time.Instant;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import ca.gagephysio.inquiry.InquiryAnswerReceived;
import ca.gagephysio.inquiry.InquiryAnswers;
import ca.gagephysio.inquiry.PatientAnswer;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;

/**
 * Records patients' answers on their inquiries (see {@link InquiryAnswers}), and when the clinic next replies, how
 * long the answer waited in opening hours. Nobody signed in does this, so it is not written to the access trail; the
 * answer itself is on the timeline.
 */
@Component
class AnswerIntake implements InquiryAnswers {

	private final InquiryAnswerRepository answers;

	private final InquiryRepository inquiries;

	private final ApplicationEventPublisher events;

	private final FirstResponseDue due;

	AnswerIntake(InquiryAnswerRepository answers, InquiryRepository inquiries, ApplicationEventPublisher events,
			FirstResponseDue due) {
		this.answers = answers;
		this.inquiries = inquiries;
		this.events = events;
		this.due = due;
	}

	@Override
	@Transactional(readOnly = true)
	public boolean taken(String messageKey) {
		return answers.existsByMessageKey(messageKey);
	}

	@Override
	@Transactional
	public boolean record(long inquiryId, PatientAnswer answer) {
		Inquiry inquiry = inquiries.findById(inquiryId).orElse(null);
		if (inquiry == null || inquiry.getPersonalDataErasedAt() != null) {
			return false;
		}
		// saveAndFlush: a message another instance took at the same moment fails here, on the unique key, before
		// anything else is done in this transaction
		InquiryAnswer saved = answers.saveAndFlush(new InquiryAnswer(inquiryId, answer));
		inquiries.markAnswerArrived(inquiryId);
		events.publishEvent(new InquiryAnswerReceived(inquiryId, saved.getId(), inquiry.getReference(),
				inquiry.getService().key(), inquiry.getCreatedAt(), saved.getReceivedAt(), inquiry.getAssignedTo()));
		return true;
	}

	/**
	 * The Message-ID of the person's latest answer that carried one, which a reply written now follows
	 * ({@link InquiryReplyWritten#lastAnswerMessageId()}); empty if none came in.
	 */
	java.util.Optional<String> lastAnswerMessageIdOf(long inquiryId) {
		return answers.findFirstByInquiryIdAndMessageIdIsNotNullOrderByReceivedAtDescIdDesc(inquiryId)
			.map(InquiryAnswer::getMessageId);
	}

	/** The clinic replied at {@code now}: each answer that was waiting records how long it waited. */
	void clinicReplied(long inquiryId, Instant now) {
		for (InquiryAnswer waiting : answers.findByInquiryIdAndRepliedAtIsNullOrderByReceivedAtAsc(inquiryId)) {
			answers.replied(waiting.getId(), now, due.openTimeBetween(waiting.getReceivedAt(), now).toSeconds());
		}
	}

}

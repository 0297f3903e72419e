package ca.gagephysio.inquiry.inbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import ca.gagephysio.inquiry.InquiryTimelineSource;
import ca.gagephysio.inquiry.TimelineEntry;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryStatus;
import ca.gagephysio.staff.StaffDirectory;
import ca.gagephysio.staff.StaffMember;

/**
 * An inquiry's timeline: when it came in, what the front desk did with it (from the inbox's own activity rows) and
 * whatever other modules report through {@link InquiryTimelineSource} (the emails sent about it), oldest first.
 */
@Component
class InboxTimeline {

	private static final Logger log = LoggerFactory.getLogger(InboxTimeline.class);

	private final ObjectProvider<InquiryTimelineSource> sources;

	private final StaffDirectory staff;

	private final MessageSource messages;

	private final InquiryAnswerRepository answers;

	InboxTimeline(ObjectProvider<InquiryTimelineSource> sources, StaffDirectory staff, MessageSource messages,
			InquiryAnswerRepository answers) {
		this.sources = sources;
		this.answers = answers;
		this.staff = staff;
		this.messages = messages;
	}

	List<TimelineEntry> of(Inquiry inquiry, List<InquiryActivity> activity) {
		List<TimelineEntry> entries = new ArrayList<>();
		entries.add(TimelineEntry.of(inquiry.getCreatedAt(), "inbox.timeline.received", null));
		if (inquiry.getSpamReason() != null) {
			entries.add(TimelineEntry.of(inquiry.getCreatedAt(), "inbox.timeline.spam-caught", null,
					inquiry.getSpamReason()));
		}
		if (inquiry.getReviewReason() != null) {
			entries.add(TimelineEntry.of(inquiry.getCreatedAt(), "inbox.timeline.review." + inquiry.getReviewReason(),
					null));
		}
		for (InquiryActivity item : activity) {
			entries.add(entryFor(item));
		}
		for (InquiryAnswer answer : answers.findByInquiryIdOrderByReceivedAtAscIdAsc(inquiry.getId())) {
			entries.add(entryFor(answer));
		}
		if (inquiry.getPersonalDataErasedAt() != null) {
			entries.add(TimelineEntry.of(inquiry.getPersonalDataErasedAt(), "inbox.timeline.erased", null));
		}
		sources.orderedStream().forEach(source -> entries.addAll(entriesFrom(source, inquiry.getId())));
		entries.sort(Comparator.comparing(TimelineEntry::at));
		return entries;
	}

	private TimelineEntry entryFor(InquiryActivity item) {
		return switch (item.getKind()) {
			case STATUS_CHANGED -> TimelineEntry.of(item.getAt(), "inbox.timeline.status", item.getActorName(),
					label(item.getFromStatus()), label(item.getToStatus()));
			case ASSIGNED -> item.getAssignedTo() == null
					? TimelineEntry.of(item.getAt(), "inbox.timeline.unassigned", item.getActorName())
					: TimelineEntry.of(item.getAt(), "inbox.timeline.assigned", item.getActorName(),
							staff.find(item.getAssignedTo()).map(StaffMember::displayName).orElse("?"));
			case NOTE -> item.getNote() == null
					? TimelineEntry.of(item.getAt(), "inbox.timeline.note-erased", item.getActorName())
					: TimelineEntry.of(item.getAt(), "inbox.timeline.note", item.getActorName(), item.getNote());
			// The call's note, if any (erased with the other notes), is quoted under the line, as typed.
			case CALL -> new TimelineEntry(item.getAt(), "inbox.timeline.call." + item.getCallOutcome(), List.of(),
					item.getActorName(), false, null, null, item.getNote());
		};
	}

	/**
	 * A patient's answer: who sent it, the new text in full, the quoted history and signature and the whole message
	 * folded away, and how many attachments were left in the mailbox. All plain text, escaped when shown.
	 */
	private static TimelineEntry entryFor(InquiryAnswer answer) {
		if (answer.getNewText() == null) {
			return TimelineEntry.of(answer.getReceivedAt(), "inbox.timeline.answer.erased", null);
		}
		String folded = answer.getFoldedText() == null || answer.getFoldedText().isBlank() ? null
				: answer.getFoldedText();
		return new TimelineEntry(answer.getReceivedAt(),
				answer.getAttachments() > 0 ? "inbox.timeline.answer.with-attachments" : "inbox.timeline.answer",
				List.of(answer.getSubject() == null ? "" : answer.getSubject(), answer.getAttachments()),
				answer.sender(), false, null, null, answer.getNewText(), folded, answer.getOriginalText());
	}

	/** One failing module must not keep the front desk from reading the inquiry. */
	private static List<TimelineEntry> entriesFrom(InquiryTimelineSource source, long inquiryId) {
		try {
			return source.entriesFor(inquiryId);
		}
		catch (RuntimeException ex) {
			log.warn("Timeline source {} failed for inquiry {}", source.getClass().getSimpleName(), inquiryId, ex);
			return List.of();
		}
	}

	private String label(InquiryStatus status) {
		return status == null ? "" : messages.getMessage("inbox.status." + status, null, LocaleContextHolder.getLocale());
	}

}

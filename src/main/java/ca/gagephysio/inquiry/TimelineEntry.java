package ca.gagephysio.inquiry;

import java.time.Instant;
import java.util.List;

/**
 * One line on an inquiry's timeline in the staff inbox, contributed by this module or by another one through
 * {@link InquiryTimelineSource}.
 *
 * @param at when it happened
 * @param messageKey message key of the line's text
 * @param arguments arguments for that message
 * @param actor who did it (a staff member's display name), or {@code null} for the system
 * @param problem true if it needs attention (a failed email, say)
 * @param actionPath path a staff member can POST to from the timeline (such as a retry), or {@code null}
 * @param actionLabelKey message key of that action's button label, or {@code null}
 * @param quote text shown in full under the line, as written (a reply's body), or {@code null}
 * @param folded text shown folded away under the quote (a patient's answer's quoted history and signature), or
 * {@code null}
 * @param original the whole text as received, folded away too (a patient's answer, plain text), or {@code null}
 */
public record TimelineEntry(Instant at, String messageKey, List<Object> arguments, String actor, boolean problem,
		String actionPath, String actionLabelKey, String quote, String folded, String original) {

	/** A line with a quote and nothing folded away. */
	public TimelineEntry(Instant at, String messageKey, List<Object> arguments, String actor, boolean problem,
			String actionPath, String actionLabelKey, String quote) {
		this(at, messageKey, arguments, actor, problem, actionPath, actionLabelKey, quote, null, null);
	}

	/** A line with nothing quoted under it. */
	public TimelineEntry(Instant at, String messageKey, List<Object> arguments, String actor, boolean problem,
			String actionPath, String actionLabelKey) {
		this(at, messageKey, arguments, actor, problem, actionPath, actionLabelKey, null, null, null);
	}

	public static TimelineEntry of(Instant at, String messageKey, String actor, Object... arguments) {
		return new TimelineEntry(at, messageKey, List.of(arguments), actor, false, null, null);
	}

	public Object[] argumentArray() {
		return arguments.toArray();
	}

}

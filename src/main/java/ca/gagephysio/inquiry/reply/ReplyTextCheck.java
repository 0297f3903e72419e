package ca.gagephysio.inquiry.reply;

import java.util.Set;

import org.springframework.validation.BindingResult;

/**
 * The checks a reply's text gets wherever it is typed (a template, a reply being written), beyond the form's own
 * constraints: every name in braces is a known placeholder, and the subject is one line. Errors go on the form's
 * fields, so the page shows them in its error summary with the text kept.
 */
public final class ReplyTextCheck {

	private ReplyTextCheck() {
	}

	/**
	 * @param result the bound form, with fields named {@code subject} and {@code body}
	 * @param subject the subject as typed, or {@code null}
	 * @param body the body as typed, or {@code null}
	 */
	public static void check(BindingResult result, String subject, String body) {
		rejectUnknown(result, "subject", subject);
		rejectUnknown(result, "body", body);
		if (subject != null && subject.chars().anyMatch(Character::isISOControl) && !result.hasFieldErrors("subject")) {
			result.rejectValue("subject", "reply.subject.one-line");
		}
	}

	private static void rejectUnknown(BindingResult result, String field, String text) {
		Set<String> unknown = Placeholders.unknownIn(text);
		if (!unknown.isEmpty() && !result.hasFieldErrors(field)) {
			result.rejectValue(field, "reply.placeholder.unknown",
					new Object[] { String.join(", ", unknown), known() }, null);
		}
	}

	/** The placeholders there are, as written, for messages. */
	static String known() {
		return String.join(", ",
				java.util.Arrays.stream(Placeholders.Placeholder.values()).map(Placeholders.Placeholder::written).toList());
	}

}

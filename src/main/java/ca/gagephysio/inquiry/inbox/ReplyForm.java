package ca.gagephysio.inquiry.inbox;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A reply being written on an inquiry's reply page. Subject and body may hold placeholders, filled when it is
 * previewed and sent.
 *
 * @param subject up to 200 characters, one line
 * @param body plain text, up to 5,000 characters as typed
 * @param requestKey made when the page was opened (a UUID, 36 characters): the same reply posted twice is queued
 * once
 * @param template the template it started from, or {@code null} (for the access trail)
 * @param seen the inquiry's version (its last-change stamp) when the page was opened; {@code null} from an older page
 */
record ReplyForm(@NotBlank(message = "{reply.subject.required}") @Size(max = 200,
		message = "{reply.subject.too-long}") String subject,
		@NotBlank(message = "{reply.body.required}") @Size(max = 5000, message = "{reply.body.too-long}") String body,
		String requestKey, Long template, Long seen) {

	private static final java.util.regex.Pattern REQUEST_KEY = java.util.regex.Pattern.compile("[0-9a-f-]{36}");

	/** Whether the request key is one this page makes (a tampered or missing one is replaced, not used). */
	boolean hasRequestKey() {
		return requestKey != null && REQUEST_KEY.matcher(requestKey).matches();
	}

	/** The same typing with a new request key. */
	ReplyForm withNewRequestKey() {
		return new ReplyForm(subject, body, UUID.randomUUID().toString(), template, seen);
	}

	/** The same text, now having seen the inquiry at {@code version}: sent again, it goes. */
	ReplyForm seeing(long version) {
		return new ReplyForm(subject, body, requestKey, template, version);
	}

	/**
	 * @param seen the inquiry's version when the reply page was opened (its last-change stamp): an answer or a change
	 * by someone else since then is shown before this reply is sent
	 */
	static ReplyForm of(String subject, String body, Long template, long seen) {
		return new ReplyForm(subject, body, UUID.randomUUID().toString(), template, seen);
	}

}

package ca.gagephysio.notification;

import java.time.Instant;

import ca.gagephysio.staff.AccessTrail;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * Lets staff send a failed notification email again from the inquiry's timeline. It lives under {@code /staff}, so
 * the staff filter chain requires a signed-in account and a CSRF token.
 */
@Controller
class NotificationRetryController {

	static final String PATH = "/staff/notifications";

	private final NotificationOutbox outbox;

	private final AccessTrail trail;

	NotificationRetryController(NotificationOutbox outbox, AccessTrail trail) {
		this.outbox = outbox;
		this.trail = trail;
	}

	static String retryPath(long notificationId) {
		return PATH + "/" + notificationId + "/retry";
	}

	@PostMapping(PATH + "/{id}/retry")
	String retry(@PathVariable long id) {
		long inquiryId;
		try {
			inquiryId = outbox.retry(id, Instant.now())
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		}
		catch (ConcurrencyFailureException busy) {
			// The sender held the email past the lock time-out: it is being sent right now, which is what was asked.
			return "redirect:/staff/inquiries/" + outbox.inquiryOf(id)
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		}
		trail.record("INQUIRY_NOTIFICATION_RETRIED", "INQUIRY", inquiryId, "notification " + id);
		return "redirect:/staff/inquiries/" + inquiryId;
	}

}

package ca.gagephysio.notification;

import java.security.Principal;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

	private static final Logger log = LoggerFactory.getLogger(NotificationRetryController.class);

	private final NotificationOutbox outbox;

	NotificationRetryController(NotificationOutbox outbox) {
		this.outbox = outbox;
	}

	static String retryPath(long notificationId) {
		return "/staff/notifications/" + notificationId + "/retry";
	}

	@PostMapping("/staff/notifications/{id}/retry")
	String retry(@PathVariable long id, Principal staff) {
		long inquiryId = outbox.retry(id, Instant.now())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		log.info("{} asked to send notification {} again", staff == null ? "unknown" : staff.getName(), id);
		return "redirect:/staff/inquiries/" + inquiryId;
	}

}

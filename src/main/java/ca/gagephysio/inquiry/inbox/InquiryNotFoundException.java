package ca.gagephysio.inquiry.inbox;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * No inquiry with that id: the not-found page, never a stack trace.
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
class InquiryNotFoundException extends RuntimeException {

	InquiryNotFoundException() {
		super("No such inquiry");
	}

}

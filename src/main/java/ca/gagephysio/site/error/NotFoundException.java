package ca.gagephysio.site.error;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Thrown when a reader asks for content that does not exist (an unknown article or clinician, a page past the last
 * one). The container's error dispatch turns it into the site's 404 page, never a stack trace.
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class NotFoundException extends RuntimeException {

	public NotFoundException(String what) {
		super(what + " not found");
	}

}

package ca.gagephysio.staff.web;

import ca.gagephysio.staff.signin.SignInEvents;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The back office's own 403 page, in its layout and its words: a signed-in person refused a page or an action is
 * told so plainly, not shown the public error page meant for patients. Reached by a forward from the staff chain's
 * access-denied handler, whatever the method of the refused request.
 */
@Controller
class StaffErrorController {

	private final StaffPages pages;

	StaffErrorController(StaffPages pages) {
		this.pages = pages;
	}

	@RequestMapping(SignInEvents.FORBIDDEN_PATH)
	@ResponseStatus(HttpStatus.FORBIDDEN)
	String forbidden(Model model) {
		model.addAttribute("page", pages.meta("staff.forbidden.title", SignInEvents.FORBIDDEN_PATH));
		return "staff/web/forbidden";
	}

}

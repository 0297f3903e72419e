package ca.gagephysio.staff.internal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page, in the public site's layout. The form posts to {@code /login}, handled by Spring Security.
 */
@Controller
class LoginController {

	private final StaffPages pages;

	LoginController(StaffPages pages) {
		this.pages = pages;
	}

	@GetMapping("/login")
	String login(Model model) {
		model.addAttribute("page", pages.meta("staff.login.title", "/login"));
		return "staff/login";
	}

	@GetMapping({ "/staff", "/staff/" })
	String home() {
		return "redirect:/staff/inquiries";
	}

}

package ca.gagephysio.staff.signin;

import ca.gagephysio.staff.web.StaffPages;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page, in the public site's layout. The form posts to {@code /login}, handled by Spring Security.
 */
@Controller
public class LoginController {

	private final StaffPages pages;

	LoginController(StaffPages pages) {
		this.pages = pages;
	}

	@GetMapping("/login")
	String login(@RequestParam(name = SignInEvents.THROTTLED, required = false) String throttled, Model model) {
		model.addAttribute("page", pages.meta("staff.login.title", "/login"));
		SignInEvents.waitShown(throttled).ifPresent(wait -> model.addAttribute("wait", wait));
		return "staff/signin/login";
	}

	@GetMapping({ "/staff", "/staff/" })
	String home() {
		return "redirect:/staff/inquiries";
	}

}

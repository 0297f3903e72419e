package ca.gagephysio.staff.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A person changes their own password; also where a temporary password must be replaced before anything else.
 */
@Controller
@RequestMapping(PasswordController.PATH)
class PasswordController {

	static final String PATH = "/staff/password";

	private static final String VIEW = "staff/password";

	private final StaffAccounts accounts;

	private final StaffPages pages;

	PasswordController(StaffAccounts accounts, StaffPages pages) {
		this.accounts = accounts;
		this.pages = pages;
	}

	@ModelAttribute
	void page(Model model) {
		model.addAttribute("page", pages.meta("staff.password.title", PATH));
		model.addAttribute("mustChange", accounts.signedInMustChangePassword());
	}

	@GetMapping
	String form(Model model) {
		model.addAttribute("form", new PasswordForm(null, null, null));
		return VIEW;
	}

	@PostMapping
	String change(@Valid @ModelAttribute("form") PasswordForm form, BindingResult result,
			RedirectAttributes redirect) {
		if (!result.hasFieldErrors("newPassword") && !form.newPassword().equals(form.confirmPassword())) {
			result.rejectValue("confirmPassword", "staff.password.mismatch");
		}
		if (result.hasErrors()) {
			return VIEW;
		}
		try {
			accounts.changeOwnPassword(form.currentPassword(), form.newPassword());
		}
		catch (AccountProblem problem) {
			String field = problem.messageKey().equals("staff.password.current-wrong") ? "currentPassword"
					: "newPassword";
			result.rejectValue(field, problem.messageKey());
			return VIEW;
		}
		redirect.addFlashAttribute("flash", "staff.password.changed");
		return "redirect:/staff/inquiries";
	}

	/**
	 * The change-password form. Lengths are checked by {@link PasswordPolicy}; the size limit here only keeps an
	 * absurd post from reaching the hasher.
	 */
	record PasswordForm(@NotBlank(message = "{staff.password.current-required}") @Size(max = 256) String currentPassword,
			@NotBlank(message = "{staff.password.new-required}") @Size(max = 256,
					message = "{staff.password.too-long}") String newPassword,
			String confirmPassword) {
	}

}

package ca.gagephysio.staff.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * User management for {@code ADMIN}s: add a staff member, reset a password (the person must choose a new one at
 * next sign-in), disable or re-enable an account. Nobody is ever deleted, so the access trail keeps its names.
 */
@Controller
@RequestMapping(UsersController.PATH)
class UsersController {

	static final String PATH = "/staff/users";

	private static final String VIEW = "staff/users";

	private static final String BACK = "redirect:" + PATH;

	private final StaffAccounts accounts;

	private final StaffPages pages;

	UsersController(StaffAccounts accounts, StaffPages pages) {
		this.accounts = accounts;
		this.pages = pages;
	}

	@ModelAttribute
	void page(Model model) {
		model.addAttribute("page", pages.meta("staff.users.title", PATH));
		model.addAttribute("accounts", accounts.all());
		model.addAttribute("roles", StaffRole.values());
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("form", new NewAccountForm(null, null, StaffRole.STAFF, null));
		return VIEW;
	}

	@PostMapping
	String add(@Valid @ModelAttribute("form") NewAccountForm form, BindingResult result, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return VIEW;
		}
		try {
			accounts.add(form.email(), form.displayName(), form.role(), form.temporaryPassword());
		}
		catch (AccountProblem problem) {
			String field = problem.messageKey().startsWith("staff.users.email") ? "email" : "temporaryPassword";
			result.rejectValue(field, problem.messageKey());
			return VIEW;
		}
		redirect.addFlashAttribute("flash", "staff.users.added");
		return BACK;
	}

	@PostMapping("/{id}/password")
	String resetPassword(@PathVariable long id, @RequestParam(defaultValue = "") String temporaryPassword,
			RedirectAttributes redirect) {
		return attempt(() -> accounts.resetPassword(id, temporaryPassword), "staff.users.password-reset", redirect);
	}

	@PostMapping("/{id}/second-factors/reset")
	String resetSecondFactors(@PathVariable long id, RedirectAttributes redirect) {
		return attempt(() -> accounts.resetSecondFactors(id), "staff.users.factors-reset", redirect);
	}

	@PostMapping("/{id}/disable")
	String disable(@PathVariable long id, RedirectAttributes redirect) {
		return attempt(() -> accounts.disable(id), "staff.users.disabled", redirect);
	}

	@PostMapping("/{id}/enable")
	String enable(@PathVariable long id, RedirectAttributes redirect) {
		return attempt(() -> accounts.enable(id), "staff.users.enabled", redirect);
	}

	private static String attempt(Runnable change, String doneKey, RedirectAttributes redirect) {
		try {
			change.run();
			redirect.addFlashAttribute("flash", doneKey);
		}
		catch (AccountProblem problem) {
			redirect.addFlashAttribute("problem", problem.messageKey());
		}
		catch (ConcurrencyFailureException busy) {
			// The account stayed locked by someone else's change for too long: nothing was done.
			redirect.addFlashAttribute("problem", "staff.users.busy");
		}
		return BACK;
	}

	/** A new staff member, with a temporary password to hand them. */
	record NewAccountForm(@NotBlank(message = "{staff.users.email-required}") @Email(
			message = "{staff.users.email-invalid}") @Size(max = 254) String email,
			@NotBlank(message = "{staff.users.name-required}") @Size(max = 100,
					message = "{staff.users.name-too-long}") String displayName,
			@NotNull StaffRole role,
			@NotBlank(message = "{staff.password.new-required}") @Size(max = 256,
					message = "{staff.password.too-long}") String temporaryPassword) {
	}

}

package ca.gagephysio.staff.account;

import ca.gagephysio.staff.session.RenamedSessions;
import ca.gagephysio.staff.web.StaffPages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
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
 * A person changes their own password; also where the first administrator's start-up password must be replaced
 * before anything else, and where a first administrator created without {@code CLINIC_ADMIN_EMAIL} (a placeholder
 * name and {@code admin@localhost}) gives their real name and email at the same time.
 */
@Controller
@RequestMapping(PasswordController.PATH)
public class PasswordController {

	public static final String PATH = "/staff/password";

	private static final String VIEW = "staff/account/password";

	private final StaffAccounts accounts;

	private final StaffPages pages;

	private final RenamedSessions sessions;

	private final jakarta.validation.Validator validator;

	PasswordController(StaffAccounts accounts, StaffPages pages, RenamedSessions sessions,
			jakarta.validation.Validator validator) {
		this.accounts = accounts;
		this.pages = pages;
		this.sessions = sessions;
		this.validator = validator;
	}

	@ModelAttribute
	void page(Model model) {
		model.addAttribute("page", pages.meta("staff.password.title", PATH));
		StaffAccount account = accounts.signedIn();
		model.addAttribute("mustChange", account.isMustChangePassword());
		model.addAttribute("identityToConfirm", account.isIdentityToConfirm());
	}

	@GetMapping
	String form(Model model) {
		model.addAttribute("form", new PasswordForm(null, null, null, null, null));
		return VIEW;
	}

	@PostMapping
	String change(@Valid @ModelAttribute("form") PasswordForm form, BindingResult result,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		StaffAccount account = accounts.signedIn();
		if (account.isIdentityToConfirm()) {
			// each rule's message template is its message key, in braces
			validator.validate(new IdentityFields(form.displayName(), form.email()))
				.forEach(violation -> result.rejectValue(violation.getPropertyPath().toString(),
						violation.getMessageTemplate().replaceAll("^\\{|\\}$", "")));
		}
		if (!result.hasFieldErrors("newPassword") && !form.newPassword().equals(form.confirmPassword())) {
			result.rejectValue("confirmPassword", "staff.password.mismatch");
		}
		if (result.hasErrors()) {
			return VIEW;
		}
		try {
			if (account.isIdentityToConfirm()) {
				String placeholder = account.getEmail();
				StaffAccount confirmed = accounts.confirmFirstIdentity(form.currentPassword(), form.newPassword(),
						form.displayName(), form.email());
				if (!confirmed.getEmail().equals(placeholder)) {
					sessions.keepThisOne(request, response, confirmed, placeholder);
				}
			}
			else {
				accounts.changeOwnPassword(form.currentPassword(), form.newPassword());
			}
		}
		catch (AccountProblem problem) {
			String field = switch (problem.messageKey()) {
				case "staff.password.current-wrong" -> "currentPassword";
				case StaffAccounts.EMAIL_TAKEN -> "email";
				default -> "newPassword";
			};
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
			String confirmPassword, String displayName, String email) {
	}

	/**
	 * The rules for the name and email a first administrator gives, checked only while they are asked for (the
	 * password form's other users never see the fields). Same names as the form's fields, so errors land on them.
	 */
	record IdentityFields(@NotBlank(message = "{staff.users.name-required}") @Size(max = 100,
			message = "{staff.users.name-too-long}") String displayName,
			@NotBlank(message = "{staff.users.email-required}") @Email(
					message = "{staff.users.email-invalid}") @Size(max = 254,
							message = "{staff.users.email-too-long}") @Pattern(regexp = "(?i)(?!.*@localhost$).*",
									message = "{staff.password.identity.email-placeholder}") String email) {
	}

}

package ca.gagephysio.staff.account;

import ca.gagephysio.staff.session.RenamedSessions;
import ca.gagephysio.staff.web.StaffPages;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * User management for {@code ADMIN}s: invite a member of staff (name, email and role; they choose their own
 * password through a one-time link sent by email, which the administrator also sees once to pass on if no email
 * arrives), change an account's name and email, reset a password (a new one-time link the same way), disable or
 * re-enable an account. Nobody is ever deleted, so the access trail keeps its names. No administrator ever knows
 * anyone's password: there are no temporary passwords to read out over the phone.
 */
@Controller
@RequestMapping(UsersController.PATH)
public class UsersController {

	public static final String PATH = "/staff/users";

	private static final String VIEW = "staff/account/users";

	private static final String EDIT_VIEW = "staff/account/user";

	private static final String BACK = "redirect:" + PATH;

	/** Flash attribute: a one-time link just made, shown once to copy. */
	static final String FRESH_LINK = "freshLink";

	private final StaffAccounts accounts;

	private final StaffInvitations invitations;

	private final RenamedSessions sessions;

	private final StaffPages pages;

	UsersController(StaffAccounts accounts, StaffInvitations invitations, RenamedSessions sessions,
			StaffPages pages) {
		this.accounts = accounts;
		this.invitations = invitations;
		this.sessions = sessions;
		this.pages = pages;
	}

	@GetMapping
	String list(Model model) {
		listModel(model);
		model.addAttribute("form", new NewAccountForm(null, null, StaffRole.STAFF));
		return VIEW;
	}

	@PostMapping
	String invite(@Valid @ModelAttribute("form") NewAccountForm form, BindingResult result,
			RedirectAttributes redirect, Model model) {
		if (form == null || result.getTarget() == null) {
			// A value the record cannot hold (a role not in the list, from a hand-made post): Spring could not make
			// the form (the model holds none), and left what was sent in the binding result, with the field's
			// typeMismatch message.
			NewAccountForm asSent = NewAccountForm.asSent(result);
			BeanPropertyBindingResult errors = new BeanPropertyBindingResult(asSent, "form");
			errors.addAllErrors(result);
			model.addAttribute("form", asSent);
			model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", errors);
			listModel(model);
			return VIEW;
		}
		if (!result.hasErrors()) {
			try {
				StaffAccounts.Invited invited = accounts.invite(form.email(), form.displayName(), form.role());
				redirect.addFlashAttribute("flash", "staff.users.invited");
				redirect.addFlashAttribute(FRESH_LINK, new FreshLink(invited.account().getDisplayName(),
						invited.account().getEmail(), invited.link()));
				return BACK;
			}
			catch (AccountProblem problem) {
				result.rejectValue("email", problem.messageKey());
			}
		}
		listModel(model);
		return VIEW;
	}

	@GetMapping("/{id}")
	String edit(@PathVariable long id, Model model) {
		StaffAccount account = existing(id);
		if (isSignedIn(account)) {
			return "redirect:" + AccountController.PATH;
		}
		model.addAttribute("form", new IdentityForm(account.getDisplayName(), account.getEmail()));
		return editView(account, model);
	}

	@PostMapping("/{id}")
	String saveIdentity(@PathVariable long id, @Valid @ModelAttribute("form") IdentityForm form, BindingResult result,
			RedirectAttributes redirect, Model model) {
		StaffAccount account = existing(id);
		if (!result.hasErrors()) {
			try {
				accounts.changeIdentity(id, form.displayName(), form.email())
					.ifPresent(oldEmail -> sessions.endAllUnder(oldEmail, Set.of()));
				redirect.addFlashAttribute("flash", "staff.users.identity-saved");
				return BACK;
			}
			catch (AccountProblem problem) {
				if (problem.messageKey().equals(StaffAccounts.EMAIL_TAKEN)) {
					result.rejectValue("email", problem.messageKey());
				}
				else {
					result.reject(problem.messageKey());
				}
			}
		}
		return editView(account, model);
	}

	@PostMapping("/{id}/password")
	String resetPassword(@PathVariable long id, RedirectAttributes redirect) {
		StaffAccount account = existing(id);
		String link;
		try {
			link = accounts.resetPassword(id);
		}
		catch (AccountProblem problem) {
			redirect.addFlashAttribute("problem", problem.messageKey());
			return BACK;
		}
		redirect.addFlashAttribute("flash", "staff.users.password-reset");
		redirect.addFlashAttribute(FRESH_LINK, new FreshLink(account.getDisplayName(), account.getEmail(), link));
		return BACK;
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

	private void listModel(Model model) {
		model.addAttribute("page", pages.meta("staff.users.title", PATH));
		var all = accounts.all();
		Map<Long, StaffInvitations.Latest> links = new LinkedHashMap<>();
		all.forEach(account -> invitations.latest(account.getId())
			.filter(latest -> !latest.used())
			.ifPresent(latest -> links.put(account.getId(), latest)));
		model.addAttribute("accounts", all);
		model.addAttribute("links", links);
		model.addAttribute("roles", StaffRole.values());
	}

	private String editView(StaffAccount account, Model model) {
		model.addAttribute("page", pages.meta("staff.users.edit.title", PATH + "/" + account.getId()));
		model.addAttribute("account", account);
		return EDIT_VIEW;
	}

	private StaffAccount existing(long id) {
		return accounts.account(id);
	}

	private static boolean isSignedIn(StaffAccount account) {
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && account.getEmail().equals(StaffAccount.normalise(authentication.getName()));
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

	/** A one-time link just made, for the administrator to copy once. */
	record FreshLink(String displayName, String email, String link) implements java.io.Serializable {
	}

	/** Someone to invite: who they are and what they may do. They choose their own password. */
	record NewAccountForm(@NotBlank(message = "{staff.users.email-required}") @Email(
			message = "{staff.users.email-invalid}") @Size(max = 254, message = "{staff.users.email-too-long}") String email,
			@NotBlank(message = "{staff.users.name-required}") @Size(max = 100,
					message = "{staff.users.name-too-long}") String displayName,
			@NotNull(message = "{staff.users.role-required}") StaffRole role) {

		/** The form as sent, when a field could not be read as its type (that field is then left empty). */
		static NewAccountForm asSent(BindingResult result) {
			return new NewAccountForm(text(result, "email"), text(result, "displayName"),
					result.getFieldValue("role") instanceof StaffRole role ? role : null);
		}

		private static String text(BindingResult result, String field) {
			return result.getFieldValue(field) instanceof String value ? value : null;
		}

	}

	/** An account's name and email, as an administrator changes them. */
	record IdentityForm(@NotBlank(message = "{staff.users.name-required}") @Size(max = 100,
			message = "{staff.users.name-too-long}") String displayName,
			@NotBlank(message = "{staff.users.email-required}") @Email(
					message = "{staff.users.email-invalid}") @Size(max = 254,
							message = "{staff.users.email-too-long}") String email) {
	}

}

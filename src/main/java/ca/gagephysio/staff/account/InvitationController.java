package ca.gagephysio.staff.account;

import ca.gagephysio.staff.signin.SignInEvents;
import ca.gagephysio.staff.web.StaffPages;

import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Where a one-time link leads (an invitation, or an administrator's password reset): the person chooses their
 * password, then signs in as usual and, if they have none yet, sets up a second factor. Open without signing in.
 * The token is taken out of the address at once (kept in the session, then a redirect), so it is not left in the
 * browser's history or sent on as a referrer; the link is spent only when a password is accepted.
 */
@Controller
@RequestMapping(StaffInvitations.PATH)
class InvitationController {

	private static final String VIEW = "staff/account/invitation";

	// a session attribute: its name stays what it was before the staff module had sub-packages, so
	// sessions stored then (Spring Session JDBC) still carry it after an upgrade
	private static final String TOKEN = "ca.gagephysio.staff.internal.InvitationController.TOKEN";

	private final StaffAccounts accounts;

	private final StaffInvitations invitations;

	private final StaffPages pages;

	InvitationController(StaffAccounts accounts, StaffInvitations invitations, StaffPages pages) {
		this.accounts = accounts;
		this.invitations = invitations;
		this.pages = pages;
	}

	@GetMapping(params = "token")
	String arrive(@RequestParam String token, HttpSession session) {
		session.setAttribute(TOKEN, token);
		return "redirect:" + StaffInvitations.PATH;
	}

	@GetMapping
	String form(HttpSession session, Model model, HttpServletResponse response) {
		model.addAttribute("form", new ChosenPassword(null, null));
		return view(session, model, response);
	}

	@PostMapping
	String choose(@Valid @ModelAttribute("form") ChosenPassword form, BindingResult result, HttpSession session,
			Model model, HttpServletResponse response) {
		String token = token(session);
		if (!result.hasFieldErrors("newPassword") && !form.newPassword().equals(form.confirmPassword())) {
			result.rejectValue("confirmPassword", "staff.password.mismatch");
		}
		if (result.hasErrors()) {
			return view(session, model, response);
		}
		try {
			accounts.choosePasswordWithLink(token, form.newPassword());
		}
		catch (AccountProblem problem) {
			if (problem.messageKey().equals(StaffAccounts.LINK_INVALID)) {
				return view(session, model, response);
			}
			result.rejectValue("newPassword", problem.messageKey());
			return view(session, model, response);
		}
		session.removeAttribute(TOKEN);
		return "redirect:/login?" + SignInEvents.PASSWORD_CHOSEN;
	}

	/** The form while the link works; otherwise a page that says it no longer does (410 Gone), in the trail. */
	private String view(HttpSession session, Model model, HttpServletResponse response) {
		model.addAttribute("page", pages.meta("staff.invitation.title", StaffInvitations.PATH));
		String token = token(session);
		var link = invitations.open(token);
		var account = link.map(open -> accounts.account(open.accountId())).filter(StaffAccount::isEnabled);
		if (account.isEmpty()) {
			invitations.refused(token);
			session.removeAttribute(TOKEN);
			response.setStatus(HttpStatus.GONE.value());
			model.addAttribute("linkInvalid", true);
			return VIEW;
		}
		model.addAttribute("linkInvalid", false);
		model.addAttribute("purpose", link.get().purpose());
		model.addAttribute("account", account.get());
		return VIEW;
	}

	private static String token(HttpSession session) {
		return session.getAttribute(TOKEN) instanceof String token ? token : null;
	}

	/**
	 * The password the person chooses. Lengths are checked by {@link PasswordPolicy}; the size limit here only keeps
	 * an absurd post from reaching the hasher.
	 */
	record ChosenPassword(@NotBlank(message = "{staff.password.new-required}") @Size(max = 256,
			message = "{staff.password.too-long}") String newPassword, String confirmPassword) {
	}

}

package ca.gagephysio.staff.account;

import ca.gagephysio.staff.secondfactor.OwnPasskeyCheck;
import ca.gagephysio.staff.secondfactor.SecondFactors;
import ca.gagephysio.staff.session.RenamedSessions;
import ca.gagephysio.staff.web.StaffPages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "My account": the signed-in person's own settings. Their name; their email (their user name, where new-inquiry
 * alerts go), which needs a second factor again (a code from the app, a recovery code, or one of their passkeys), so
 * a session left open at the front desk cannot move the account to someone else's mailbox, and which tells the old
 * address; and whether they are emailed about new
 * inquiries. Only the person themselves changes that choice, so an administrator cannot sign someone up for email
 * they did not ask for.
 */
@Controller
@RequestMapping(AccountController.PATH)
public class AccountController {

	public static final String PATH = "/staff/account";

	private static final String VIEW = "staff/account/account";

	private static final String BACK = "redirect:" + PATH;

	private final StaffAccounts accounts;

	private final RenamedSessions sessions;

	private final StaffPages pages;

	private final SecondFactors factors;

	private final OwnPasskeyCheck passkeyCheck;

	AccountController(StaffAccounts accounts, RenamedSessions sessions, StaffPages pages, SecondFactors factors,
			OwnPasskeyCheck passkeyCheck) {
		this.accounts = accounts;
		this.sessions = sessions;
		this.pages = pages;
		this.factors = factors;
		this.passkeyCheck = passkeyCheck;
	}

	@GetMapping
	String form(Model model) {
		return view(model);
	}

	@PostMapping
	String save(@ModelAttribute("form") AccountForm form, BindingResult result, RedirectAttributes redirect) {
		if (form == null || result.hasErrors()) {
			// not true or false (a hand-made post): Spring could not read the form; nothing is changed
			redirect.addFlashAttribute("problem", "staff.account.unreadable");
			return BACK;
		}
		accounts.chooseNewInquiryEmails(form.wantsNewInquiryEmails());
		if (form.weeklyDigest() != null) {
			// only administrators are shown the box (and only they receive the digest); a post without it changes nothing
			accounts.chooseWeeklyDigest(form.weeklyDigest());
		}
		redirect.addFlashAttribute("flash", form.wantsNewInquiryEmails() ? "staff.account.saved.on"
				: "staff.account.saved.off");
		return BACK;
	}

	@PostMapping("/name")
	String rename(@Valid @ModelAttribute("nameForm") NameForm form, BindingResult result, RedirectAttributes redirect,
			Model model) {
		if (result.hasErrors()) {
			return view(model);
		}
		accounts.renameSelf(form.displayName());
		redirect.addFlashAttribute("flash", "staff.account.name.saved");
		return BACK;
	}

	/**
	 * Request options for confirming the email change with a passkey (JSON, for {@code passkeys.js}); the
	 * assertion comes back in the email form's {@code passkey} field.
	 */
	@PostMapping(path = "/email/passkey-options", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	String passkeyOptions(HttpSession session) {
		return passkeyCheck.newOptions(session);
	}

	/**
	 * The second factor is checked first: a code in its own transaction (a wrong one stays counted by the sign-in
	 * throttle), or a passkey's assertion (which nobody can guess, so it is not counted). The email is changed only
	 * after a right one. This session stays signed in under the new address; every other session of the person's
	 * ends.
	 */
	@PostMapping("/email")
	String changeEmail(@Valid @ModelAttribute("emailForm") EmailForm form, BindingResult result,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect, Model model) {
		if (!form.confirmedWithPasskey() && (form.code() == null || form.code().isBlank())) {
			// one or the other: a class-level constraint would put the message beside neither field
			result.rejectValue("code", "staff.account.email.code-required");
		}
		if (!result.hasErrors()) {
			String oldEmail = accounts.signedIn().getEmail();
			if (StaffAccount.normalise(form.email()).equals(oldEmail)) {
				result.rejectValue("email", "staff.account.email.same");
				return view(model);
			}
			String refused = form.confirmedWithPasskey()
					? passkeyCheck.check(form.passkey(), request.getSession(), "changing the email")
					: accounts.checkOwnSecondFactor(form.code(), request.getRemoteAddr());
			if (refused != null) {
				result.rejectValue("code", refused);
				return view(model);
			}
			try {
				StaffAccount changed = accounts.changeOwnEmail(form.email());
				sessions.keepThisOne(request, response, changed, oldEmail);
				redirect.addFlashAttribute("flash", "staff.account.email.saved");
				return BACK;
			}
			catch (AccountProblem problem) {
				result.rejectValue("email", problem.messageKey());
			}
		}
		return view(model);
	}

	/** The page, with each of its forms as typed (one that came back with errors) or as stored. */
	private String view(Model model) {
		StaffAccount account = accounts.signedIn();
		model.addAttribute("page", pages.meta("staff.account.title", PATH));
		model.addAttribute("account", account);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new AccountForm(account.isNewInquiryEmails(), account.isWeeklyDigest()));
		}
		if (!model.containsAttribute("nameForm")) {
			model.addAttribute("nameForm", new NameForm(account.getDisplayName()));
		}
		if (!model.containsAttribute("emailForm")) {
			model.addAttribute("emailForm", new EmailForm(null, null, null));
		}
		// how the person can confirm an email change: a code where they have an app or recovery codes, a passkey
		// where they have one (a passkey-only account has nothing to type)
		model.addAttribute("confirmWithCode",
				factors.hasApp(account.getId()) || factors.recoveryCodesLeft(account.getId()) > 0);
		model.addAttribute("confirmWithPasskey", !factors.passkeys(account.getEmail()).isEmpty());
		return VIEW;
	}

	/**
	 * The account settings form.
	 *
	 * @param newInquiryEmails the "email me about new inquiries" box; a box left unticked sends nothing, and Spring's
	 * {@code _newInquiryEmails} marker then binds {@code false}, so {@code null} only comes from a hand-made post
	 * @param weeklyDigest the "email me the weekly digest" box (administrators' page only); {@code null} when the page
	 * had no such box: left as it is
	 */
	record AccountForm(Boolean newInquiryEmails, Boolean weeklyDigest) {

		boolean wantsNewInquiryEmails() {
			return Boolean.TRUE.equals(newInquiryEmails);
		}

	}

	/** The person's own name, as shown on timelines and lists. */
	record NameForm(@NotBlank(message = "{staff.users.name-required}") @Size(max = 100,
			message = "{staff.users.name-too-long}") String displayName) {
	}

	/**
	 * A new email for the signed-in person, with a second factor again: a code, or a passkey's assertion.
	 *
	 * @param code an authenticator-app code or a recovery code (the person's own second factor)
	 * @param passkey the assertion of one of the person's passkeys, as {@code passkeys.js} puts it in the form (JSON,
	 * at most {@link OwnPasskeyCheck#MAX_ASSERTION_LENGTH} characters); when present, {@code code} is not looked at
	 */
	record EmailForm(@NotBlank(message = "{staff.account.email.required}") @Email(
			message = "{staff.users.email-invalid}") @Size(max = 254,
					message = "{staff.users.email-too-long}") String email,
			@Size(max = 64, message = "{staff.account.email.code-wrong}") String code,
			@Size(max = OwnPasskeyCheck.MAX_ASSERTION_LENGTH,
					message = "{staff.account.email.passkey-wrong}") String passkey) {

		boolean confirmedWithPasskey() {
			return passkey != null && !passkey.isBlank();
		}

	}

}

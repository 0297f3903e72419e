package ca.gagephysio.staff.internal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "My account": the signed-in person's own settings. Today one: whether they are emailed about new inquiries. Only
 * the person themselves changes it, so an administrator cannot sign someone up for email they did not ask for.
 */
@Controller
@RequestMapping(AccountController.PATH)
class AccountController {

	static final String PATH = "/staff/account";

	private static final String VIEW = "staff/account";

	private final StaffAccounts accounts;

	private final StaffPages pages;

	AccountController(StaffAccounts accounts, StaffPages pages) {
		this.accounts = accounts;
		this.pages = pages;
	}

	@ModelAttribute
	void page(Model model) {
		model.addAttribute("page", pages.meta("staff.account.title", PATH));
		model.addAttribute("account", accounts.signedIn());
	}

	@GetMapping
	String form(Model model) {
		model.addAttribute("form", new AccountForm(accounts.signedIn().isNewInquiryEmails()));
		return VIEW;
	}

	@PostMapping
	String save(@ModelAttribute("form") AccountForm form, RedirectAttributes redirect) {
		accounts.chooseNewInquiryEmails(form.wantsNewInquiryEmails());
		redirect.addFlashAttribute("flash", form.wantsNewInquiryEmails() ? "staff.account.saved.on"
				: "staff.account.saved.off");
		return "redirect:" + PATH;
	}

	/**
	 * The account settings form.
	 *
	 * @param newInquiryEmails the "email me about new inquiries" box; a box left unticked sends nothing, and Spring's
	 * {@code _newInquiryEmails} marker then binds {@code false}, so {@code null} only comes from a hand-made post
	 */
	record AccountForm(Boolean newInquiryEmails) {

		boolean wantsNewInquiryEmails() {
			return Boolean.TRUE.equals(newInquiryEmails);
		}

	}

}

package ca.gagephysio.staff.secondfactor;

import ca.gagephysio.staff.account.StaffAccount;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.web.StaffPages;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Where the second step sends a person whose authenticator app no configured key can read any more
 * ({@link SecondFactors.AppState#UNREADABLE}): in the back office's layout and words, what happened (the clinic's key
 * for app keys was changed, their app and phone are fine) and what to do now (a recovery code, a passkey, or an
 * administrator's reset, then the app set up again), instead of an error page. Reached with the password alone, like
 * the step itself; for anyone whose app is readable (or who has none) it is only the step.
 */
@Controller
class AppUnreadableController {

	static final String PATH = SecondFactorRule.STEP_PATH + "/app-unreadable";

	private final StaffAccounts accounts;

	private final SecondFactors factors;

	private final StaffPages pages;

	AppUnreadableController(StaffAccounts accounts, SecondFactors factors, StaffPages pages) {
		this.accounts = accounts;
		this.factors = factors;
		this.pages = pages;
	}

	@GetMapping(PATH)
	String page(Model model) {
		StaffAccount account = accounts.signedIn();
		if (factors.appState(account.getId()) != SecondFactors.AppState.UNREADABLE) {
			return "redirect:" + SecondFactorRule.STEP_PATH;
		}
		if (!SecondFactorRule.lacksSecondFactor(SecurityContextHolder.getContext().getAuthentication())) {
			// signed in already (a recovery code or a passkey): the security page says the same and sets the app up
			return "redirect:" + SecurityPageController.PATH;
		}
		model.addAttribute("page", pages.meta("staff.app-unreadable.title", PATH));
		return "staff/secondfactor/app-unreadable";
	}

}

package ca.gagephysio.staff.secondfactor;

import ca.gagephysio.staff.account.AccountController;
import ca.gagephysio.staff.signin.LoginController;

import ca.gagephysio.site.http.CanonicalHost;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Tells the pages that offer passkeys (sign-in, the second step, Sign-in and security, My account) whether a
 * passkey can work on this request ({@link CanonicalHost#passkeysCanWork}): on a base URL a browser will not make
 * passkeys for (http other than {@code localhost}, an IP address) or on another host than the base URL's, the button
 * is not offered, rather than offered and then failing with a browser error.
 */
@ControllerAdvice(assignableTypes = { LoginController.class, SecondFactorController.class,
		SecurityPageController.class, AccountController.class })
class PasskeyOffer {

	private final CanonicalHost canonicalHost;

	PasskeyOffer(CanonicalHost canonicalHost) {
		this.canonicalHost = canonicalHost;
	}

	@ModelAttribute("passkeysOffered")
	boolean passkeysOffered(HttpServletRequest request) {
		return canonicalHost.passkeysCanWork(request);
	}

}

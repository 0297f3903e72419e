package ca.gagephysio.fees;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the fees page's address in every model as {@code feesPath} once it is public, and nothing before: the
 * footer (in the site's layout, a module below this one), the inquiry form and the articles' call to action link it
 * only when it exists, so no link ever leads to a 404.
 */
@ControllerAdvice
class FeesLinkAdvice {

	private final Fees fees;

	FeesLinkAdvice(Fees fees) {
		this.fees = fees;
	}

	@ModelAttribute("feesPath")
	String feesPath() {
		return fees.isPublished() ? Fees.PATH : null;
	}

}

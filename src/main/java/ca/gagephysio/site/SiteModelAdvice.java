package ca.gagephysio.site;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import ca.gagephysio.clinic.ClinicFacts;

/**
 * Puts the clinic's facts in every model, so the layout's header and footer never hard-code them.
 */
@ControllerAdvice
class SiteModelAdvice {

	private final ClinicFacts clinic;

	SiteModelAdvice(ClinicFacts clinic) {
		this.clinic = clinic;
	}

	@ModelAttribute("clinic")
	ClinicFacts clinic() {
		return clinic;
	}

}

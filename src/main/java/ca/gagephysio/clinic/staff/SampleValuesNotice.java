package ca.gagephysio.clinic.staff;

import java.util.List;

import org.springframework.stereotype.Component;

import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.staff.StaffNotice;

/**
 * Tells administrators on every back-office page, until one of them saves the clinic's facts, that the public site
 * still shows the shipped sample address, phone and hours. Saving the form is the clinic confirming its facts.
 */
@Component
class SampleValuesNotice implements StaffNotice.Source {

	private final ClinicFacts clinic;

	SampleValuesNotice(ClinicFacts clinic) {
		this.clinic = clinic;
	}

	@Override
	public List<StaffNotice> currentNotices() {
		if (!clinic.sampleValues()) {
			return List.of();
		}
		return List.of(StaffNotice.forAdministrators("settings.notice.sample-values", List.of(),
				ClinicFactsController.PATH));
	}

}

package ca.gagephysio.clinic;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says loudly at start-up while the clinic's address, phone and hours are still the shipped sample values, so they
 * are not published by accident.
 */
@Component
class SampleValuesWarning {

	private static final Logger log = LoggerFactory.getLogger(SampleValuesWarning.class);

	private final ClinicFacts clinic;

	SampleValuesWarning(ClinicFacts clinic) {
		this.clinic = clinic;
	}

	@EventListener(ApplicationReadyEvent.class)
	void warnIfSampleValues() {
		if (clinic.sampleValues()) {
			log.warn("The clinic's address, phone, email, hours and base URL are SAMPLE values ({}, {}). "
					+ "Save the real ones at Clinic facts (/staff/settings), or set clinic.* (or CLINIC_* environment "
					+ "variables) and clinic.sample-values=false; see docs/operations.md, \"Before going live\".",
					clinic.address().oneLine(), clinic.phone());
		}
	}

}

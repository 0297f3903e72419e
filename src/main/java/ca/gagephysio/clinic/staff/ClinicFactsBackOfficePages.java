package ca.gagephysio.clinic.staff;

import ca.gagephysio.staff.BackOfficePages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may open the clinic's facts ({@link ClinicFactsController}): administrators, since every public page shows
 * them.
 */
@Configuration(proxyBeanMethods = false)
class ClinicFactsBackOfficePages {

	@Bean
	static BackOfficePages clinicFactsBackOffice() {
		return BackOfficePages.declare()
			.forAdministrators(ClinicFactsController.PATH + "/**")
			.menuEntry(70, "settings.menu", ClinicFactsController.PATH)
			.build();
	}

}

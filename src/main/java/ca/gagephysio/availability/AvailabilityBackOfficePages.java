package ca.gagephysio.availability;

import ca.gagephysio.staff.BackOfficePages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may open the next-opening page ({@link AvailabilityController}): the front desk keeps the diary, so every
 * signed-in staff member, administrators too.
 */
@Configuration(proxyBeanMethods = false)
class AvailabilityBackOfficePages {

	@Bean
	static BackOfficePages availabilityBackOffice() {
		return BackOfficePages.declare()
			.forStaff(AvailabilityController.PATH, AvailabilityController.PATH + "/**")
			.menuEntry(35, "availability.menu", AvailabilityController.PATH)
			.build();
	}

}

package ca.gagephysio.fees;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import ca.gagephysio.staff.BackOfficePages;

/**
 * Who may open the fees editor ({@link FeesAdminController}): administrators, since what they save is published at
 * once.
 */
@Configuration(proxyBeanMethods = false)
class FeesBackOfficePages {

	@Bean
	static BackOfficePages feesBackOffice() {
		return BackOfficePages.declare()
			.forAdministrators(FeesAdminController.PATH, FeesAdminController.PATH + "/**")
			.menuEntry(75, "fees.menu", FeesAdminController.PATH)
			.build();
	}

}

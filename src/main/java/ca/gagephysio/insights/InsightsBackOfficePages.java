package ca.gagephysio.insights;

import ca.gagephysio.staff.BackOfficePages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may open the owner's insights ({@link InsightsController}): administrators only. */
@Configuration(proxyBeanMethods = false)
class InsightsBackOfficePages {

	@Bean
	static BackOfficePages insightsBackOffice() {
		return BackOfficePages.declare()
			.forAdministrators(InsightsController.PATH + "/**")
			.menuEntry(90, "insights.menu", InsightsController.PATH)
			.build();
	}

}

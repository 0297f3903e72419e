package ca.gagephysio.team;

import ca.gagephysio.staff.BackOfficePages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may open the clinicians' back-office pages ({@link TeamAdminController}): staff edit bios; publishing decides
 * what the public reads, and deleting cannot be undone, so both are for administrators.
 */
@Configuration(proxyBeanMethods = false)
class TeamBackOfficePages {

	@Bean
	static BackOfficePages teamBackOffice() {
		String path = TeamAdminController.PATH;
		return BackOfficePages.declare()
			.forStaff(path + "/**")
			.forAdministrators(path + "/*/publish", path + "/*/unpublish", path + "/*/delete", path + "/*/draft/publish",
					path + "/*/draft/discard")
			.menuEntry(30, "team.menu", path)
			.build();
	}

}

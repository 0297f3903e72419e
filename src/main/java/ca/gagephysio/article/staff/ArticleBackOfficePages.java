package ca.gagephysio.article.staff;

import ca.gagephysio.staff.BackOfficePages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may open the articles' back-office pages ({@link ArticleAdminController}): staff write and revise drafts;
 * what readers see changes only by an administrator's hand (publishing, scheduling, unpublishing, deleting).
 */
@Configuration(proxyBeanMethods = false)
class ArticleBackOfficePages {

	@Bean
	static BackOfficePages articleBackOffice() {
		String path = ArticleAdminController.PATH;
		return BackOfficePages.declare()
			.forStaff(path + "/**")
			.forAdministrators(path + "/*/publish", path + "/*/schedule", path + "/*/unpublish", path + "/*/delete")
			.menuEntry(20, "articles.menu", path)
			.build();
	}

}

package ca.gagephysio.inquiry.reply;

import ca.gagephysio.staff.BackOfficePages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may open the reply templates ({@link ReplyTemplateController}): administrators, since every staff member's
 * replies start from them.
 */
@Configuration(proxyBeanMethods = false)
class ReplyTemplateBackOfficePages {

	@Bean
	static BackOfficePages replyTemplatesBackOffice() {
		return BackOfficePages.declare()
			.forAdministrators(ReplyTemplateController.PATH + "/**")
			.menuEntry(80, "reply.menu", ReplyTemplateController.PATH)
			.build();
	}

}

package ca.gagephysio.inquiry.inbox;

import ca.gagephysio.staff.BackOfficePages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may open the inbox's pages: every staff account works the inbox (inquiries, replies, calls, the export); a
 * person's right-of-access export ({@link AccessRequestController}) is the privacy officer's, so administrators'.
 */
@Configuration(proxyBeanMethods = false)
class InboxBackOfficePages {

	@Bean
	static BackOfficePages inboxBackOffice() {
		return BackOfficePages.declare()
			.forStaff(InboxController.PATH + "/**")
			.forAdministrators(AccessRequestController.PATH + "/**")
			.menuEntry(10, "inbox.menu", InboxController.PATH)
			.menuEntry(60, "inbox.menu.access-request", AccessRequestController.PATH)
			.build();
	}

}

package ca.gagephysio.notification;

import ca.gagephysio.staff.BackOfficePages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may send a failed email again from an inquiry's timeline ({@link NotificationRetryController}): every staff
 * account, as everyone who works the inbox sees the failure. No menu entry: it is reached from the inquiry. The
 * outbox page ({@link OutboxController}) is for administrators, reached from the notice that emails are not going
 * out.
 */
@Configuration(proxyBeanMethods = false)
class NotificationBackOfficePages {

	@Bean
	static BackOfficePages notificationBackOffice() {
		return BackOfficePages.declare()
			.forStaff(NotificationRetryController.PATH + "/**")
			.forAdministrators(OutboxController.PATH)
			.build();
	}

}

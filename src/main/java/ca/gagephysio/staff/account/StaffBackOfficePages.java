package ca.gagephysio.staff.account;

import ca.gagephysio.staff.BackOfficePages;
import ca.gagephysio.staff.secondfactor.SecurityPageController;
import ca.gagephysio.staff.trail.AuditController;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The staff module's own back-office pages, declared like every other module's ({@link BackOfficePages}): a person's
 * own account, password and sign-in security for everyone; staff accounts and the access trail for administrators.
 * The sign-in steps a password-only session may reach, the invitation link and the refusal page have their own
 * rules in {@code StaffSecurityConfig}, tried before these.
 */
@Configuration(proxyBeanMethods = false)
class StaffBackOfficePages {

	@Bean
	static BackOfficePages staffBackOffice() {
		return BackOfficePages.declare()
			.forStaff(BackOfficePages.ROOT, BackOfficePages.ROOT + "/", AccountController.PATH + "/**",
					PasswordController.PATH)
			.forAdministrators(UsersController.PATH + "/**", AuditController.PATH + "/**")
			.menuEntry(40, "staff.layout.users", UsersController.PATH)
			.menuEntry(50, "staff.layout.audit", AuditController.PATH)
			.menuEntry(100, "staff.layout.account", AccountController.PATH)
			.menuEntry(110, "staff.layout.password", PasswordController.PATH)
			.menuEntry(120, "staff.layout.security", SecurityPageController.PATH)
			.build();
	}

}

package ca.gagephysio.staff.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the account check in front of every back-office page.
 */
@Configuration(proxyBeanMethods = false)
class StaffWebConfig implements WebMvcConfigurer {

	private final AccountStateInterceptor accountState;

	StaffWebConfig(AccountStateInterceptor accountState) {
		this.accountState = accountState;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(accountState).addPathPatterns("/staff/**");
	}

}

package ca.gagephysio.staff;

import ca.gagephysio.site.WebSecurityConfig;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The back office's filter chain: everything under {@code /staff} needs a signed-in staff account.
 */
@Configuration(proxyBeanMethods = false)
class StaffSecurityConfig {

	@Bean
	@Order(10)
	SecurityFilterChain staffChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/staff/**", "/login", "/logout")
			.authorizeHttpRequests(auth -> auth.requestMatchers("/login").permitAll().anyRequest().authenticated())
			.formLogin(form -> form.loginPage("/login").permitAll())
			.headers(WebSecurityConfig.siteHeaders());
		return http.build();
	}

}

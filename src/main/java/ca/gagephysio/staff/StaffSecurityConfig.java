package ca.gagephysio.staff;

import java.util.Map;

import ca.gagephysio.site.WebSecurityConfig;
import ca.gagephysio.staff.internal.AbsoluteSessionTimeoutFilter;
import ca.gagephysio.staff.internal.SignInEvents;
import ca.gagephysio.staff.internal.StaffProperties;

import org.springframework.boot.session.autoconfigure.DefaultCookieSerializerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * The back office's filter chain: everything under {@code /staff} needs a signed-in staff account (an anonymous
 * request is sent to {@code /login}), account management, the access trail, publishing, unpublishing or deleting
 * an article, publishing or deleting a clinician, and the owner's insights need {@code ADMIN}. Sessions exist
 * only here, kept in the database by Spring Session JDBC so that every instance shares them (a sign-out through one
 * ends the session on all): a new session id at sign-in, CSRF tokens on every form, an idle and an absolute time-out, and a
 * sign-out that ends the session and tells the browser to drop everything it kept. A form sent after its session
 * ended leads to sign-in and back to the page with what was typed (see {@link SignInEvents#accessDeniedHandler()});
 * any refusal is shown in the back office's words, never the public error page's.
 */
@Configuration(proxyBeanMethods = false)
class StaffSecurityConfig {

	private static final String ARGON2 = "argon2@SpringSecurity_v5_8";

	@Bean
	@Order(10)
	SecurityFilterChain staffChain(HttpSecurity http, SignInEvents signIn, StaffProperties properties)
			throws Exception {
		http.securityMatcher("/staff/**", "/login", "/logout")
			.authorizeHttpRequests(auth -> auth.requestMatchers("/login")
				.permitAll()
				.requestMatchers(SignInEvents.FORBIDDEN_PATH)
				.authenticated()
				.requestMatchers("/staff/users/**", "/staff/audit/**", "/staff/inquiries/access-request/**",
						"/staff/settings/**", "/staff/templates/**", "/staff/insights/**")
				.hasRole("ADMIN")
				// Articles: staff write drafts; what readers see changes only by an administrator's hand.
				.requestMatchers("/staff/articles/*/publish", "/staff/articles/*/schedule",
						"/staff/articles/*/unpublish", "/staff/articles/*/delete")
				.hasRole("ADMIN")
				// Publishing decides what the public reads, and deleting cannot be undone: administrators only.
				.requestMatchers("/staff/team/*/publish", "/staff/team/*/unpublish", "/staff/team/*/delete")
				.hasRole("ADMIN")
				.anyRequest()
				.hasRole("STAFF"))
			.formLogin(form -> form.loginPage("/login")
				.usernameParameter(SignInEvents.EMAIL_PARAMETER)
				.successHandler(signIn.successHandler())
				.failureHandler(signIn.failureHandler())
				.permitAll())
			.logout(logout -> logout.logoutUrl("/logout")
				.addLogoutHandler(signIn.signOutRecorder())
				.addLogoutHandler(signIn.clearSiteData())
				.invalidateHttpSession(true)
				.clearAuthentication(true)
				.deleteCookies("JSESSIONID")
				.logoutSuccessUrl("/login?signedOut"))
			.sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
			.exceptionHandling(exceptions -> exceptions.accessDeniedHandler(signIn.accessDeniedHandler())
				.authenticationEntryPoint(signIn.signInEntryPoint()))
			.addFilterBefore(new AbsoluteSessionTimeoutFilter(properties), SecurityContextHolderFilter.class)
			.addFilterBefore(signIn.throttleFilter(), UsernamePasswordAuthenticationFilter.class)
			.headers(WebSecurityConfig.siteHeaders());
		return http.build();
	}

	/**
	 * Argon2 for every new hash: it hashes a long passphrase whole, where bcrypt silently ignores everything past 72
	 * bytes. Delegating, so an older {@code {bcrypt}} hash still verifies.
	 */
	/**
	 * The session cookie carries the session id as it is, not Base64-encoded (Spring Session's default). Decoding a
	 * cookie the site did not set (a browser's {@code JSESSIONID} from before sessions moved to the database, or a
	 * made-up one) can give any bytes, NUL included, which PostgreSQL refuses in a text parameter: such a request
	 * failed with a 500 instead of being treated as having no session. Session ids are URL-safe already.
	 */
	@Bean
	DefaultCookieSerializerCustomizer sessionIdInTheCookieAsItIs() {
		return serializer -> serializer.setUseBase64Encoding(false);
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return new DelegatingPasswordEncoder(ARGON2, Map.of(ARGON2, Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
				"bcrypt", new BCryptPasswordEncoder()));
	}

}

package ca.gagephysio.staff;

import java.util.List;
import java.util.Map;

import ca.gagephysio.site.http.WebSecurityConfig;
import ca.gagephysio.staff.session.AbsoluteSessionTimeoutFilter;
import ca.gagephysio.staff.session.AccountStateFilter;
import ca.gagephysio.staff.secondfactor.SecondFactorRule;
import ca.gagephysio.staff.signin.SignInEvents;
import ca.gagephysio.staff.account.AccountsThisRequest;
import ca.gagephysio.staff.signin.StaffProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.session.autoconfigure.DefaultCookieSerializerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authorization.AuthorizationManagerFactory;
import org.springframework.security.authorization.DefaultAuthorizationManagerFactory;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * The back office's filter chain: everything under {@code /staff} needs a staff account signed in with two factors
 * (a password and a code, or a passkey: {@link SecondFactorRule}; a password-only session is sent to the second
 * step, or to enrol one, and reaches nothing else), and an anonymous request is sent to {@code /login}. Who may open
 * which page is declared by the module that owns it ({@link BackOfficePages}, collected here): {@code STAFF} or
 * {@code ADMIN}; a {@code /staff} path no module declared is refused to everyone. Sessions exist
 * only here, kept in the database by Spring Session JDBC so that every instance shares them (a sign-out through one
 * ends the session on all): a new session id at sign-in, CSRF tokens on every form, an idle and an absolute time-out, and a
 * sign-out that ends the session and tells the browser to drop everything it kept, and the end of every session of
 * a person whose account changed, on the next request to any endpoint ({@code AccountStateFilter}). A form sent
 * after its session ended leads to sign-in and back to the page with what was typed (see
 * {@link SignInEvents#accessDeniedHandler()});
 * any refusal is shown in the back office's words, never the public error page's.
 */
@Configuration(proxyBeanMethods = false)
class StaffSecurityConfig {

	private static final String ARGON2 = "argon2@SpringSecurity_v5_8";

	@Bean
	@Order(10)
	SecurityFilterChain staffChain(HttpSecurity http, SignInEvents signIn, StaffProperties properties,
			SecondFactorRule secondFactor, AccountsThisRequest accounts, ObjectProvider<BackOfficePages> declared)
			throws Exception {
		List<BackOfficePages> pages = declared.orderedStream().toList();
		http.securityMatcher("/staff/**", "/login", "/logout", "/webauthn/**", "/login/webauthn")
			.authorizeHttpRequests(auth -> auth.requestMatchers("/login")
				.permitAll()
				// a one-time link's page: its owner has no password yet; the link itself is the credential
				.requestMatchers(SignInEvents.INVITATION_PATH)
				.permitAll()
				// A password-only session reaches only the second step, a temporary password's change, and
				// enrolment while its account has no factor at all.
				.requestMatchers(SecondFactorRule.PASSWORD_ONLY_PATHS)
				.access(SecondFactorRule.passwordOrMore())
				.requestMatchers(SecondFactorRule.PASSWORD_CHANGE_PATH)
				.access(secondFactor.passwordChange())
				.requestMatchers(SecondFactorRule.ENROLMENT_PATHS)
				.access(secondFactor.enrolment())
				.requestMatchers(SignInEvents.FORBIDDEN_PATH)
				.authenticated()
				// Spring Security's own endpoints in this chain (passkey sign-in and registration, sign-out): any
				// staff account, as every back-office page was before pages were declared.
				.requestMatchers("/webauthn/**", "/login/webauthn", "/logout")
				.hasRole("STAFF")
				// Every module's own pages, declared beside its controllers; administrators' rules first, so the
				// stricter rule wins where two overlap.
				.requestMatchers(administratorPaths(pages))
				.hasRole("ADMIN")
				.requestMatchers(staffPaths(pages))
				.hasRole("STAFF")
				// A back-office page nobody declared is open to no one: forgetting its rule leaves it closed.
				.anyRequest()
				.denyAll())
			// Passkeys: the relying party (its id the clinic's own host, its only origin the clinic's base URL) is
			// the PasskeyRelyingParty bean, which Spring's configurer takes in place of fixed rpId/allowedOrigins,
			// since the base URL is a setting the owner can change. Spring's own pages are off: ours are in the
			// back office's design and content security policy.
			.webAuthn(webAuthn -> webAuthn.disableDefaultRegistrationPage(true)
				.creationOptionsRepository(SecondFactorRule.creationOptionsInTheSession()))
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
			// A session whose account changed (disabled, a password or factor reset, the person's own change made
			// in another session) ends here, before any filter acts on its sign-in: the passkey ones included.
			.addFilterAfter(new AccountStateFilter(accounts), SecurityContextHolderFilter.class)
			.addFilterBefore(signIn.throttleFilter(), UsernamePasswordAuthenticationFilter.class)
			.addFilterBefore(SecondFactorRule.passkeyRegistrationRefusals(), AuthorizationFilter.class)
			.headers(WebSecurityConfig.siteHeaders())
			.headers(headers -> headers.permissionsPolicyHeader(policy -> policy.policy(STAFF_PERMISSIONS_POLICY)));
		DefaultSecurityFilterChain chain = http.build();
		// Spring's WebAuthn configurer builds its sign-in filter itself; a passkey sign-in gets the same session
		// treatment as a password one (new session id, time-outs, access trail).
		chain.getFilters()
			.stream()
			.filter(WebAuthnAuthenticationFilter.class::isInstance)
			.map(WebAuthnAuthenticationFilter.class::cast)
			.forEach(filter -> {
				filter.setAuthenticationSuccessHandler(signIn.passkeySuccessHandler());
				filter.setSessionAuthenticationStrategy(new ChangeSessionIdAuthenticationStrategy());
			});
		return chain;
	}

	private static String[] administratorPaths(List<BackOfficePages> pages) {
		return pages.stream().flatMap(page -> page.forAdministrators().stream()).distinct().toArray(String[]::new);
	}

	private static String[] staffPaths(List<BackOfficePages> pages) {
		return pages.stream().flatMap(page -> page.forStaff().stream()).distinct().toArray(String[]::new);
	}

	/**
	 * The site's permissions policy, but letting the back office's own pages create and use passkeys (the public
	 * site keeps both off).
	 */
	static final String STAFF_PERMISSIONS_POLICY = WebSecurityConfig.PERMISSIONS_POLICY.replace(
			"publickey-credentials-get=()", "publickey-credentials-create=(self), publickey-credentials-get=(self)");

	/**
	 * Every rule of every chain ({@code hasRole}, {@code authenticated}, ...) also needs a completed second factor
	 * ({@link SecondFactorRule#completed()}), so a page added later is covered without anyone remembering to;
	 * {@code permitAll} and the explicit {@code access(...)} rules above are the only ways round it. The public
	 * chain permits everything and is unaffected.
	 */
	@Bean
	AuthorizationManagerFactory<RequestAuthorizationContext> secondFactorEverywhere() {
		DefaultAuthorizationManagerFactory<RequestAuthorizationContext> factory = new DefaultAuthorizationManagerFactory<>();
		factory.setAdditionalAuthorization(SecondFactorRule.completed());
		return factory;
	}

	@Bean
	JdbcUserCredentialRepository passkeyCredentials(JdbcTemplate jdbc) {
		return new JdbcUserCredentialRepository(jdbc);
	}

	@Bean
	JdbcPublicKeyCredentialUserEntityRepository passkeyUsers(JdbcTemplate jdbc) {
		return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
	}

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

	/**
	 * Argon2 for every new hash: it hashes a long passphrase whole, where bcrypt silently ignores everything past 72
	 * bytes. Delegating, so an older {@code {bcrypt}} hash still verifies. Its cost is {@link PasswordHashing}
	 * (as shipped, Spring Security's {@code defaultsForSpringSecurity_v5_8()}); each stored Argon2 hash carries its
	 * own parameters, so a hash made at another cost still verifies.
	 */
	@Bean
	PasswordEncoder passwordEncoder(PasswordHashing hashing) {
		return new DelegatingPasswordEncoder(ARGON2,
				Map.of(ARGON2, hashing.encoder(), "bcrypt", new BCryptPasswordEncoder()));
	}

}

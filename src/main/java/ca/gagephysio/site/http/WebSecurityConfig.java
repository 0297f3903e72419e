package ca.gagephysio.site.http;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.header.writers.CrossOriginResourcePolicyHeaderWriter;
import org.springframework.security.web.header.writers.CrossOriginResourcePolicyHeaderWriter.CrossOriginResourcePolicy;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.PermissionsPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The public side of the site's security: strict headers on every response, and a public filter chain that is
 * stateless (no session, no cookie, nothing to track a reader with). The staff back office has its own chain,
 * ordered before this one, in the staff module.
 */
@Configuration(proxyBeanMethods = false)
public class WebSecurityConfig {

	/**
	 * No inline script or style anywhere, so no {@code 'unsafe-inline'}; JSON-LD blocks are data and are not
	 * executed, so {@code script-src 'self'} does not block them.
	 */
	public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self'; font-src 'self'; connect-src 'self'; manifest-src 'self'; form-action 'self'; "
			+ "frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

	/** Turns off every powerful feature the site never uses. */
	public static final String PERMISSIONS_POLICY = "accelerometer=(), autoplay=(), camera=(), display-capture=(), "
			+ "encrypted-media=(), fullscreen=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
			+ "midi=(), payment=(), picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), "
			+ "sync-xhr=(), usb=(), xr-spatial-tracking=(), interest-cohort=()";

	/** Two years, with subdomains: what the HTTP Observatory (and the HSTS preload list) asks for. */
	public static final long HSTS_MAX_AGE_SECONDS = 63072000;

	/**
	 * The headers every response carries, public or staff. Exposed so the staff chain applies exactly the same.
	 */
	public static Customizer<HeadersConfigurer<HttpSecurity>> siteHeaders() {
		return headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
			.permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY))
			.crossOriginOpenerPolicy(coop -> coop.policy(CrossOriginOpenerPolicy.SAME_ORIGIN))
			.crossOriginResourcePolicy(corp -> corp.policy(CrossOriginResourcePolicy.SAME_ORIGIN))
			.frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
			.httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(HSTS_MAX_AGE_SECONDS));
	}

	/**
	 * The same headers as {@link #siteHeaders()}, as writers for the error dispatch (see
	 * {@link ErrorDispatchHeaderWriterFilter}). {@code SecurityHeadersTests} checks every one of them on error pages.
	 */
	static List<HeaderWriter> siteHeaderWriters() {
		CrossOriginOpenerPolicyHeaderWriter coop = new CrossOriginOpenerPolicyHeaderWriter();
		coop.setPolicy(CrossOriginOpenerPolicy.SAME_ORIGIN);
		CrossOriginResourcePolicyHeaderWriter corp = new CrossOriginResourcePolicyHeaderWriter();
		corp.setPolicy(CrossOriginResourcePolicy.SAME_ORIGIN);
		return List.of(new XContentTypeOptionsHeaderWriter(), new XFrameOptionsHeaderWriter(XFrameOptionsMode.DENY),
				new HstsHeaderWriter(HSTS_MAX_AGE_SECONDS, true),
				new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY),
				new ReferrerPolicyHeaderWriter(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN),
				new PermissionsPolicyHeaderWriter(PERMISSIONS_POLICY), coop, corp);
	}

	/**
	 * No observation around each security filter: with the actuator on the class path, Spring Security would
	 * otherwise wrap every filter of every request in a Micrometer observation that nothing reads (only
	 * {@code health} is exposed); those wrappers were the largest Spring Security cost in a profile of the cached
	 * article page.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * Spring Security's default firewall ({@link StrictHttpFirewall}: no encoded slashes, periods or semicolons in
	 * the path, no control characters in a header or a parameter), as a bean so the filter chain and the page
	 * cache's front door, which answers the inquiry form before the chain, check requests with the same one.
	 */
	@Bean
	HttpFirewall httpFirewall() {
		return new StrictHttpFirewall();
	}

	/**
	 * Everything that is not the back office. Public pages are cacheable (controllers set their own
	 * {@code Cache-Control}); the inquiry form and its confirmation carry a one-time token or a person's reference
	 * and are never stored by a cache. CSRF protection is not needed here: no public request acts on a signed-in
	 * session, and the inquiry form carries its own signed one-time token.
	 */
	@Bean
	@Order(100)
	SecurityFilterChain publicSiteChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.securityContext(context -> context.disable())
			.anonymous(anonymous -> anonymous.disable())
			.csrf(csrf -> csrf.disable())
			.headers(siteHeaders())
			.headers(headers -> headers.cacheControl(cache -> cache.disable())
				.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
						PathPatternRequestMatcher.withDefaults().matcher("/inquiry/**"), new CacheControlHeadersWriter())))
			.headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
					PathPatternRequestMatcher.withDefaults().matcher("/inquiry"), new CacheControlHeadersWriter())))
			.addFilterBefore(new ErrorDispatchHeaderWriterFilter(siteHeaderWriters()), HeaderWriterFilter.class);
		return http.build();
	}

}

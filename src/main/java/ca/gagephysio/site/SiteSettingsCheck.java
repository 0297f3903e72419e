package ca.gagephysio.site;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import ca.gagephysio.site.http.CanonicalHost;

/**
 * Checks at start-up the settings of the whole site whose wrong value would break a promise later, on a visitor's
 * request: it refuses to start ({@link SettingRefused}, naming the setting) where a promise would be broken, and
 * logs a warning naming the setting where something only works less well. Settings that belong to one module are
 * checked there ({@code @Validated} properties, whose failures Spring Boot reports by name, or a check of their own).
 * <p>
 * Refused: a {@code clinic.base-url} that is not an absolute http(s) address with a host (every email link, the
 * sitemap and the passkeys' relying party are made from it); a {@code clinic.email} that is not one address (the
 * sender and {@code Reply-To} of emails); {@code spring.jpa.hibernate.ddl-auto} other than
 * {@code validate} or {@code none} (Hibernate would create, change or drop the tables Flyway keeps: {@code create}
 * and {@code create-drop} delete every inquiry); TRACE on Hibernate's bind-parameter logger, which writes every
 * value stored, patients' messages included, to the log.
 * <p>
 * Warned about: a base URL neither https nor {@code localhost} (no passkeys; links sent in clear), a management
 * server bound to a public address, and an SMTP password with neither STARTTLS nor TLS on.
 */
@Component
class SiteSettingsCheck {

	private static final Logger log = LoggerFactory.getLogger(SiteSettingsCheck.class);

	private static final Set<String> SAFE_DDL = Set.of("validate", "none");

	static final String BIND_LOGGER = "org.hibernate.orm.jdbc.bind";

	private final Environment environment;

	SiteSettingsCheck(Environment environment) {
		this.environment = environment;
		baseUrl();
		String email = environment.getProperty("clinic.email", "").strip();
		if (!email.isEmpty() && !ReplyToAddress.isOnePlainAddress(email)) {
			throw new SettingRefused("clinic.email", "\"" + email + "\" is not one plain email address: emails would go "
					+ "out from it and patients' answers would go to it, and both would bounce.",
					"Set the clinic's public email, such as info@clinic.example, or leave it empty.");
		}
		String ddl = environment.getProperty("spring.jpa.hibernate.ddl-auto");
		if (ddl != null && !SAFE_DDL.contains(ddl.strip().toLowerCase(Locale.ROOT))) {
			throw new SettingRefused("spring.jpa.hibernate.ddl-auto", "it is " + ddl + ": Hibernate would create, "
					+ "change or drop the tables the Flyway migrations keep (create and create-drop delete every "
					+ "inquiry).", "Set it to validate (the default) or leave it out; the schema comes only from "
							+ "src/main/resources/db/migration.");
		}
		if (LoggerFactory.getLogger(BIND_LOGGER).isTraceEnabled()) {
			throw new SettingRefused("logging.level." + BIND_LOGGER, "it is TRACE: Hibernate would write every value "
					+ "stored, patients' names and messages included, to the log.",
					"Set it to INFO or leave it out (check logging.level.org.hibernate and logging.level.root too).");
		}
	}

	/**
	 * The base URL as given.
	 *
	 * @throws SettingRefused if it is not an absolute http(s) URL with a host
	 */
	private URI baseUrl() {
		String given = environment.getProperty("clinic.base-url", "");
		URI uri;
		try {
			uri = new URI(given.strip());
		}
		catch (URISyntaxException ex) {
			uri = null;
		}
		if (uri == null || uri.getHost() == null
				|| !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
			throw new SettingRefused("clinic.base-url", "\"" + given + "\" is not an absolute http(s) address with a "
					+ "host name: every link in an email, the sitemap, the feed and the passkeys are made from it.",
					"Set it to the address visitors type, such as https://www.clinic.example (docs/operations.md, "
							+ "\"Before going live\").");
		}
		return uri;
	}

	@EventListener(ApplicationReadyEvent.class)
	void warnAboutDegradedSettings() {
		URI base = baseUrl();
		if (!CanonicalHost.passkeysCanWork(base)) {
			log.warn("clinic.base-url ({}) is not an https address on a host name (http works only on localhost): "
					+ "browsers refuse passkeys there, so the sign-in pages offer none, and links in emails are not "
					+ "encrypted. Set CLINIC_BASE_URL to the site's https address.", base);
		}
		String managementAddress = environment.getProperty("management.server.address");
		if (managementAddress != null && !isPrivate(managementAddress)) {
			log.warn("management.server.address ({}) is not a loopback or private address: health details and "
					+ "metrics would be reachable from the internet. Keep MANAGEMENT_SERVER_ADDRESS at 127.0.0.1 or on "
					+ "a private network.", managementAddress);
		}
		if (environment.getProperty("spring.mail.host") != null && environment.getProperty("spring.mail.password") != null
				&& !encryptedMail()) {
			log.warn("spring.mail.password is set but neither spring.mail.properties.mail.smtp.starttls.enable nor "
					+ "TLS (port 465, spring.mail.properties.mail.smtp.ssl.enable) is on: the mail password and every "
					+ "email would cross the network in clear. Set SPRING_MAIL_PROPERTIES_MAIL_SMTP_STARTTLS_ENABLE=true "
					+ "and _REQUIRED=true.");
		}
	}

	private boolean encryptedMail() {
		return environment.getProperty("spring.mail.properties.mail.smtp.starttls.enable", Boolean.class, false)
				|| environment.getProperty("spring.mail.properties.mail.smtp.ssl.enable", Boolean.class, false)
				|| "smtps".equalsIgnoreCase(environment.getProperty("spring.mail.protocol"))
				|| Integer.valueOf(465).equals(environment.getProperty("spring.mail.port", Integer.class));
	}

	private static boolean isPrivate(String address) {
		if (!CanonicalHost.isIpLiteral(address) && !CanonicalHost.isLocalhost(address)) {
			return false;
		}
		try {
			InetAddress inet = InetAddress.getByName(address.replace("[", "").replace("]", ""));
			return inet.isLoopbackAddress() || inet.isSiteLocalAddress() || inet.isLinkLocalAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}

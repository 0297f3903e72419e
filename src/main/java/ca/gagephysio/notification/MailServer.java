package ca.gagephysio.notification;

import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The mail server the outbox sends through, if one is configured: {@code spring.mail.host} (or
 * {@code spring.mail.jndi-name}, Spring Boot's other way to name one) set to something, read from the environment
 * when the application starts.
 * <p>
 * Decided here at run time, not from whether Spring Boot defined its {@link JavaMailSender}: Boot defines that bean
 * only when {@code spring.mail.host} is set, and a jar built with Spring's ahead-of-time processing
 * ({@code ./mvnw -Paot package}) fixes such conditions at build time. The {@code aot} build therefore always defines
 * the sender (pom.xml gives its processing a stand-in host; the real host, port and password are still bound at run
 * time), and this class ignores it unless the running application names a mail server. Without one, nothing is
 * sent and every email waits in the outbox, as on a plain build.
 */
@Component
class MailServer {

	private final ObjectProvider<JavaMailSender> sender;

	private final boolean configured;

	/**
	 * @param sender Spring Boot's mail sender, when defined
	 * @param environment where {@code spring.mail.host} and {@code spring.mail.jndi-name} are read, once
	 */
	MailServer(ObjectProvider<JavaMailSender> sender, Environment environment) {
		this.sender = sender;
		this.configured = StringUtils.hasText(environment.getProperty("spring.mail.host"))
				|| StringUtils.hasText(environment.getProperty("spring.mail.jndi-name"));
	}

	/** Whether the running application names a mail server ({@code spring.mail.host} or {@code jndi-name}). */
	boolean configured() {
		return configured;
	}

	/**
	 * The sender to send with: empty when no mail server is configured, and also when one is configured but no
	 * sender was defined (a jar whose ahead-of-time processing left it out; {@link NotificationSender} says so at
	 * start-up).
	 */
	Optional<JavaMailSender> sender() {
		return configured ? Optional.ofNullable(sender.getIfAvailable()) : Optional.empty();
	}

}

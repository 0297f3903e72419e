package ca.gagephysio.notification;

import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import ca.gagephysio.site.ClinicProperties;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.mail.javamail.MimeMessagePreparator;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Turns an outbox row into an email: a plain-text part and an HTML part rendered from
 * {@code templates/notification/}. Headers are set only through {@link MimeMessageHelper} from configuration and
 * validated addresses; nothing a person typed reaches a header, and subjects are stripped of line breaks anyway.
 */
@Component
class NotificationEmails {

	private final SpringTemplateEngine templates;

	private final MessageSource messages;

	private final ClinicProperties clinic;

	private final NotificationSettings settings;

	private final Locale locale;

	NotificationEmails(MessageSource messages, ClinicProperties clinic, NotificationSettings settings,
			@Value("${spring.web.locale:en_CA}") Locale locale) {
		this.messages = messages;
		this.clinic = clinic;
		this.settings = settings;
		this.locale = locale;
		this.templates = emailTemplateEngine(messages);
	}

	/**
	 * An engine of its own, so email templates (text and HTML, resolved by file name) never mix with the web
	 * views' resolvers; it shares the site's message files.
	 */
	private static SpringTemplateEngine emailTemplateEngine(MessageSource messages) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("templates/notification/");
		resolver.setCharacterEncoding("UTF-8");
		resolver.setTextTemplateModePatterns(Set.of("*.txt"));
		resolver.setTemplateMode(TemplateMode.HTML);
		resolver.setCacheable(true);
		resolver.setCheckExistence(true);
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.setTemplateResolver(resolver);
		engine.setTemplateEngineMessageSource(messages);
		engine.setEnableSpringELCompiler(true);
		return engine;
	}

	/**
	 * The email for this row.
	 *
	 * @throws InvalidRecipientException if there is no valid address to send it to
	 */
	MimeMessagePreparator compose(Notification notification, Instant now) {
		List<InternetAddress> recipients = recipientsOf(notification);
		Context context = new Context(locale);
		context.setVariable("clinic", clinic);
		context.setVariable("reference", notification.getReference());
		String subject;
		if (notification.isStaffAlert()) {
			context.setVariable("service", serviceName(notification.getService()));
			context.setVariable("ago", howLongAgo(notification.getSubmittedAt(), now));
			context.setVariable("receivedAt", DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
				.withLocale(locale)
				.withZone(clinic.timeZone())
				.format(notification.getSubmittedAt()));
			context.setVariable("inquiryUrl", clinic.url("/staff/inquiries/" + notification.getInquiryId()));
			subject = message("notification.staff-alert.subject", notification.getReference());
		}
		else {
			context.setVariable("name", oneLine(notification.getRecipientName()));
			subject = message("notification.acknowledgement.subject", notification.getReference(), clinic.name());
		}
		String template = notification.getKind().key();
		String text = templates.process(template + ".txt", context);
		String html = templates.process(template + ".html", context);
		return mimeMessage -> fill(mimeMessage, recipients, subject, text, html, !notification.isStaffAlert());
	}

	private void fill(MimeMessage mimeMessage, List<InternetAddress> recipients, String subject, String text,
			String html, boolean toThePerson) throws MessagingException, UnsupportedEncodingException {
		MimeMessageHelper helper = new MimeMessageHelper(mimeMessage, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
				"UTF-8");
		helper.setFrom(fromAddress(), clinic.name());
		helper.setTo(recipients.toArray(InternetAddress[]::new));
		if (toThePerson && hasText(clinic.email())) {
			helper.setReplyTo(clinic.email().strip());
		}
		helper.setSubject(oneLine(subject));
		helper.setText(text, html);
	}

	private List<InternetAddress> recipientsOf(Notification notification) {
		if (notification.isStaffAlert()) {
			List<String> addresses = settings.staffAddresses();
			if (addresses.isEmpty()) {
				throw new InvalidRecipientException("no front-desk address is configured");
			}
			return addresses.stream().map(NotificationEmails::address).toList();
		}
		return List.of(address(notification.getRecipientEmail()));
	}

	/**
	 * One plain address, strictly parsed: no display name, no list, no line break, exactly what was given.
	 */
	static InternetAddress address(String given) {
		if (given == null || given.isBlank() || given.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidRecipientException("not a usable email address");
		}
		String trimmed = given.strip();
		try {
			InternetAddress address = new InternetAddress(trimmed, true);
			address.validate();
			if (address.getPersonal() != null || !trimmed.equals(address.getAddress())) {
				throw new InvalidRecipientException("not a single plain email address");
			}
			return address;
		}
		catch (AddressException ex) {
			throw new InvalidRecipientException("not a valid email address");
		}
	}

	private String fromAddress() {
		if (hasText(settings.from())) {
			return settings.from().strip();
		}
		if (hasText(clinic.email())) {
			return clinic.email().strip();
		}
		return "no-reply@" + clinic.baseUrl().getHost();
	}

	private String serviceName(String serviceKey) {
		// Our wording, else the form's, else the key itself: a service added later never breaks the email.
		return messages.getMessage(new DefaultMessageSourceResolvable(
				new String[] { "notification.service." + serviceKey, "inquiry.service." + serviceKey }, serviceKey),
				locale);
	}

	private String howLongAgo(Instant submittedAt, Instant now) {
		Duration elapsed = Duration.between(submittedAt, now);
		if (elapsed.toMinutes() < 1) {
			return message("notification.ago.now");
		}
		if (elapsed.toMinutes() < 60) {
			return message("notification.ago.minutes", elapsed.toMinutes());
		}
		if (elapsed.toHours() < 48) {
			return message("notification.ago.hours", elapsed.toHours());
		}
		return message("notification.ago.days", elapsed.toDays());
	}

	private String message(String key, Object... arguments) {
		return messages.getMessage(key, arguments, locale);
	}

	/** Line breaks and other control characters become spaces: what goes in a subject or greeting is one line. */
	static String oneLine(String text) {
		if (text == null) {
			return null;
		}
		return text.replaceAll("\\p{Cntrl}+", " ").strip();
	}

	private static boolean hasText(String text) {
		return text != null && !text.isBlank();
	}

	/** There is no address this email could properly go to; another attempt would not change that. */
	static class InvalidRecipientException extends RuntimeException {

		InvalidRecipientException(String reason) {
			super(reason);
		}

	}

}

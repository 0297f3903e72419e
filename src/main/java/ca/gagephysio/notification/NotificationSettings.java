package ca.gagephysio.notification;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How notification emails are sent ({@code clinic.notifications.*}). The SMTP server itself is Spring Boot's
 * standard {@code spring.mail.*}; without {@code spring.mail.host} nothing is sent and the emails wait.
 *
 * @param staffRecipients a shared front-desk mailbox (or several) that receives new-inquiry alerts instead of the
 * staff accounts; empty (the default) means every active staff account whose owner has "Email me about new
 * inquiries" on (see {@link AlertRecipients})
 * @param acknowledge whether a person who gave an email address gets an acknowledgement
 * @param from the sender address; empty means the clinic's public email, or {@code no-reply@} the site's host
 * @param sendInterval how often the sender looks for emails to send
 * @param retryDelay the wait after a first failed attempt; it doubles with each further failure
 * @param maxRetryDelay the longest wait between attempts
 * @param maxAttempts attempts before an email is marked failed and waits for staff to retry it
 * @param overdueAfter how long an email may wait before staff are warned that emails are not going out
 */
@Validated
@ConfigurationProperties("clinic.notifications")
record NotificationSettings(@DefaultValue List<@Email String> staffRecipients, @DefaultValue("true") boolean acknowledge,
		@DefaultValue("") @Email String from, @NotNull @DefaultValue("PT15S") Duration sendInterval,
		@NotNull @DefaultValue("PT1M") Duration retryDelay, @NotNull @DefaultValue("PT1H") Duration maxRetryDelay,
		@Min(1) @DefaultValue("10") int maxAttempts, @NotNull @DefaultValue("PT10M") Duration overdueAfter) {

	boolean hasStaffRecipients() {
		return staffRecipients.stream().anyMatch(address -> !address.isBlank());
	}

	List<String> staffAddresses() {
		return staffRecipients.stream().map(String::strip).filter(address -> !address.isEmpty()).toList();
	}

	Notification.Backoff backoff() {
		return new Notification.Backoff(retryDelay, maxRetryDelay, maxAttempts);
	}

}

package ca.gagephysio.site;

import java.util.Optional;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.shared.EmailAddresses;

/**
 * Where a person's answer to the clinic's email goes: the {@code Reply-To} of every reply staff send and of the
 * acknowledgement. Emails may go out from an address nobody reads (a sending account, {@code no-reply@...}), so
 * without it a patient's answer would never reach the front desk.
 * <p>
 * The mailbox the site reads answers from, when a module offers one ({@link Mailbox}: the notification module's
 * {@code clinic.inbound-mail}), so the reply page names the address the email really carries; else
 * {@code clinic.mail.reply-to} ({@code CLINIC_MAIL_REPLYTO}) when set, such as a shared front-desk mailbox; else the
 * clinic's public email from its facts (saved at {@code /staff/settings}, or {@code clinic.email}), read at each use
 * so a saved change counts at once. When neither is there, start-up warns naming both, and the reply page says so
 * before anything is sent.
 */
@Component
public class ReplyToAddress {

	private static final Logger log = LoggerFactory.getLogger(ReplyToAddress.class);

	static final String SETTING = "clinic.mail.reply-to";

	private final ClinicFacts clinic;

	private final String configured;

	private final ObjectProvider<Mailbox> mailbox;

	/**
	 * A mailbox the site reads patients' answers from, offered by the module that reads it: its address wins over
	 * every other, since an answer sent anywhere else would not come back into the inquiry.
	 */
	public interface Mailbox {

		/** The mailbox's address, or empty when no mailbox is read. */
		Optional<String> mailboxAddress();

	}

	/**
	 * @throws SettingRefused if {@code clinic.mail.reply-to} is set but is not one plain email address (answers would
	 * bounce)
	 */
	ReplyToAddress(ClinicFacts clinic, @Value("${" + SETTING + ":}") String configured,
			ObjectProvider<Mailbox> mailbox) {
		this.clinic = clinic;
		this.mailbox = mailbox;
		this.configured = configured.strip();
		if (!this.configured.isEmpty() && !isOnePlainAddress(this.configured)) {
			throw new SettingRefused(SETTING, "\"" + this.configured + "\" is not one plain email address, so "
					+ "patients' answers to the clinic's emails would bounce.",
					"Set it to the front desk's mailbox, such as frontdesk@clinic.example, or leave it out to use the "
							+ "clinic's public email.");
		}
	}

	/** The address answers should go to, or empty when none can be worked out. */
	public Optional<String> address() {
		Optional<String> read = mailbox.stream().map(Mailbox::mailboxAddress).flatMap(Optional::stream).findFirst();
		if (read.isPresent()) {
			return read;
		}
		if (!configured.isEmpty()) {
			return Optional.of(configured);
		}
		String email = clinic.email();
		return email == null || email.isBlank() ? Optional.empty() : Optional.of(email.strip());
	}

	@EventListener(ApplicationReadyEvent.class)
	void warnIfNone() {
		if (address().isEmpty()) {
			log.warn("Neither {} (CLINIC_MAIL_REPLYTO) nor the clinic's email (clinic.email, or Clinic facts at "
					+ "/staff/settings) is set: replies and acknowledgements carry no Reply-To, so a patient's answer "
					+ "never reaches the front desk. Set one of them.", SETTING);
		}
	}

	static boolean isOnePlainAddress(String address) {
		try {
			InternetAddress parsed = new InternetAddress(EmailAddresses.toAscii(address), true);
			parsed.validate();
			return parsed.getPersonal() == null;
		}
		catch (AddressException | EmailAddresses.UnusableAddress ex) {
			return false;
		}
	}

}

package ca.gagephysio.notification;

import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import ca.gagephysio.clinic.ClinicDates;
import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.shared.EmailAddresses;
import ca.gagephysio.site.ReplyToAddress;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

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
 * {@code templates/notification/mail/}. Headers are set only through {@link MimeMessageHelper} from configuration and
 * validated addresses; nothing a person typed reaches a header but the address itself, and subjects are stripped
 * of line breaks anyway. Every email to an address typed into a public form follows {@link AcknowledgementEmail}.
 */
@Component
class NotificationEmails {

	private final SpringTemplateEngine templates;

	private final MessageSource messages;

	private final ClinicFacts clinic;

	private final NotificationSettings settings;

	private final ReplyToAddress replyTo;

	private final Locale locale;

	private final InboundMailProperties inbound;

	private final UnsubscribeTokens unsubscribeTokens;

	private final ReplyAddressTokens replyTokens;

	private final ClinicDates dates;

	private final MessageIds messageIds;

	NotificationEmails(MessageSource messages, ClinicFacts clinic, NotificationSettings settings,
			ReplyToAddress replyTo, @Value("${spring.web.locale:en_CA}") Locale locale, InboundMailProperties inbound,
			UnsubscribeTokens unsubscribeTokens, ClinicDates dates) {
		this.dates = dates;
		this.inbound = inbound;
		this.unsubscribeTokens = unsubscribeTokens;
		this.replyTokens = new ReplyAddressTokens(unsubscribeTokens);
		this.messageIds = new MessageIds(clinic, settings);
		this.messages = messages;
		this.clinic = clinic;
		this.settings = settings;
		this.replyTo = replyTo;
		this.locale = locale;
		this.templates = emailTemplateEngine(messages);
	}

	/**
	 * An engine of its own, so email templates (text and HTML, resolved by file name) never mix with the web
	 * views' resolvers; it shares the site's message files.
	 */
	private static SpringTemplateEngine emailTemplateEngine(MessageSource messages) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("templates/notification/mail/");
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
	 * The email for this row, to its one address. An acknowledgement is rendered from an
	 * {@link AcknowledgementEmail} alone, so nothing the person typed can reach it.
	 *
	 * @throws InvalidRecipientException if the row's address cannot be sent to (see {@link #address})
	 */
	MimeMessagePreparator compose(Notification notification, Instant now) {
		InternetAddress recipient = address(notification.getRecipientEmail());
		if (notification.carriesText()) {
			if (notification.getSubject() == null || notification.getBody() == null) {
				throw new InvalidRecipientException("the email's text was erased");
			}
			return mimeMessage -> {
				fillReply(mimeMessage, recipient, notification);
				identify(mimeMessage, notification);
			};
		}
		Rendered email = notification.isStaffAlert() ? staffAlert(notification, now)
				: notification.isAnswerAlert() ? answerAlert(notification, now)
				: acknowledgement(new AcknowledgementEmail(notification.getReference(), notification.isWaitingList()));
		return mimeMessage -> {
			fill(mimeMessage, recipient, email, notification);
			identify(mimeMessage, notification);
		};
	}

	/**
	 * The email's own {@code Message-ID} (RFC 5322 section 3.6.4), the same for every attempt, on the site's own
	 * domain ({@link MessageIds}): the outbox matches a patient's answer to its inquiry by it. Spring's mail sender
	 * keeps a Message-ID set before sending. A reply from the inbox also carries {@code In-Reply-To} and
	 * {@code References} (section 3.6.4), worked out when it was queued ({@link NotificationOutbox}), so the person's
	 * mail client shows it in the conversation; {@code References} is folded (RFC 5322 section 2.2.3) so no line
	 * exceeds what a mail server takes. For an email that is not a direct answer to the person, also the unsubscribe
	 * headers: {@code List-Unsubscribe} (RFC 2369) with the one-click {@code List-Unsubscribe-Post} (RFC 8058), which
	 * large mailbox providers require of bulk senders and Canada's anti-spam law asks for in spirit (an unsubscribe
	 * that works at once).
	 */
	private void identify(MimeMessage mimeMessage, Notification notification) throws MessagingException {
		if (notification.getMessageId() != null) {
			mimeMessage.setHeader("Message-ID", messageIds.of(notification.getMessageId()));
		}
		if (MessageIds.isOne(notification.getInReplyTo())) {
			mimeMessage.setHeader("In-Reply-To", notification.getInReplyTo());
			if (notification.getThreadReferences() != null && !notification.getThreadReferences().isBlank()) {
				mimeMessage.setHeader("References",
						MimeUtility.fold("References: ".length(), notification.getThreadReferences()));
			}
		}
		if (notification.getKind().needsUnsubscribe()) {
			mimeMessage.setHeader("List-Unsubscribe", "<" + unsubscribeUrl(notification.getRecipientEmail()) + ">");
			mimeMessage.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		}
	}

	/** The public page that lists the address on the suppression list ({@link UnsubscribeController}). */
	String unsubscribeUrl(String address) {
		return clinic.url(UnsubscribeController.PATH + "/" + unsubscribeTokens.tokenFor(address));
	}

	/**
	 * The clinic's identification under every email to a person that staff wrote (Canada's anti-spam law, S.C. 2010,
	 * c. 23, s. 6(2) and the CRTC's Electronic Commerce Protection Regulations, s. 2: name, mailing address, and a
	 * phone number, email or web address), with the unsubscribe link where one is needed, and a note while the
	 * clinic's facts are still the shipped sample values.
	 */
	String identification(Notification notification) {
		Context context = new Context(locale);
		context.setVariable("clinic", clinic);
		context.setVariable("unsubscribeUrl",
				notification.getKind().needsUnsubscribe() ? unsubscribeUrl(notification.getRecipientEmail()) : null);
		return templates.process("identity.txt", context);
	}

	private Rendered answerAlert(Notification notification, Instant now) {
		Context context = staffContext(notification, now);
		return render(Notification.Kind.ANSWER_ALERT, context,
				message("notification.answer-alert.subject", notification.getReference()));
	}

	private Context staffContext(Notification notification, Instant now) {
		Context context = new Context(locale);
		context.setVariable("clinic", clinic);
		context.setVariable("reference", notification.getReference());
		context.setVariable("service", serviceName(notification.getService()));
		context.setVariable("ago", howLongAgo(notification.getSubmittedAt(), now));
		context.setVariable("receivedAt", dates.dateTime(notification.getSubmittedAt()));
		context.setVariable("inquiryUrl", clinic.url("/staff/inquiries/" + notification.getInquiryId()));
		return context;
	}

	private Rendered staffAlert(Notification notification, Instant now) {
		Context context = new Context(locale);
		context.setVariable("clinic", clinic);
		context.setVariable("reference", notification.getReference());
		context.setVariable("service", serviceName(notification.getService()));
		context.setVariable("ago", howLongAgo(notification.getSubmittedAt(), now));
		context.setVariable("receivedAt", dates.dateTime(notification.getSubmittedAt()));
		context.setVariable("inquiryUrl", clinic.url("/staff/inquiries/" + notification.getInquiryId()));
		return render(Notification.Kind.STAFF_ALERT, context,
				message("notification.staff-alert.subject", notification.getReference()));
	}

	private Rendered acknowledgement(AcknowledgementEmail email) {
		Context context = new Context(locale);
		email.variables(clinic).forEach(context::setVariable);
		// the one way the site writes times (opening hours here), not a person's input
		context.setVariable("dates", dates);
		return render(Notification.Kind.ACKNOWLEDGEMENT, context,
				message(email.waitingList() ? "notification.acknowledgement.waiting-list.subject"
						: "notification.acknowledgement.subject", email.reference(), clinic.name()));
	}

	/**
	 * A staff email's text and HTML parts from {@code templates/notification/mail/<name>.txt} and {@code .html},
	 * rendered now with these variables (and the clinic as {@code clinic}): {@code [text, html]}.
	 */
	String[] renderNow(String name, java.util.Map<String, Object> variables) {
		Context context = new Context(locale);
		context.setVariable("clinic", clinic);
		variables.forEach(context::setVariable);
		return new String[] { templates.process(name + ".txt", context), templates.process(name + ".html", context) };
	}

	private Rendered render(Notification.Kind kind, Context context, String subject) {
		return new Rendered(oneLine(subject), templates.process(kind.key() + ".txt", context),
				templates.process(kind.key() + ".html", context));
	}

	/**
	 * A staff member's reply: plain text only, exactly as they previewed it, so what the person reads is what staff
	 * saw (no HTML part to drift from it). From the clinic; the person's answer goes to the front desk
	 * ({@link ReplyToAddress}), whatever the sender address is.
	 * An email about a staff account is sent the same way, as written when it was queued.
	 */
	private void fillReply(MimeMessage mimeMessage, InternetAddress recipient, Notification reply)
			throws MessagingException, UnsupportedEncodingException {
		if (reply.getHtmlBody() != null) {
			// a staff notice with an HTML part (the weekly digest): to staff, so no Reply-To to the front desk
			MimeMessageHelper helper = new MimeMessageHelper(mimeMessage,
					MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
			helper.setFrom(fromAddress(), clinic.name());
			helper.setTo(recipient);
			helper.setSubject(oneLine(reply.getSubject()));
			helper.setText(reply.getBody(), reply.getHtmlBody());
			return;
		}
		MimeMessageHelper helper = new MimeMessageHelper(mimeMessage, false, "UTF-8");
		helper.setFrom(fromAddress(), clinic.name());
		helper.setTo(recipient);
		if (reply.getKind().toThePerson()) {
			replyAddress(reply).ifPresent(address -> setReplyTo(helper, address));
			helper.setText(reply.getBody() + identification(reply), false);
		}
		else {
			replyTo.address().ifPresent(address -> setReplyTo(helper, address));
			helper.setText(reply.getBody(), false);
		}
		helper.setSubject(oneLine(reply.getSubject()));
	}

	private void fill(MimeMessage mimeMessage, InternetAddress recipient, Rendered email, Notification notification)
			throws MessagingException, UnsupportedEncodingException {
		boolean toThePerson = notification.getKind().toThePerson();
		MimeMessageHelper helper = new MimeMessageHelper(mimeMessage, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
				"UTF-8");
		helper.setFrom(fromAddress(), clinic.name());
		helper.setTo(recipient);
		if (toThePerson) {
			replyAddress(notification).ifPresent(address -> setReplyTo(helper, address));
		}
		helper.setSubject(email.subject());
		helper.setText(email.text(), email.html());
	}

	/**
	 * One plain address, strictly parsed (no display name, no list, no line break), with an internationalized
	 * domain in its ASCII form: {@code joerg@bücher.example} is sent to {@code joerg@xn--bcher-kva.example}, as a
	 * server without SMTPUTF8 requires (see {@link EmailAddresses}; RFC 5890, 5891). A local part with letters
	 * beyond ASCII ({@code jörg@…}) is kept as typed (in NFC): {@link NotificationSender} sends it only with
	 * SMTPUTF8 (RFC 6531), and says it cannot be delivered when the mail server does not offer that.
	 *
	 * @throws InvalidRecipientException if the address is missing, not one plain address, or its domain cannot be
	 * put in ASCII
	 */
	static InternetAddress address(String given) {
		if (given == null || given.isBlank() || given.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidRecipientException("not a usable email address");
		}
		String sendable;
		try {
			sendable = EmailAddresses.toSmtpUtf8(given);
		}
		catch (EmailAddresses.UnusableAddress unusable) {
			throw new InvalidRecipientException(unusable.getMessage());
		}
		try {
			InternetAddress address = new InternetAddress(sendable, true);
			address.validate();
			if (address.getPersonal() != null || !sendable.equals(address.getAddress())) {
				throw new InvalidRecipientException("not a single plain email address");
			}
			return address;
		}
		catch (AddressException ex) {
			throw new InvalidRecipientException("not a valid email address");
		}
	}

	/**
	 * Where the person's answer should go: the clinic's mailbox the site reads ({@code clinic.inbound-mail}), so the
	 * answer comes back into the inquiry (plus-addressed with the inquiry's token when
	 * {@code clinic.inbound-mail.plus-addressing} is on); else {@link ReplyToAddress}.
	 */
	private java.util.Optional<String> replyAddress(Notification notification) {
		java.util.Optional<String> mailbox = notification.getInquiryId() != null
				? inbound.replyAddressFor(replyTokens.tokenFor(notification.getInquiryId())) : inbound.replyAddress();
		return mailbox.isPresent() ? mailbox : replyTo.address();
	}

	/**
	 * The Reply-To, its domain in ASCII as for every address this class sends to. One that cannot be put in ASCII
	 * (checked at start-up and on the facts page, so only an older saved email) is left out rather than hold up the
	 * email itself.
	 */
	private static void setReplyTo(MimeMessageHelper helper, String address) {
		try {
			helper.setReplyTo(EmailAddresses.toAscii(address));
		}
		catch (EmailAddresses.UnusableAddress | MessagingException ex) {
			// sent without a Reply-To: the reply page and the start-up warning already say when there is none
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

	/** An email rendered and ready to be put in a message: subject on one line, a text and an HTML part. */
	private record Rendered(String subject, String text, String html) {
	}

	/** There is no address this email could properly go to; another attempt would not change that. */
	static class InvalidRecipientException extends RuntimeException {

		InvalidRecipientException(String reason) {
			super(reason);
		}

	}

}

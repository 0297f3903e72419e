package ca.gagephysio.notification;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The clinic's mailbox, read over IMAP (RFC 9051) so patients' answers come back into their inquiries
 * ({@code clinic.inbound-mail.*}). Off while {@code host} is empty (the default): nothing is read, and replies and
 * acknowledgements carry the {@code Reply-To} of {@code clinic.mail.reply-to} or the clinic's email as before. When
 * on, they carry this mailbox's {@link #replyAddress() address} instead, so the answers land where they are read.
 * The mailbox is opened read-only: nothing in it is ever moved, flagged or deleted.
 *
 * @param host the IMAP server's host name; empty turns inbound mail off
 * @param port its port: 993 for IMAP over TLS (the default), 143 for plain IMAP
 * @param username the account to sign in as
 * @param password its password (give it by environment, {@code CLINIC_INBOUNDMAIL_PASSWORD}, never in a file under
 * version control)
 * @param ssl {@code true} (the default) for implicit TLS on connect (RFC 8314); {@code false} for a plain connection,
 * which is upgraded with STARTTLS when the server offers it
 * @param folder the folder answers arrive in, {@code INBOX} by default
 * @param address the mailbox's email address, used as {@code Reply-To}; empty means {@code username} when that is an
 * address
 * @param pollInterval how often to look when the server does not offer IDLE (RFC 2177), and the wait before
 * connecting again after a failure; at least one second
 * @param idleTimeout the longest one IDLE waits before it is renewed (servers drop an IDLE after about 30 minutes,
 * RFC 2177 section 3)
 * @param timeout the connection and read time-out of each IMAP command
 * @param plusAddressing {@code true} where the mailbox accepts subaddresses ({@code clinic+anything@domain} delivered
 * to {@code clinic@domain}; RFC 5233, offered by Gmail, Microsoft 365, Fastmail, Dovecot with
 * {@code recipient_delimiter = +}): emails about an inquiry then carry the Reply-To
 * {@code local+<token>@domain} ({@link ReplyAddressTokens}), so an answer without {@code References} is matched
 * too. {@code false} by default, since a mailbox without it would bounce such answers. Answers carrying a valid
 * token are matched whatever this says.
 */
@Validated
@ConfigurationProperties("clinic.inbound-mail")
record InboundMailProperties(@DefaultValue("") String host, @Min(1) @Max(65535) @DefaultValue("993") int port,
		@DefaultValue("") String username, @DefaultValue("") String password, @DefaultValue("true") boolean ssl,
		@NotBlank @DefaultValue("INBOX") String folder, @DefaultValue("") String address,
		@NotNull @DefaultValue("PT1M") Duration pollInterval, @NotNull @DefaultValue("PT20M") Duration idleTimeout,
		@NotNull @DefaultValue("PT30S") Duration timeout, @DefaultValue("false") boolean plusAddressing) implements ca.gagephysio.site.ReplyToAddress.Mailbox {

	/** For the rest of the site (the reply page): the mailbox's own address, as {@link #replyAddress()}. */
	@Override
	public Optional<String> mailboxAddress() {
		return replyAddress();
	}

	/** Whether inbound mail is on: a host is set. */
	boolean enabled() {
		return host != null && !host.isBlank();
	}

	/** The address answers should go to: {@code address}, else {@code username} if it is one; empty when off. */
	Optional<String> replyAddress() {
		if (!enabled()) {
			return Optional.empty();
		}
		if (address != null && !address.isBlank()) {
			return Optional.of(address.strip());
		}
		return username != null && username.contains("@") ? Optional.of(username.strip()) : Optional.empty();
	}

	/**
	 * The address answers about one inquiry should go to: with {@code plusAddressing}, {@code local+<token>@domain}
	 * of {@link #replyAddress()}; else {@link #replyAddress()} itself. Empty when off.
	 */
	Optional<String> replyAddressFor(String token) {
		return replyAddress().map(mailbox -> {
			int at = mailbox.lastIndexOf('@');
			return plusAddressing && at > 0 ? mailbox.substring(0, at) + "+" + token + mailbox.substring(at) : mailbox;
		});
	}

	/** The same mailbox with plus-addressing on or off (for tests). */
	InboundMailProperties withPlusAddressing(boolean on) {
		return new InboundMailProperties(host, port, username, password, ssl, folder, address, pollInterval,
				idleTimeout, timeout, on);
	}

	/** The same mailbox, another server and account (for tests and the Dovecot check). */
	InboundMailProperties at(String otherHost, int otherPort, String otherUser, String otherPassword,
			boolean otherSsl) {
		return new InboundMailProperties(otherHost, otherPort, otherUser, otherPassword, otherSsl, folder, address,
				pollInterval, idleTimeout, timeout, plusAddressing);
	}

	/** Jakarta Mail's session properties for this mailbox. */
	Properties sessionProperties() {
		String protocol = ssl ? "imaps" : "imap";
		Properties properties = new Properties();
		properties.setProperty("mail.store.protocol", protocol);
		String prefix = "mail." + protocol + ".";
		properties.setProperty(prefix + "host", host.strip());
		properties.setProperty(prefix + "port", Integer.toString(port));
		properties.setProperty(prefix + "connectiontimeout", Long.toString(timeout.toMillis()));
		properties.setProperty(prefix + "timeout", Long.toString(timeout.toMillis()));
		properties.setProperty(prefix + "writetimeout", Long.toString(timeout.toMillis()));
		if (ssl) {
			properties.setProperty(prefix + "ssl.checkserveridentity", "true");
		}
		else {
			properties.setProperty(prefix + "starttls.enable", "true");
		}
		// Reading parts in pieces no larger than this keeps a large attachment from being fetched at all: only the
		// text parts are read, and those through BODY.PEEK, so nothing is marked as seen either.
		properties.setProperty(prefix + "partialfetch", "true");
		// BODY.PEEK (RFC 9051 section 6.4.5): even a server that ignores the read-only open never marks one as read
		properties.setProperty(prefix + "peek", "true");
		return properties;
	}

	@Override
	public String toString() {
		// never the password in a log line or an error page
		return "InboundMailProperties[host=" + host + ", port=" + port + ", ssl=" + ssl + ", folder=" + folder + "]";
	}

}

package ca.gagephysio.notification;

import java.net.IDN;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

import ca.gagephysio.clinic.ClinicFacts;

/**
 * The clinic's Message-IDs, and the check on anyone else's before it goes into a header of ours. RFC 5322 section
 * 3.6.4: {@code msg-id = "<" id-left "@" id-right ">"}, globally unique, the id-right best a domain name the sender
 * has a claim to. The id-left is made when an email is queued ({@link Notification#getMessageId()}, 32 hexadecimal
 * digits of a random UUID); the id-right is the site's own domain: the host of its public address (Clinic facts'
 * "Public address of the website", first set by {@code clinic.base-url}), in ASCII (an internationalised domain in its
 * {@code xn--} form, RFC 5890). While that is no domain (development's {@code localhost}, an IP address, a name
 * without a dot), the domain of the address the clinic's email comes from ({@code clinic.notifications.from}, else
 * the clinic's public email); only when neither is a domain, {@code localhost}.
 * <p>
 * Read each time, not at start: the public address can change on the Clinic facts page. A patient's answer is matched
 * by the id-left alone ({@link InboundMailbox}), so answers to emails sent under an earlier domain still come back.
 */
final class MessageIds {

	/** The longest Message-ID taken from someone else's email into a header of ours; longer ones are left out. */
	static final int MAX_LENGTH = 250;

	/**
	 * One Message-ID as RFC 5322 writes it, from printable ASCII only (no space, no line break, no angle bracket or
	 * second {@code @} inside): nothing else is ever copied into a header.
	 */
	private static final Pattern MESSAGE_ID = Pattern.compile("<[\\x21-\\x3B\\x3D\\x3F\\x41-\\x7E]+@[\\x21-\\x3B\\x3D\\x3F\\x41-\\x7E]+>");

	private static final Pattern DOMAIN = Pattern
		.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

	private static final Pattern IPV4 = Pattern.compile("[0-9.]+");

	private final ClinicFacts clinic;

	private final NotificationSettings settings;

	MessageIds(ClinicFacts clinic, NotificationSettings settings) {
		this.clinic = clinic;
		this.settings = settings;
	}

	/** The full Message-ID, angle brackets included, of the email whose id-left is {@code localPart}. */
	String of(String localPart) {
		return "<" + localPart + "@" + domain() + ">";
	}

	/** The id-right of the clinic's Message-IDs now: see the class comment. */
	String domain() {
		String site = asciiDomain(hostOf(clinic.baseUrl()));
		if (site != null) {
			return site;
		}
		String sender = settings.from() != null && !settings.from().isBlank() ? settings.from() : clinic.email();
		if (sender != null && sender.lastIndexOf('@') > 0) {
			String fromDomain = asciiDomain(sender.substring(sender.lastIndexOf('@') + 1));
			if (fromDomain != null) {
				return fromDomain;
			}
		}
		return "localhost";
	}

	/**
	 * Whether {@code value} is exactly one Message-ID, at most {@link #MAX_LENGTH} characters, safe to copy into an
	 * {@code In-Reply-To} or {@code References} header.
	 */
	static boolean isOne(String value) {
		return value != null && value.length() <= MAX_LENGTH && MESSAGE_ID.matcher(value).matches();
	}

	/** The base URL's host, also when {@link URI} leaves it out (a host with letters beyond ASCII). */
	private static String hostOf(URI base) {
		if (base == null) {
			return null;
		}
		if (base.getHost() != null) {
			return base.getHost();
		}
		String authority = base.getAuthority();
		if (authority == null) {
			return null;
		}
		String host = authority.substring(authority.lastIndexOf('@') + 1);
		int port = host.lastIndexOf(':');
		return port >= 0 && !host.endsWith("]") ? host.substring(0, port) : host;
	}

	/** The domain in ASCII, lower case, or {@code null} if it is none (localhost, an IP address, no dot). */
	private static String asciiDomain(String host) {
		if (host == null || host.isBlank()) {
			return null;
		}
		String ascii;
		try {
			ascii = IDN.toASCII(host.strip(), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
		}
		catch (IllegalArgumentException notADomain) {
			return null;
		}
		if (ascii.endsWith(".")) {
			ascii = ascii.substring(0, ascii.length() - 1);
		}
		if (IPV4.matcher(ascii).matches() || ascii.equals("localhost") || ascii.endsWith(".localhost")
				|| !DOMAIN.matcher(ascii).matches()) {
			return null;
		}
		return ascii;
	}

}

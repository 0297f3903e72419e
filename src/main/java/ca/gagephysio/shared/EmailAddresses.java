package ca.gagephysio.shared;

import java.net.IDN;
import java.util.Set;

/**
 * Puts an email address a person typed into the form every SMTP server accepts: a mail server that has not
 * announced SMTPUTF8 (RFC 6531) must be given only ASCII in {@code MAIL FROM} and {@code RCPT TO} (RFC 5321,
 * section 4.1.2), so an internationalized domain name such as {@code bücher.example} is sent as its A-label form
 * {@code xn--bcher-kva.example} (IDNA, RFC 5890 section 2.3.2.1 and RFC 5891 section 4). The form refuses what this
 * refuses, so what is stored can always be sent, and the outbox gives the same answer when it sends.
 * <p>
 * <b>Non-ASCII local parts need SMTPUTF8.</b> {@code jörg@…} can only be given to a server that announces SMTPUTF8
 * (RFC 6531 section 3.4), so {@link #toAscii} refuses it and {@link #toSmtpUtf8} gives the form to send with that
 * extension: the form accepts such an address, and the outbox sends it with SMTPUTF8 when the clinic's mail server
 * offers it and says it cannot be delivered when it does not ({@link #needsSmtpUtf8}).
 * <p>
 * The conversion is the JDK's {@link IDN} (IDNA2003, RFC 3490, with STD3 rules). For the domains people actually
 * type it gives the same A-label as IDNA2008 (RFC 5891); where the two differ, for the four "deviation" characters
 * ß, ς, ZWJ and ZWNJ (UTS #46 section 4.1, RFC 5892 appendix), IDNA2003 would send to a different domain
 * ({@code faß.example} to {@code fass.example}), so such a domain is refused rather than guessed.
 */
public final class EmailAddresses {

	/** Longest address an SMTP path carries: 256 octets less the angle brackets (RFC 5321 section 4.5.3.1.3). */
	public static final int MAX_LENGTH = 254;

	/** Where IDNA2003 and IDNA2008 map a character differently (UTS #46, section 4.1 "deviations"). */
	private static final Set<Integer> DEVIATIONS = Set.of(0x00DF, 0x03C2, 0x200C, 0x200D);

	private EmailAddresses() {
	}

	/**
	 * The address with its domain in ASCII (A-labels); an address already all ASCII comes back unchanged, and the
	 * local part is never touched (its case can matter to the receiving server, RFC 5321 section 2.4).
	 *
	 * @param address an address as typed: {@code local@domain}, surrounding white space ignored
	 * @return {@code local@ascii-domain}, at most {@value #MAX_LENGTH} characters
	 * @throws UnusableAddress if there is no {@code @} with text on both sides, the local part is not ASCII, the
	 * domain is not a valid internationalized domain name, or the result is too long
	 */
	public static String toAscii(String address) {
		return convert(address, false);
	}

	/**
	 * The address as it is sent with SMTPUTF8 (RFC 6531): the local part as typed, in Unicode normalization form C
	 * (RFC 6532 section 3.1), the domain in ASCII (A-labels), which every server accepts either way.
	 *
	 * @param address an address as typed: {@code local@domain}, surrounding white space ignored
	 * @return {@code local@ascii-domain}, at most {@value #MAX_LENGTH} characters
	 * @throws UnusableAddress if there is no {@code @} with text on both sides, the domain is not a valid
	 * internationalized domain name, or the result is too long
	 */
	public static String toSmtpUtf8(String address) {
		return convert(address, true);
	}

	/**
	 * Whether the address has letters beyond ASCII before the {@code @}, so that only a server announcing SMTPUTF8
	 * (RFC 6531) may be given it; false for {@code null} and for anything without an {@code @}.
	 */
	public static boolean needsSmtpUtf8(String address) {
		String trimmed = address == null ? "" : address.strip();
		int at = trimmed.lastIndexOf('@');
		return at > 0 && !isAscii(trimmed.substring(0, at));
	}

	private static String convert(String address, boolean smtpUtf8) {
		String trimmed = address == null ? "" : address.strip();
		int at = trimmed.lastIndexOf('@');
		if (at <= 0 || at == trimmed.length() - 1) {
			throw new UnusableAddress(Reason.MALFORMED);
		}
		String local = trimmed.substring(0, at);
		String domain = trimmed.substring(at + 1);
		if (!isAscii(local)) {
			if (!smtpUtf8) {
				throw new UnusableAddress(Reason.NON_ASCII_LOCAL_PART);
			}
			local = java.text.Normalizer.normalize(local, java.text.Normalizer.Form.NFC);
		}
		String asciiDomain = isAscii(domain) ? domain : aLabels(domain);
		String result = local + "@" + asciiDomain;
		if (result.length() > MAX_LENGTH) {
			throw new UnusableAddress(Reason.MALFORMED);
		}
		return result;
	}

	private static String aLabels(String domain) {
		if (domain.codePoints().anyMatch(DEVIATIONS::contains)) {
			throw new UnusableAddress(Reason.INVALID_DOMAIN);
		}
		try {
			// STD3 rules: letters, digits and hyphens only once converted, as a host name must be (RFC 1123).
			// Unassigned code points are refused (the default): a stored name must not change meaning later.
			return IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
		}
		catch (IllegalArgumentException ex) {
			throw new UnusableAddress(Reason.INVALID_DOMAIN);
		}
	}

	private static boolean isAscii(String text) {
		return text.chars().allMatch(c -> c < 0x80);
	}

	/** Why an address cannot be sent to. */
	public enum Reason {

		/** Not {@code something@something}, or longer than an SMTP path allows. */
		MALFORMED,

		/** Letters beyond ASCII before the {@code @}, asked for in ASCII: only SMTPUTF8 can carry it (see the class). */
		NON_ASCII_LOCAL_PART,

		/** A domain IDNA cannot convert, or one it would convert to a different domain than IDNA2008. */
		INVALID_DOMAIN

	}

	/** The address cannot be put in ASCII for SMTP; {@link #reason()} says why. */
	public static final class UnusableAddress extends IllegalArgumentException {

		private final Reason reason;

		UnusableAddress(Reason reason) {
			super(switch (reason) {
				case MALFORMED -> "not an email address";
				case NON_ASCII_LOCAL_PART -> "non-ASCII characters before the @ (needs SMTPUTF8)";
				case INVALID_DOMAIN -> "not a valid internationalized domain name";
			});
			this.reason = reason;
		}

		public Reason reason() {
			return reason;
		}

	}

}

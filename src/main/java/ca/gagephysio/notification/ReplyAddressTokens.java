package ca.gagephysio.notification;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * The per-inquiry token in a plus-addressed Reply-To ({@code clinic+<token>@domain}, "subaddress", RFC 5233): with
 * {@code clinic.inbound-mail.plus-addressing=true}, an email to the patient about an inquiry asks for the answer at
 * that address, and an answer that lost its {@code In-Reply-To}/{@code References} (a new message written to the
 * Reply-To, a mail client that drops them) is still matched to its inquiry by the address it was delivered to.
 * <p>
 * The token is {@code <inquiry id>-<20 hex digits>}: the id, and the first 80 bits of an HMAC-SHA256 of it under the
 * key the unsubscribe links are signed with ({@link UnsubscribeTokens}, V85, the same on every instance), so nobody can
 * put a message into an inquiry by guessing an address. Lower-case hex only, because mail systems may change the
 * case of a local part; at most 39 characters, well inside a local part's 64 (RFC 5321 section 4.5.3.1.1).
 */
@Component
class ReplyAddressTokens {

	/** A token after a {@code +}, at the end of a local part. Case-insensitive for the same reason. */
	private static final Pattern IN_ADDRESS = Pattern.compile("\\+([0-9]{1,18})-([0-9a-fA-F]{20})@");

	private static final int MAX_TOKENS = 20;

	private final UnsubscribeTokens keys;

	ReplyAddressTokens(UnsubscribeTokens keys) {
		this.keys = keys;
	}

	/** The token for this inquiry. */
	String tokenFor(long inquiryId) {
		return inquiryId + "-" + signatureOf(Long.toString(inquiryId));
	}

	/**
	 * The inquiry named by the first correctly signed token in these header values (To, Delivered-To, ...);
	 * empty when there is none. A wrongly signed token is ignored, never an error.
	 */
	Optional<Long> inquiryIn(Iterable<String> headerValues) {
		int looked = 0;
		for (String value : headerValues) {
			if (value == null) {
				continue;
			}
			Matcher matcher = IN_ADDRESS.matcher(value);
			while (matcher.find() && looked++ < MAX_TOKENS) {
				String id = matcher.group(1);
				if (java.security.MessageDigest.isEqual(signatureOf(id).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
						matcher.group(2).toLowerCase(java.util.Locale.ROOT)
							.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
					return Optional.of(Long.parseLong(id));
				}
			}
		}
		return Optional.empty();
	}

	private String signatureOf(String inquiryId) {
		// "reply-to:" keeps these signatures apart from the unsubscribe links', which sign an address hash
		byte[] mac = Base64.getUrlDecoder().decode(keys.signatureOf("reply-to:" + inquiryId));
		return HexFormat.of().formatHex(mac, 0, 10);
	}

}

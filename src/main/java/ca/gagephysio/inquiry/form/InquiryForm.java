package ca.gagephysio.inquiry.form;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import ca.gagephysio.inquiry.internal.AskingAbout;
import ca.gagephysio.inquiry.internal.BestTime;
import ca.gagephysio.inquiry.internal.HelpWith;

import org.springframework.web.bind.annotation.BindParam;

/**
 * What the person typed into the inquiry form. The server is the authority: the same limits appear in the HTML only
 * to help. Lengths match the {@code inquiry} table's columns, so whatever passes here can be stored.
 *
 * @param name their name, as they write it
 * @param email email address; this or {@code phone} is required; an internationalized domain and letters beyond
 * ASCII before the {@code @} (RFC 6531) are fine ({@link DeliverableEmail})
 * @param phone phone number in any usual notation; this or {@code email} is required
 * @param service what they want help with
 * @param askingAbout cost, availability or both
 * @param bestTime best time to reach them, optional
 * @param message a short message, optional
 * @param consent the consent box was ticked (a wrapper, because an unticked box sends nothing, and a missing
 * primitive would fail the binding and skip the other checks)
 * @param token the signed one-time form token
 * @param trap the honeypot: people never see it, so anything in it came from a bot. Its parameter name means nothing
 * on purpose: browsers and password managers fill fields whose names look like address or website fields.
 */
@EmailOrPhone
record InquiryForm(
		@NotBlank(message = "{inquiry.name.required}") @Size(max = NAME_MAX, message = "{inquiry.name.size}") String name,
		@Size(max = EMAIL_MAX, message = "{inquiry.email.size}") @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s.]+",
				message = "{inquiry.email.invalid}") @DeliverableEmail String email,
		@Size(max = PHONE_MAX, message = "{inquiry.phone.size}") @PhoneNumber(message = "{inquiry.phone.invalid}") String phone,
		@NotNull(message = "{inquiry.service.required}") HelpWith service,
		@NotNull(message = "{inquiry.askingAbout.required}") AskingAbout askingAbout,
		BestTime bestTime,
		@Size(max = MESSAGE_MAX, message = "{inquiry.message.size}") String message,
		@NotNull(message = "{inquiry.consent.required}") @AssertTrue(message = "{inquiry.consent.required}") Boolean consent,
		String token,
		@BindParam(TRAP_PARAMETER) String trap) {

	static final int NAME_MAX = 100;

	static final int EMAIL_MAX = 254;

	static final int PHONE_MAX = 32;

	static final int MESSAGE_MAX = 500;

	/** The honeypot's request parameter name. */
	static final String TRAP_PARAMETER = "qz_7f";

	InquiryForm {
		name = singleLine(name);
		email = singleLine(email);
		phone = singleLine(phone);
		message = multiLine(message);
	}

	/** An empty form, with both cost and availability preselected, as most people ask about both. */
	static InquiryForm empty(String token) {
		return new InquiryForm(null, null, null, null, AskingAbout.BOTH, BestTime.ANY, null, false, token, null);
	}

	InquiryForm withToken(String newToken) {
		return new InquiryForm(name, email, phone, service, askingAbout, bestTime, message, consent, newToken, trap);
	}

	/** The same form with another email address: the one the person chose when asked "Did you mean …?". */
	InquiryForm withEmail(String chosen) {
		return new InquiryForm(name, chosen, phone, service, askingAbout, bestTime, message, consent, token, trap);
	}

	/**
	 * A fingerprint of what the person wrote (every field they fill in, as stored), kept with a used token, so that a
	 * second post of the same form can tell a repeat (a double click: same confirmation) from an edit (Back, a word
	 * changed, Send: not the earlier inquiry's confirmation). SHA-256, URL-safe Base64, 43 characters.
	 */
	String contentDigest() {
		MessageDigest sha256;
		try {
			sha256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
		for (String part : Arrays.asList(name, email, phone, service == null ? null : service.name(),
				askingAbout == null ? null : askingAbout.name(), bestTime == null ? null : bestTime.name(), message)) {
			// length-prefixed, so no two different forms run together into the same bytes
			byte[] bytes = part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8);
			sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(part == null ? -1 : bytes.length).array());
			sha256.update(bytes);
		}
		return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
	}

	boolean hasEmail() {
		return email != null;
	}

	boolean hasPhone() {
		return phone != null;
	}

	boolean trapFilled() {
		return trap != null && !trap.isBlank();
	}

	/** Trimmed, control characters (which no keyboard types, and PostgreSQL refuses) removed, blank as absent. */
	private static String singleLine(String value) {
		return blankToNull(value == null ? null : value.replaceAll("\\p{Cntrl}", " "));
	}

	/** As {@link #singleLine}, but line breaks and tabs stay. */
	private static String multiLine(String value) {
		return blankToNull(value == null ? null : value.replaceAll("\\r\\n?", "\n").replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", ""));
	}

	private static String blankToNull(String value) {
		if (value == null) {
			return null;
		}
		String trimmed = value.strip();
		return trimmed.isEmpty() ? null : trimmed;
	}

}

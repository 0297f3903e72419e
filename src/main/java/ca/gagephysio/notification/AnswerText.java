package ca.gagephysio.notification;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.springframework.web.util.HtmlUtils;

/**
 * The readable text of a patient's answer, split into what they wrote this time and what is folded away (the quoted
 * earlier messages and the signature), and the attachments counted, never read.
 * <p>
 * The text is the {@code text/plain} part. A message with only HTML is turned into text with the OWASP HTML
 * Sanitizer (already used for articles) allowing no element at all, so no markup of the sender's ever reaches a
 * page; the inbox escapes the text again when it shows it. jsoup would do the same but is not on the class path.
 * <p>
 * Where the new text ends is found by hand: the conventions are few and well known (a line starting with {@code >},
 * RFC 3676 section 4.5; an attribution line such as "On ... wrote:"; Outlook's "-----Original Message-----", a
 * "From:" header block, or the line of underscores Outlook puts above it; the signature separator {@code "-- "},
 * RFC 3676 section 4.3), and the Java ports of GitHub's email_reply_parser are unmaintained. Nothing is lost by a wrong guess: the whole message is kept too.
 */
final class AnswerText {

	private static final PolicyFactory NO_MARKUP = new HtmlPolicyBuilder().toFactory();

	private static final Pattern BLOCK_END = Pattern.compile("(?i)<\\s*(br|/p|/div|/li|/tr|/h[1-6]|/blockquote)\\b[^>]*>");

	private static final Pattern ATTRIBUTION = Pattern.compile(
			"(?i)^\\s*(on\\b.{0,300}\\bwrote|le\\b.{0,300}\\ba écrit|am\\b.{0,300}\\bschrieb)\\s*:\\s*$");

	private static final Pattern ORIGINAL_MESSAGE = Pattern.compile("(?i)^\\s*-{2,}\\s*(original message|message d'origine)\\s*-{2,}\\s*$");

	private static final Pattern HEADER_BLOCK = Pattern.compile("(?i)^\\s*(from|de)\\s*:\\s*.+");

	/** Outlook's plain-text reply puts a line of underscores (32 of them) above the quoted "From:" block. */
	private static final Pattern OUTLOOK_RULE = Pattern.compile("^\\s*_{10,}\\s*$");

	private static final Pattern MOBILE_SIGNATURE = Pattern.compile("(?i)^\\s*(sent from my|envoyé de mon|get outlook for)\\b.*");

	/** At most this many characters are read from a text part: far more than anyone types in an answer. */
	static final int MAX_READ = 100_000;

	private AnswerText() {
	}

	/**
	 * The text and attachments of a message (or part).
	 *
	 * @throws MessagingException or {@link IOException} if the message cannot be read (left for a later attempt)
	 */
	static Content of(Part message) throws MessagingException, IOException {
		List<String> plain = new ArrayList<>();
		List<String> html = new ArrayList<>();
		int[] attachments = { 0 };
		walk(message, plain, html, attachments);
		String text = !plain.isEmpty() ? String.join("\n\n", plain)
				: !html.isEmpty() ? htmlToText(String.join("\n", html)) : "";
		text = text.replace("\r\n", "\n").replace('\r', '\n').strip();
		return split(text, attachments[0]);
	}

	private static void walk(Part part, List<String> plain, List<String> html, int[] attachments)
			throws MessagingException, IOException {
		String disposition = part.getDisposition();
		if (Part.ATTACHMENT.equalsIgnoreCase(disposition) || part.getFileName() != null
				|| part.isMimeType("message/rfc822")) {
			// never opened: health records should not arrive by email, and they stay in the mailbox
			attachments[0]++;
			return;
		}
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart body = multipart.getBodyPart(i);
				walk(body, plain, html, attachments);
			}
			return;
		}
		if (part.isMimeType("text/plain")) {
			plain.add(read(part));
		}
		else if (part.isMimeType("text/html")) {
			html.add(read(part));
		}
		else {
			// an inline image or anything else that is not text: left in the mailbox like an attachment
			attachments[0]++;
		}
	}

	private static String read(Part part) throws MessagingException, IOException {
		Object content = part.getContent();
		if (content instanceof String text) {
			return text.length() > MAX_READ ? text.substring(0, MAX_READ) : text;
		}
		try (InputStream in = part.getInputStream()) {
			return new String(in.readNBytes(MAX_READ), StandardCharsets.UTF_8);
		}
	}

	/** HTML to plain text: block ends become line breaks, every element goes, entities are decoded. */
	static String htmlToText(String html) {
		String withBreaks = BLOCK_END.matcher(html).replaceAll("\n$0");
		String sanitized = NO_MARKUP.sanitize(withBreaks);
		return HtmlUtils.htmlUnescape(sanitized).replace('\u00a0', ' ').replaceAll("[ \\t]+\\n", "\n")
			.replaceAll("\\n{3,}", "\n\n");
	}

	/** Splits the text at the first line that starts the quoted history or the signature. */
	static Content split(String text, int attachments) {
		String[] lines = text.split("\n", -1);
		int cut = lines.length;
		for (int i = 0; i < lines.length; i++) {
			if (startsFoldedPart(lines, i)) {
				cut = i;
				break;
			}
		}
		String fresh = join(lines, 0, cut).strip();
		String folded = join(lines, cut, lines.length).strip();
		if (fresh.isEmpty() && !folded.isEmpty()) {
			// written below the quote (bottom-posting): the unquoted lines are the new text
			StringBuilder own = new StringBuilder();
			StringBuilder quoted = new StringBuilder();
			for (String line : lines) {
				(line.startsWith(">") ? quoted : own).append(line).append('\n');
			}
			fresh = own.toString().strip();
			folded = quoted.toString().strip();
		}
		return new Content(fresh, folded, text, attachments);
	}

	private static boolean startsFoldedPart(String[] lines, int i) {
		String line = lines[i];
		if (line.startsWith(">") || line.equals("-- ") || line.equals("--")) {
			return true;
		}
		if (ATTRIBUTION.matcher(line).matches() || ORIGINAL_MESSAGE.matcher(line).matches()
				|| MOBILE_SIGNATURE.matcher(line).matches()) {
			return true;
		}
		// an attribution wrapped over two lines: "On Tue, 3 Dec 2026 at 10:15, Gage Physiotherapy" / "<x@y> wrote:"
		if (i + 1 < lines.length && ATTRIBUTION.matcher(line + " " + lines[i + 1]).matches()
				&& line.strip().toLowerCase(java.util.Locale.ROOT).startsWith("on ")) {
			return true;
		}
		// Outlook (desktop and web): a line of underscores right above the quoted message's "From:" header block
		if (OUTLOOK_RULE.matcher(line).matches() && i + 1 < lines.length
				&& HEADER_BLOCK.matcher(lines[i + 1]).matches()) {
			return true;
		}
		// Outlook: a blank line, then a "From:" header block of the quoted message
		return HEADER_BLOCK.matcher(line).matches() && i > 0 && lines[i - 1].isBlank();
	}

	private static String join(String[] lines, int from, int to) {
		return String.join("\n", java.util.Arrays.asList(lines).subList(from, to));
	}

	/**
	 * @param fresh what they wrote this time
	 * @param folded the quoted history and signature, or empty
	 * @param whole the whole text
	 * @param attachments attachments left in the mailbox
	 */
	record Content(String fresh, String folded, String whole, int attachments) {
	}

}

package ca.gagephysio.notification;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
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
 * What is new is told apart by hand, line by line: the conventions are few and well known (a line starting with
 * {@code >}, RFC 3676 section 4.5; an attribution line: "On ... wrote:", "Le ... a écrit :", "Am ... schrieb:",
 * s-nail's and mailx's {@code "Name" <address> wrote:}; Outlook's "-----Original Message-----", its "From:" ...
 * "Sent:" header block, or the line of underscores it puts above that block; the signature separator {@code "-- "},
 * RFC 3676 section 4.3; a phone's "Sent from my ..."). Quoted lines and attributions are dropped wherever they stand,
 * so a reply written above the quote (top-posting: Gmail, Outlook, phones), below it (bottom-posting: s-nail, mutt,
 * Thunderbird set so) or between its lines (interleaved) keeps all the patient's own lines, in order.
 * <p>
 * Not a library: the Java ports of GitHub's {@code email_reply_parser} (edlio's
 * {@code com.edlio.emailreplyparser:EmailReplyParser} 1.1, Driftt's {@code com.driftt.email:EmailReplyParser} 0.1)
 * are not on Maven Central (neither resolves there; checked December 2026), are written for Java 8 and long
 * unchanged, know only the English "On ... wrote:" and neither Outlook's header block nor French attributions, and
 * would bring Commons Lang or Guava for a hundred lines. Nothing is lost by a wrong guess: the whole message is kept
 * too, and shown folded beside the new text.
 */
final class AnswerText {

	private static final PolicyFactory NO_MARKUP = new HtmlPolicyBuilder().toFactory();

	private static final Pattern BLOCK_END = Pattern.compile("(?i)<\\s*(br|/p|/div|/li|/tr|/h[1-6]|/blockquote)\\b[^>]*>");

	/**
	 * "On Sun, Dec 6, 2026 at 10:00 AM Gage Physiotherapy &lt;info@...&gt; wrote:" (Gmail, Apple Mail, Thunderbird,
	 * mutt), in English, French and German: always with a date or an address in it, so a patient's own "On Monday my
	 * doctor wrote:" is not taken for one.
	 */
	private static final Pattern ATTRIBUTION = Pattern.compile(
			"(?iU)^(?=.*[\\d@])\\s*(on\\b.{0,300}\\bwrote|le\\b.{0,300}\\ba écrit|am\\b.{0,300}\\bschrieb)\\s*:\\s*$");

	/**
	 * s-nail's and mailx's default attribution, {@code quote-inject-head} "%f wrote:" (the quoted message's From as
	 * written: {@code "Gage Physiotherapy" <info@...> wrote:}), or an older client's "Name wrote:". Taken for an
	 * attribution only when quoted lines follow it, and only with a name or an address before "wrote".
	 */
	private static final Pattern NAMED_ATTRIBUTION = Pattern.compile(
			"(?iU)^\\s*(.{1,200}?)\\s+(?:wrote|a écrit|schrieb)\\s*:\\s*$");

	/**
	 * Something with an address in it (any domain, {@code no-reply@localhost} too), a quoted display name, or one to
	 * four capitalised words ("Ann", "Dr. Jane O'Neil").
	 */
	private static final Pattern NAME_OR_ADDRESS = Pattern.compile(
			"(?U).*[^\\s@<]@[^\\s@>]+.*|\"[^\"]{1,100}\"|\\p{Lu}[\\p{L}\\p{M}'.-]*(?:\\s+\\p{Lu}[\\p{L}\\p{M}'.-]*){0,3}");

	private static final Pattern ORIGINAL_MESSAGE = Pattern.compile("(?i)^\\s*-{2,}\\s*(original message|message d'origine)\\s*-{2,}\\s*$");

	private static final Pattern HEADER_BLOCK = Pattern.compile("(?iU)^\\s*(from|de)\\s*:\\s*.+");

	/** A field of the header block Outlook writes above the message it quotes, in English or French. */
	private static final Pattern HEADER_FIELD = Pattern.compile(
			"(?iU)^\\s*(from|sent|date|to|cc|subject|reply-to|de|envoyé|à|objet|répondre à)\\s*:.*");

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

	/**
	 * Splits the text, line by line, into what they wrote this time and what is folded away. Quoted lines and
	 * attribution lines are folded wherever they stand, so an answer written above the quote (top-posting), below
	 * it (bottom-posting) or between its lines (interleaved) keeps all its own lines, in order; the signature
	 * separator (RFC 3676 section 4.3) or a phone's "Sent from my ..." folds everything after it. An attribution or
	 * Outlook header block that is not followed by quoted lines starts a quote without quote marks (Outlook, or an
	 * HTML quote turned into text), which is folded to the end. Where the patient's words are separated by folded
	 * lines, they are joined with one blank line.
	 *
	 * @param text the message's text, lines ending in {@code \n}
	 * @param attachments the number of attachments left in the mailbox, carried into the result
	 * @return the split; {@link Content#fresh()} is empty only when every line was quoted history or signature
	 */
	static Content split(String text, int attachments) {
		String[] lines = text.split("\n", -1);
		boolean[] folded = fold(lines, true);
		if (joined(lines, folded, false).isEmpty()) {
			// everything went with a quote without quote marks: perhaps written below it, so fold only the marks
			folded = fold(lines, false);
		}
		return new Content(joined(lines, folded, false), joined(lines, folded, true), text, attachments);
	}

	/**
	 * Marks the lines that are not the patient's new words.
	 *
	 * @param unmarkedQuoteToEnd whether an attribution not followed by quoted lines folds the rest of the text
	 */
	private static boolean[] fold(String[] lines, boolean unmarkedQuoteToEnd) {
		boolean[] folded = new boolean[lines.length];
		int i = 0;
		while (i < lines.length) {
			String line = lines[i];
			if (line.startsWith(">")) {
				folded[i++] = true;
				continue;
			}
			if (line.equals("-- ") || line.equals("--") || MOBILE_SIGNATURE.matcher(line).matches()) {
				Arrays.fill(folded, i, lines.length, true);
				break;
			}
			Attribution attribution = attributionAt(lines, i);
			if (attribution == null) {
				i++;
				continue;
			}
			int next = i + attribution.lines();
			while (next < lines.length && lines[next].isBlank()) {
				next++;
			}
			boolean quoteFollows = next < lines.length && lines[next].startsWith(">");
			if (quoteFollows || !attribution.unmarkedQuote()) {
				if (quoteFollows) {
					Arrays.fill(folded, i, i + attribution.lines(), true);
				}
				i += attribution.lines();
				continue;
			}
			if (unmarkedQuoteToEnd) {
				Arrays.fill(folded, i, lines.length, true);
				break;
			}
			Arrays.fill(folded, i, i + attribution.lines(), true);
			i += attribution.lines();
		}
		return folded;
	}

	/**
	 * The attribution or quoted message's header block that starts at line {@code i}, or {@code null}.
	 */
	private static Attribution attributionAt(String[] lines, int i) {
		String line = lines[i];
		if (ATTRIBUTION.matcher(line).matches()) {
			return new Attribution(1, true);
		}
		// an attribution wrapped over two lines: "On Tue, 3 Dec 2026 at 10:15, Gage Physiotherapy" / "<x@y> wrote:"
		if (i + 1 < lines.length && line.strip().toLowerCase(Locale.ROOT).startsWith("on ")
				&& !lines[i + 1].startsWith(">") && ATTRIBUTION.matcher(line + " " + lines[i + 1]).matches()) {
			return new Attribution(2, true);
		}
		// s-nail's and mailx's "%f wrote:" ("Gage Physiotherapy <info@...> wrote:"), older mutt's "Name wrote:"
		Matcher named = NAMED_ATTRIBUTION.matcher(line);
		if (named.matches() && NAME_OR_ADDRESS.matcher(named.group(1)).matches()) {
			return new Attribution(1, false);
		}
		// Outlook: "-----Original Message-----", or the rule of underscores, then the quoted message's header block
		if (ORIGINAL_MESSAGE.matcher(line).matches()) {
			return new Attribution(1 + headerLines(lines, i + 1), true);
		}
		if (OUTLOOK_RULE.matcher(line).matches() && i + 1 < lines.length
				&& HEADER_BLOCK.matcher(lines[i + 1]).matches()) {
			return new Attribution(1 + headerLines(lines, i + 1), true);
		}
		// Outlook: a blank line (or the start), then a header block "From:" "Sent:" ... of the quoted message
		if (HEADER_BLOCK.matcher(line).matches() && (i == 0 || lines[i - 1].isBlank())) {
			int header = headerLines(lines, i);
			return header >= 2 ? new Attribution(header, true) : null;
		}
		return null;
	}

	/** How many lines from {@code from} on are header fields of a quoted message ("From:", "Sent:", "Objet :"). */
	private static int headerLines(String[] lines, int from) {
		int to = from;
		while (to < lines.length && HEADER_FIELD.matcher(lines[to]).matches()) {
			to++;
		}
		return to - from;
	}

	/**
	 * The folded or the unfolded lines, each run of them stripped of the blank lines around it and the runs joined
	 * with one blank line.
	 */
	private static String joined(String[] lines, boolean[] folded, boolean which) {
		List<String> runs = new ArrayList<>();
		StringBuilder run = new StringBuilder();
		for (int i = 0; i <= lines.length; i++) {
			if (i == lines.length || (folded[i] != which && !lines[i].isBlank())) {
				String text = run.toString().strip();
				if (!text.isEmpty()) {
					runs.add(text);
				}
				run.setLength(0);
			}
			else {
				// one of these, or a blank line, which goes with the run around it
				run.append(lines[i]).append('\n');
			}
		}
		return String.join("\n\n", runs);
	}

	/**
	 * @param lines how many lines the attribution takes
	 * @param unmarkedQuote whether, not followed by quoted lines, it starts a quote without quote marks (an "On ...
	 * wrote:" or an Outlook header block does; a bare "Name wrote:" is then the patient's own line)
	 */
	private record Attribution(int lines, boolean unmarkedQuote) {
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

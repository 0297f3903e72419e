package ca.gagephysio.browser;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nu.validator.client.EmbeddedValidator;
import nu.validator.json.Serializer;
import nu.validator.messages.JsonMessageEmitter;
import nu.validator.messages.MessageEmitterAdapter;
import nu.validator.servlet.imagereview.ImageCollector;
import nu.validator.validation.SimpleDocumentValidator;
import nu.validator.xml.SystemErrErrorHandler;
import org.xml.sax.InputSource;

/**
 * The Nu HTML Checker (the engine behind validator.w3.org/nu), run in this JVM on the HTML exactly as the server sent
 * it. Errors fail a page; warnings are only reported.
 * <p>
 * The checker's HTML schema is read and compiled once for the run, not once per page: the library's
 * {@link EmbeddedValidator} builds a one-off validator for every document, and setting its schema up took 0.5 to 2 s
 * a page on this machine (the check itself 50 to 400 ms), which the browser suite paid on every page and state it
 * checks. The validator below is set up exactly as {@code EmbeddedValidator} with JSON output and language
 * detection sets up its one-off one ({@code EmbeddedValidator.OneOffValidator}, Nu 26.9.27): the same schema, the
 * same message handler per document and the same closing messages; only the schema set-up is shared.
 */
final class HtmlChecker {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** The schema the library's command-line and embedded checkers use: HTML with every extension it knows. */
	private static final String SCHEMA = EmbeddedValidator.SCHEMA_URL;

	/** Set up on first use; the suite checks pages one after another, and {@link #check} is synchronized anyway. */
	private static SimpleDocumentValidator validator;

	private HtmlChecker() {
	}

	static synchronized Report check(String html) {
		try {
			SimpleDocumentValidator shared = validator();
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			// A new message handler per document, bound to the validator's source code (which each check reloads),
			// with the arguments EmbeddedValidator gives it: the source shown, line offset 0, batch mode.
			MessageEmitterAdapter messages = new MessageEmitterAdapter(null, shared.getSourceCode(), true,
					new ImageCollector(shared.getSourceCode()), 0, true,
					new JsonMessageEmitter(new Serializer(out), null, false, "[unknown version]"));
			messages.setErrorsOnly(false);
			messages.setHtml(true);
			messages.start(null);
			shared.setUpValidatorAndParsers(messages, false, false);
			shared.checkHtmlInputSource(new InputSource(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8))));
			messages.end("Document checking completed. No errors found.", "Document checking completed.", "");
			return Report.of(JSON.readTree(out.toString(StandardCharsets.UTF_8)), html);
		}
		catch (Exception ex) {
			throw new IllegalStateException("The Nu HTML Checker could not run", ex);
		}
	}

	private static SimpleDocumentValidator validator() throws Exception {
		if (validator == null) {
			// initialise log4j, do not log URLs, detect the language (as setNoLangDetect(false) does)
			SimpleDocumentValidator fresh = new SimpleDocumentValidator(true, false, true);
			fresh.setUpMainSchema(SCHEMA, new SystemErrErrorHandler());
			validator = fresh;
		}
		return validator;
	}

	record Report(List<String> errors, List<String> warnings) {

		static Report of(JsonNode output, String html) {
			List<String> lines = html.lines().toList();
			List<String> errors = new ArrayList<>();
			List<String> warnings = new ArrayList<>();
			for (JsonNode message : output.path("messages")) {
				String type = message.path("type").asText();
				String text = describe(message, lines);
				if ("error".equals(type) || "non-document-error".equals(type)) {
					errors.add(text);
				}
				else if ("warning".equals(message.path("subType").asText())) {
					warnings.add(text);
				}
			}
			return new Report(errors, warnings);
		}

		private static String describe(JsonNode message, List<String> lines) {
			int line = message.path("lastLine").asInt(0);
			String source = (line > 0 && line <= lines.size()) ? lines.get(line - 1).strip() : "";
			return "line " + line + ": " + message.path("message").asText()
					+ (source.isEmpty() ? "" : "\n      " + abbreviate(source));
		}

		private static String abbreviate(String source) {
			return (source.length() > 160) ? source.substring(0, 160) + "…" : source;
		}

	}

}

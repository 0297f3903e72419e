package ca.gagephysio.browser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nu.validator.client.EmbeddedValidator;
import org.xml.sax.SAXException;

/**
 * The Nu HTML Checker (the engine behind validator.w3.org/nu), run in this JVM on the HTML exactly as the server sent
 * it. Errors fail a page; warnings are only reported.
 */
final class HtmlChecker {

	private static final ObjectMapper JSON = new ObjectMapper();

	private HtmlChecker() {
	}

	static Report check(String html) {
		EmbeddedValidator validator = new EmbeddedValidator();
		validator.setOutputFormat(EmbeddedValidator.OutputFormat.JSON);
		validator.setNoLangDetect(false);
		try {
			String output = validator.validate(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
			return Report.of(JSON.readTree(output), html);
		}
		catch (IOException | SAXException ex) {
			throw new IllegalStateException("The Nu HTML Checker could not run", ex);
		}
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

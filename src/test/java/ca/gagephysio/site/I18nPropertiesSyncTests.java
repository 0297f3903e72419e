package ca.gagephysio.site;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.attoparser.config.ParseConfiguration;
import org.attoparser.dom.DOMMarkupParser;
import org.attoparser.dom.Document;
import org.attoparser.dom.Element;
import org.attoparser.dom.INestableNode;
import org.attoparser.dom.INode;
import org.attoparser.dom.Text;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every word a reader sees comes from the message files: each {@code #{key}} a template uses exists, each locale's
 * file has the same keys as the default one, and no template carries hard-coded text outside an element whose
 * content Thymeleaf replaces. Reads every template and message file there is, so features added later are covered
 * without touching this test.
 */
class I18nPropertiesSyncTests {

	private static final Path TEMPLATES = Path.of("src/main/resources/templates");

	private static final Path MESSAGES = Path.of("src/main/resources/i18n");

	/** A literal key: {@code #{layout.skip}} or {@code #{error.call(${clinic.phone})}}. */
	private static final Pattern LITERAL_KEY = Pattern.compile("#\\{([\\w.-]+)");

	/** A key built at run time, such as {@code #{|article.share.${link.network}|}}: its fixed prefix must exist. */
	private static final Pattern KEY_PREFIX = Pattern.compile("#\\{\\|([\\w.-]+)\\$\\{");

	/** Attributes whose content Thymeleaf replaces, so the text inside is only a prototype. */
	private static final Set<String> REPLACING = Set.of("th:text", "th:utext", "th:replace", "th:insert",
			"th:field", "data-th-text", "data-th-utext", "data-th-replace", "data-th-insert", "data-th-field");

	/** Attributes a reader (or a screen reader) meets as text. */
	private static final Set<String> VISIBLE_ATTRIBUTES = Set.of("alt", "title", "aria-label", "placeholder",
			"aria-description");

	private static final Set<String> NOT_TEXT = Set.of("script", "style");

	private static final Pattern INLINE_EXPRESSION = Pattern.compile("\\[\\[.*?]]|\\[\\(.*?\\)]", Pattern.DOTALL);

	private static final Pattern LETTER = Pattern.compile("\\p{L}");

	private static Properties defaults;

	private static List<Path> templates;

	@BeforeAll
	static void load() throws IOException {
		defaults = new Properties();
		try (Stream<Path> files = Files.list(MESSAGES)) {
			for (Path file : files.filter(I18nPropertiesSyncTests::isDefaultLocale).toList()) {
				defaults.putAll(read(file));
			}
		}
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			templates = files.filter(file -> file.toString().endsWith(".html")).sorted().toList();
		}
		assertThat(templates).isNotEmpty();
	}

	@Test
	void everyMessageKeyUsedInATemplateExists() throws IOException {
		List<String> missing = new ArrayList<>();
		for (Path template : templates) {
			String source = Files.readString(template);
			Matcher literal = LITERAL_KEY.matcher(source);
			while (literal.find()) {
				if (!defaults.containsKey(literal.group(1))) {
					missing.add(TEMPLATES.relativize(template) + ": " + literal.group(1));
				}
			}
			Matcher prefix = KEY_PREFIX.matcher(source);
			while (prefix.find()) {
				String start = prefix.group(1);
				if (defaults.stringPropertyNames().stream().noneMatch(key -> key.startsWith(start))) {
					missing.add(TEMPLATES.relativize(template) + ": " + start + "*");
				}
			}
		}
		assertThat(missing).as("message keys used in templates but missing from i18n/*.properties").isEmpty();
	}

	/**
	 * The message files are found by convention ({@code MessageFiles}), in no order that means anything, so a key
	 * defined in two of them would show whichever file happened to be searched first.
	 */
	@Test
	void noKeyIsDefinedInTwoMessageFiles() throws IOException {
		Map<String, List<String>> filesByKey = new TreeMap<>();
		try (Stream<Path> files = Files.list(MESSAGES)) {
			for (Path file : files.filter(I18nPropertiesSyncTests::isDefaultLocale).sorted().toList()) {
				for (String key : read(file).stringPropertyNames()) {
					filesByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(file.getFileName().toString());
				}
			}
		}
		filesByKey.values().removeIf(files -> files.size() < 2);
		assertThat(filesByKey).as("keys defined in more than one message file").isEmpty();
	}

	/**
	 * A key written twice in one file: {@link Properties} keeps the last silently, so the page shows whichever text
	 * came second (two branches merged line by line left such pairs, one of them an outdated text).
	 */
	@Test
	void noKeyIsDefinedTwiceInOneMessageFile() throws IOException {
		Map<String, List<String>> repeated = new TreeMap<>();
		Pattern keyLine = Pattern.compile("^([^#!\\s][^=:\\s]*)\\s*[=:]");
		try (Stream<Path> files = Files.list(MESSAGES)) {
			for (Path file : files.sorted().toList()) {
				Set<String> seen = new java.util.HashSet<>();
				String previous = "";
				for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
					Matcher key = keyLine.matcher(line);
					// a line continuing the one before (ending in a backslash) is a value, not a key
					if (!previous.endsWith("\\") && key.find() && !seen.add(key.group(1))) {
						repeated.computeIfAbsent(file.getFileName().toString(), k -> new ArrayList<>()).add(key.group(1));
					}
					previous = line;
				}
			}
		}
		assertThat(repeated).as("keys written twice in one message file").isEmpty();
	}

	@Test
	void everyTranslationHasTheSameKeysAsTheDefaultMessages() throws IOException {
		Map<String, Set<String>> problems = new TreeMap<>();
		try (Stream<Path> files = Files.list(MESSAGES)) {
			for (Path translation : files.filter(file -> !isDefaultLocale(file)).toList()) {
				String base = translation.getFileName().toString().replaceFirst("_[^_]+(_[^_]+)?\\.properties$", "");
				Properties defaultFile = read(MESSAGES.resolve(base + ".properties"));
				Set<String> keys = read(translation).stringPropertyNames();
				if (!keys.equals(defaultFile.stringPropertyNames())) {
					problems.put(translation.getFileName().toString(), keys);
				}
			}
		}
		assertThat(problems).as("translations whose keys differ from the default file").isEmpty();
	}

	@Test
	void templatesHaveNoHardCodedText() throws Exception {
		List<String> hardCoded = new ArrayList<>();
		DOMMarkupParser parser = new DOMMarkupParser(ParseConfiguration.htmlConfiguration());
		for (Path template : templates) {
			Document document = parser.parse(template.toString(), Files.readString(template));
			collectHardCoded(document, TEMPLATES.relativize(template).toString(), hardCoded);
		}
		assertThat(hardCoded).as("user-visible text written into templates instead of message files").isEmpty();
	}

	private static void collectHardCoded(INestableNode parent, String template, List<String> found) {
		for (INode child : parent.getChildren()) {
			if (child instanceof Text text) {
				String words = INLINE_EXPRESSION.matcher(text.getContent()).replaceAll("").strip();
				if (LETTER.matcher(words).find()) {
					found.add(template + " line " + text.getLine() + ": \"" + words + "\"");
				}
			}
			else if (child instanceof Element element) {
				for (String attribute : VISIBLE_ATTRIBUTES) {
					String value = element.getAttributeValue(attribute);
					if (value != null && LETTER.matcher(value).find() && !element.hasAttribute("th:" + attribute)
							&& !setByThAttr(element, attribute)) {
						found.add(template + " line " + element.getLine() + ": " + attribute + "=\"" + value + "\"");
					}
				}
				boolean replaced = REPLACING.stream().anyMatch(element::hasAttribute) || removesBody(element);
				if (!replaced && !NOT_TEXT.contains(element.getElementName().toLowerCase())) {
					collectHardCoded(element, template, found);
				}
			}
			else if (child instanceof INestableNode nested) {
				collectHardCoded(nested, template, found);
			}
		}
	}

	private static boolean removesBody(Element element) {
		String remove = element.getAttributeValue("th:remove");
		return remove != null && Set.of("all", "body", "all-but-first").contains(remove.strip());
	}

	private static boolean setByThAttr(Element element, String attribute) {
		String attr = element.getAttributeValue("th:attr");
		return attr != null && Pattern.compile("(^|,)\\s*" + Pattern.quote(attribute) + "\\s*=").matcher(attr).find();
	}

	private static boolean isDefaultLocale(Path file) {
		String name = file.getFileName().toString();
		return name.endsWith(".properties") && !name.contains("_");
	}

	private static Properties read(Path file) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}

}

package ca.gagephysio.clinic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dates in one format everywhere (issue 21): no template, class or message writes a date or time its own way; each
 * goes through {@link ClinicDates} ({@code @dates} in templates). Reads every template, class and message file there
 * is, so a page added later that reaches for {@code #temporals.format} or a pattern of its own fails here, with the
 * file and line named.
 */
class DatesInOneFormatTests {

	private static final Path TEMPLATES = Path.of("src/main/resources/templates");

	private static final Path JAVA = Path.of("src/main/java");

	private static final Path MESSAGES = Path.of("src/main/resources/i18n");

	/** The one class that spells date patterns. */
	private static final Set<Path> ALLOWED = Set.of(JAVA.resolve("ca/gagephysio/clinic/ClinicDates.java"));

	/**
	 * Thymeleaf's own date formatting ({@code #temporals}, {@code #dates}, {@code #calendars}), or a pattern in
	 * quotes ({@code 'MMM d yyyy'}, {@code 'h:mm a'}, {@code 'yyyy-MM-dd HH:mm'}).
	 */
	private static final Pattern IN_TEMPLATE = Pattern
		.compile("#(temporals|dates|calendars)\\.|'[^']*(yyyy|MMM|EEE|HH:mm|h:mm)[^']*'");

	/** A formatter built by hand, old or new API, or a {@code String.format} date conversion. */
	private static final Pattern IN_JAVA = Pattern.compile(
			"ofPattern\\(|ofLocalized(Date|Time|DateTime)\\(|SimpleDateFormat|DateFormat\\.get|FastDateFormat|%t[A-Za-z]");

	/** A date or time argument MessageFormat would format its own way ({@code {0,date}}, {@code {1,time,short}}). */
	private static final Pattern IN_MESSAGE = Pattern.compile("\\{\\d+\\s*,\\s*(date|time)\\b");

	@Test
	void noTemplateFormatsADateItsOwnWay() throws IOException {
		assertThat(offences(TEMPLATES, IN_TEMPLATE, ".html", ".txt"))
			.as("use @dates (ClinicDates) in web views, the dates variable in emails").isEmpty();
	}

	@Test
	void noClassButClinicDatesSpellsADatePattern() throws IOException {
		assertThat(offences(JAVA, IN_JAVA, ".java")).as("inject ClinicDates instead").isEmpty();
	}

	@Test
	void noMessageFormatsADateItsOwnWay() throws IOException {
		assertThat(offences(MESSAGES, IN_MESSAGE, ".properties"))
			.as("pass the text ClinicDates writes as the argument").isEmpty();
	}

	/** The patterns above find what they are meant to find, so the three checks can fail. */
	@Test
	void theChecksRecogniseTheFormatsTheyForbid() {
		assertThat(Stream.of("${#temporals.format(at, 'MMM d yyyy, h:mm a')}", "${#dates.format(d)}",
				"th:text=\"${#strings.concat('yyyy-MM-dd HH:mm')}\"", "'EEE MMM d'"))
			.allMatch(line -> IN_TEMPLATE.matcher(line).find());
		assertThat(IN_TEMPLATE.matcher("<time th:datetime=\"${@dates.iso(at)}\" th:text=\"${@dates.dateTime(at)}\">")
			.find()).isFalse();
		assertThat(Stream.of("DateTimeFormatter.ofPattern(\"yyyy-MM-dd HH:mm\")",
				"DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)", "new SimpleDateFormat(\"d MMM\")",
				"String.format(\"%tF\", day)"))
			.allMatch(line -> IN_JAVA.matcher(line).find());
		assertThat(IN_JAVA.matcher("DateTimeFormatter.ISO_INSTANT.format(instant)").find()).isFalse();
		assertThat(IN_MESSAGE.matcher("due on {1,date,long}").find()).isTrue();
		assertThat(IN_MESSAGE.matcher("{0,number,integer} inquiries").find()).isFalse();
	}

	/** Each line matching {@code pattern} in the files under {@code root} ending with one of the suffixes. */
	private static List<String> offences(Path root, Pattern pattern, String... suffixes) throws IOException {
		List<String> found = new ArrayList<>();
		List<Path> files;
		try (Stream<Path> walk = Files.walk(root)) {
			files = walk.filter(Files::isRegularFile)
				.filter(file -> Stream.of(suffixes).anyMatch(file.toString()::endsWith))
				.filter(file -> !ALLOWED.contains(file))
				.sorted()
				.toList();
		}
		assertThat(files).as("files under " + root).isNotEmpty();
		for (Path file : files) {
			List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			for (int i = 0; i < lines.size(); i++) {
				Matcher matcher = pattern.matcher(lines.get(i));
				if (matcher.find()) {
					found.add(file + ":" + (i + 1) + ": " + matcher.group());
				}
			}
		}
		return found;
	}

}

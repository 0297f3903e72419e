package ca.gagephysio.staff.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message key the staff module's and the inbox's templates name exists in the staff, inbox, reply or shared
 * site message files, so no page ever shows a raw key.
 */
class StaffMessagesTests {

	private static final Pattern KEY = Pattern.compile("#\\{([a-zA-Z0-9.\\-]+)[}(]");

	@Test
	void everyMessageKeyInTheBackOfficeTemplatesExists() throws IOException {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasenames("i18n/staff", "i18n/inbox", "i18n/reply", "i18n/site");
		messages.setDefaultEncoding("UTF-8");
		messages.setUseCodeAsDefaultMessage(false);
		List<String> missing = new ArrayList<>();
		try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main/resources/templates/staff")),
				Files.walk(Path.of("src/main/resources/templates/inquiry/staff/inbox")))) {
			for (Path file : files.filter(path -> path.toString().endsWith(".html")).toList()) {
				Matcher matcher = KEY.matcher(Files.readString(file));
				while (matcher.find()) {
					String key = matcher.group(1);
					if (!exists(messages, key)) {
						missing.add(file.getFileName() + ": " + key);
					}
				}
			}
		}
		assertThat(missing).isEmpty();
	}

	private static boolean exists(ResourceBundleMessageSource messages, String key) {
		try {
			messages.getMessage(key, null, Locale.CANADA);
			return true;
		}
		catch (NoSuchMessageException ex) {
			return false;
		}
	}

}

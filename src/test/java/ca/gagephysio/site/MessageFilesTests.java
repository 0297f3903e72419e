package ca.gagephysio.site;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;

import ca.gagephysio.ClinicIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The application's texts come from every message file in {@code i18n/}, found without a list: each key of each
 * file resolves through the application's own message source, with the {@code spring.messages.*} settings applied
 * (every message through {@code MessageFormat}, no key shown in place of a missing text).
 */
@ClinicIntegrationTest
class MessageFilesTests {

	private static final Path MESSAGES = Path.of("src/main/resources/i18n");

	@Autowired
	MessageSource messages;

	@Test
	void everyKeyOfEveryMessageFileResolves() throws IOException {
		List<String> unresolved = new ArrayList<>();
		List<Path> files;
		try (Stream<Path> listed = Files.list(MESSAGES)) {
			files = listed.filter(file -> !file.getFileName().toString().contains("_")).sorted().toList();
		}
		assertThat(files).hasSizeGreaterThan(5);
		for (Path file : files) {
			Properties keys = read(file);
			for (String key : keys.stringPropertyNames()) {
				try {
					messages.getMessage(key, null, Locale.CANADA);
				}
				catch (NoSuchMessageException ex) {
					unresolved.add(file.getFileName() + ": " + key);
				}
			}
		}
		assertThat(unresolved).as("keys the application cannot resolve").isEmpty();
	}

	@Test
	void theMessageSettingsStillApply() {
		assertThat(messages.getMessage("error.404.heading", null, Locale.CANADA))
			.as("an apostrophe written twice, read through MessageFormat")
			.isEqualTo("We couldn't find that page");
		assertThatExceptionOfType(NoSuchMessageException.class)
			.isThrownBy(() -> messages.getMessage("no.such.key", null, Locale.CANADA));
	}

	@Test
	void aTranslationIsFoundThroughItsDefaultFileNotAsAFileOfItsOwn() throws IOException {
		PathMatchingResourcePatternResolver twoModules = new PathMatchingResourcePatternResolver() {
			@Override
			public Resource[] getResources(String locationPattern) {
				return new Resource[] { new ClassPathResource("i18n/team_fr.properties"),
						new ClassPathResource("i18n/team.properties"), new ClassPathResource("i18n/article.properties"),
						new ClassPathResource("i18n/team_fr_CA.properties"), new ClassPathResource("i18n/team.properties") };
			}
		};
		assertThat(MessageFiles.basenames(twoModules)).containsExactly("i18n/article", "i18n/team");
	}

	private static Properties read(Path file) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}

}

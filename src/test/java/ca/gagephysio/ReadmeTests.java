package ca.gagephysio;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README is a newcomer's first page, so what it states is checked against the code: the commands, the ports
 * and the addresses they are bound to, the log line with the first password, and every {@code CLINIC_*} variable it
 * names being a setting the application reads.
 */
class ReadmeTests {

	static String readme;

	static Properties settings;

	@BeforeAll
	static void read() throws IOException {
		readme = Files.readString(Path.of("README.md"));
		settings = new Properties();
		try (Reader in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
			settings.load(in);
		}
	}

	@Test
	void givesTheTwoSetUpCommands() {
		assertThat(readme).contains("```\n./mvnw spring-boot:run\n```", "```\n./mvnw verify\n```");
	}

	@Test
	void namesThePortsTheApplicationOpensAsConfigured() {
		assertThat(readme).contains("**" + settings.getProperty("server.port") + "** (`SERVER_PORT`)",
				"**" + settings.getProperty("management.server.port") + "** (`MANAGEMENT_SERVER_PORT`), on `"
						+ settings.getProperty("management.server.address") + "` only");
		assertThat(settings.getProperty("server.address")).as("the site listens on every interface by default").isNull();
	}

	@Test
	void saysWhereTheFirstPasswordAppearsAsTheCodeLogsIt() throws IOException {
		String firstAdmin = Files.readString(Path.of("src/main/java/ca/gagephysio/staff/account/FirstAdminAccount.java"));
		assertThat(firstAdmin).contains("log.warn(\"FIRST SIGN-IN:");
		assertThat(readme).contains("`FIRST SIGN-IN:`");
	}

	@Test
	void everyClinicVariableItNamesIsASettingTheApplicationReads() throws IOException {
		Set<String> known = new HashSet<>();
		Pattern setting = Pattern.compile("clinic\\.[a-z0-9.-]+");
		try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main/java")),
				Stream.of(Path.of("src/main/resources/application.properties")))) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Matcher found = setting.matcher(Files.readString(file));
				while (found.find()) {
					known.add(relaxed(found.group()));
				}
			}
		}
		Matcher variable = Pattern.compile("CLINIC_[A-Z_]+").matcher(readme);
		int named = 0;
		while (variable.find()) {
			named++;
			assertThat(known).as(variable.group()).contains(relaxed(variable.group()));
		}
		assertThat(named).isGreaterThan(3);
	}

	/** As Spring Boot's relaxed binding compares names: no separators, lower case. */
	private static String relaxed(String name) {
		return name.replaceAll("[._-]", "").toLowerCase(Locale.ROOT);
	}

}

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

	/**
	 * Issue 21: before the first start a newcomer sets the administrator's email, the authenticator-key secret and
	 * the mail server, and learns that mail can wait (the emails wait in the outbox until it is set).
	 */
	@Test
	void saysWhatToSetBeforeTheFirstStartAndThatMailCanBeAddedLater() {
		int start = readme.indexOf("## What to set before the first start");
		assertThat(start).as("the section").isNotNegative();
		int end = readme.indexOf("\n## ", start + 1);
		String section = readme.substring(start, end < 0 ? readme.length() : end);
		assertThat(section).contains("`CLINIC_ADMIN_EMAIL`", "`CLINIC_STAFF_TOTP_KEY`", "`SPRING_MAIL_HOST`",
				"can be added later");
	}

	/** Issue 21: a first page, with the operations and developer material in docs/, each link to it resolving. */
	@Test
	void staysAFirstPageAndLeavesTheRestToDocsWhoseLinksResolve() {
		assertThat(readme.lines().count()).as("lines: a first page, not the operations manual").isLessThan(150);
		Matcher link = Pattern.compile("\\]\\((docs/[^)#]+)").matcher(readme);
		int links = 0;
		while (link.find()) {
			links++;
			assertThat(Path.of(link.group(1))).as(link.group()).exists();
		}
		assertThat(links).as("links into docs/").isGreaterThan(2);
	}

	/** As Spring Boot's relaxed binding compares names: no separators, lower case. */
	private static String relaxed(String name) {
		return name.replaceAll("[._-]", "").toLowerCase(Locale.ROOT);
	}

}

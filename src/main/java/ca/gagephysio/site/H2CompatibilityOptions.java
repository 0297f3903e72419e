package ca.gagephysio.site;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Gives any H2 database URL the options the application needs, so a plain {@code jdbc:h2:file:./data/clinic} works
 * exactly as the shipped URL does instead of failing on visitors' requests.
 * <p>
 * Why each one (found by starting the jar on a plain {@code jdbc:h2:file} URL): without {@code MODE=PostgreSQL}, H2
 * refuses PostgreSQL's {@code insert ... on conflict do nothing}, which the sign-in throttle
 * ({@code staff_sign_in_failure}) and the form's rate limit ({@code inquiry_post_bucket}) use to count atomically, so
 * every wrong password and every inquiry post answered 500 and nothing was counted. {@code DATABASE_TO_LOWER=TRUE}
 * and {@code DEFAULT_NULL_ORDERING=HIGH} make identifiers and the order of empty values those of PostgreSQL, so a
 * query reads the same on both databases. For a database kept in a file, {@code WRITE_DELAY=0} writes each commit to
 * the file at once (H2's default keeps it 500 ms in memory, so an inquiry whose confirmation was shown was lost when
 * the process was killed) and {@code DB_CLOSE_ON_EXIT=FALSE} keeps H2's own shutdown hook from closing the database
 * while a graceful shutdown still lets requests finish.
 * <p>
 * An option missing from the URL is added (and logged once); an option given with another value is refused at
 * start-up ({@link SettingRefused}), since the setting then says one thing and the application would do another.
 * Applied to the pool's URL before its first connection (a {@link BeanPostProcessor} on Hikari's data source, which
 * Flyway, JPA, Spring Session and the throttles all share), whatever property, variable or argument set it.
 */
@Component
class H2CompatibilityOptions implements BeanPostProcessor {

	private static final Logger log = LoggerFactory.getLogger(H2CompatibilityOptions.class);

	static final String SETTING = "spring.datasource.url";

	/** What every H2 database needs: PostgreSQL's SQL, identifiers and null ordering. */
	private static final Map<String, String> COMPATIBILITY = Map.of("MODE", "PostgreSQL", "DATABASE_TO_LOWER", "TRUE",
			"DEFAULT_NULL_ORDERING", "HIGH");

	/** What a database kept on this machine's disk also needs: commits on disk at once, closed by Spring. */
	private static final Map<String, String> DURABILITY = Map.of("WRITE_DELAY", "0", "DB_CLOSE_ON_EXIT", "FALSE");

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource dataSource && dataSource.getJdbcUrl() != null) {
			String given = dataSource.getJdbcUrl();
			String needed = withRequiredOptions(given);
			if (!needed.equals(given)) {
				log.info("Added the options the application needs to the H2 URL in {}: {}", SETTING, needed);
				dataSource.setJdbcUrl(needed);
			}
			if (inMemory(needed)) {
				log.warn("{} is an H2 database in memory: every inquiry, account and article is lost when the process "
						+ "stops. Use jdbc:h2:file:... or PostgreSQL for anything but a test.", SETTING);
			}
		}
		return bean;
	}

	/**
	 * The URL with every option the application needs, in the order given and then the added ones; any URL that is
	 * not H2's is returned as it is. Option names and values are compared as H2 does, ignoring case.
	 *
	 * @throws SettingRefused if the URL sets one of those options to another value
	 */
	static String withRequiredOptions(String url) {
		if (!url.regionMatches(true, 0, "jdbc:h2:", 0, "jdbc:h2:".length())) {
			return url;
		}
		String[] parts = url.split(";", -1);
		Map<String, String> given = new LinkedHashMap<>();
		for (int i = 1; i < parts.length; i++) {
			int equals = parts[i].indexOf('=');
			if (equals > 0) {
				given.put(parts[i].substring(0, equals).strip().toUpperCase(Locale.ROOT), parts[i].substring(equals + 1).strip());
			}
		}
		Map<String, String> required = new LinkedHashMap<>(new TreeMap<>(COMPATIBILITY));
		if (onThisDisk(parts[0])) {
			required.putAll(new TreeMap<>(DURABILITY));
		}
		StringBuilder result = new StringBuilder(url.endsWith(";") ? url.substring(0, url.length() - 1) : url);
		for (Map.Entry<String, String> option : required.entrySet()) {
			String value = given.get(option.getKey());
			if (value == null) {
				result.append(';').append(option.getKey()).append('=').append(option.getValue());
			}
			else if (!value.equalsIgnoreCase(option.getValue())) {
				throw new SettingRefused(SETTING, "the H2 URL sets " + option.getKey() + "=" + value + ", but the "
						+ "application needs " + option.getKey() + "=" + option.getValue() + why(option.getKey()),
						"Leave " + option.getKey() + " out of the URL (the application adds what it needs) or set it to "
								+ option.getValue() + "; or use PostgreSQL (see docs/operations.md, \"Database\").");
			}
		}
		return result.toString();
	}

	private static String why(String option) {
		return switch (option) {
			case "MODE" -> ": the sign-in throttle and the form's rate limit count with PostgreSQL's SQL, and would "
					+ "fail on every wrong password and every inquiry.";
			case "WRITE_DELAY" -> ": otherwise a stored inquiry stays in memory for a while and is lost if the process "
					+ "is killed after the person saw the confirmation.";
			case "DB_CLOSE_ON_EXIT" -> ": otherwise H2 closes the database while requests still finish at shutdown.";
			default -> ": the application's queries are written for PostgreSQL's behaviour.";
		};
	}

	/** Whether the database lives in a file this process opens (not in memory, not on an H2 server). */
	private static boolean onThisDisk(String location) {
		String rest = location.substring("jdbc:h2:".length()).toLowerCase(Locale.ROOT);
		return !rest.startsWith("mem:") && !rest.startsWith("tcp:") && !rest.startsWith("ssl:");
	}

	private static boolean inMemory(String url) {
		return url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:mem:");
	}

}

package ca.gagephysio;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Runs the whole test suite against a real PostgreSQL instead of H2 when the build asks for it
 * ({@code ./mvnw -Ppostgres verify}, which sets {@code clinic.test.database=postgres}). Every Spring context gets a
 * schema of its own with a random name, created here and dropped when the test JVM exits, so no run depends on what
 * an earlier one left in the database. Connection defaults match the CI machine (127.0.0.1:5432, database
 * {@code test}, user {@code postgres}, trust authentication) and can be changed with {@code clinic.test.postgres.*}
 * system properties.
 *
 * <p>
 * A test that starts the application more than once on one database (a restart) makes that schema itself with
 * {@link #newSchema()} and passes its settings together with {@link #CHOSEN}, which this initializer then leaves alone.
 */
public class PostgresTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** Set to {@code true} by a test that chose the context's database itself. */
	public static final String CHOSEN = "clinic.test.database-chosen";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		if (!inUse() || context.getEnvironment().getProperty(CHOSEN, Boolean.class, false)) {
			return;
		}
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("postgresTestDatabase", new HashMap<>(newSchema())));
	}

	/** Whether this run tests against PostgreSQL ({@code -Ppostgres}). */
	public static boolean inUse() {
		return "postgres".equals(System.getProperty("clinic.test.database"));
	}

	/**
	 * A new, empty schema with a random name, dropped when the test JVM exits; returns the {@code spring.datasource.*}
	 * settings that reach it.
	 */
	public static Map<String, String> newSchema() {
		String url = System.getProperty("clinic.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
		String user = System.getProperty("clinic.test.postgres.user", "postgres");
		String password = System.getProperty("clinic.test.postgres.password", "");
		String schema = "clinic_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		execute(url, user, password, "create schema " + schema);
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> execute(url, user, password, "drop schema if exists " + schema + " cascade")));
		return Map.of("spring.datasource.url", url + "?currentSchema=" + schema, "spring.datasource.username", user,
				"spring.datasource.password", password);
	}

	private static void execute(String url, String user, String password, String sql) {
		try (Connection connection = DriverManager.getConnection(url, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL test database: could not run '" + sql + "' on " + url, ex);
		}
	}

}

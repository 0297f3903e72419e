package ca.gagephysio.inquiry.internal;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A Flyway migration in Java that is a Spring bean (Spring Boot hands {@code JavaMigration} beans to Flyway), so it
 * can use the application's own code and settings. Flyway's {@code BaseJavaMigration} reads the version and
 * description from a class name such as {@code V35__inquiry_search_keys}, which a bean's name is not; this gives
 * them explicitly. It runs in the migration's transaction, and has no checksum: Flyway cannot tell a change to Java
 * code, so a released migration is never edited.
 */
abstract class SpringJavaMigration implements JavaMigration {

	private final MigrationVersion version;

	private final String description;

	/**
	 * @param version its place among the SQL migrations, such as {@code "35"}
	 * @param description what Flyway's history table shows for it
	 */
	SpringJavaMigration(String version, String description) {
		this.version = MigrationVersion.fromVersion(version);
		this.description = description;
	}

	@Override
	public final MigrationVersion getVersion() {
		return version;
	}

	@Override
	public final String getDescription() {
		return description;
	}

	@Override
	public final Integer getChecksum() {
		return null;
	}

	@Override
	public final boolean canExecuteInTransaction() {
		return true;
	}

}

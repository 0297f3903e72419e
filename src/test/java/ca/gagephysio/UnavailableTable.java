package ca.gagephysio;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A table the application cannot reach for a while, the way a database error looks to it: renamed away, and renamed
 * back when closed, whatever the test did meanwhile. The same statement on H2 and PostgreSQL; tests run one at a
 * time, so no other test sees the table missing. Use it in try-with-resources, around only the requests that need it.
 */
public final class UnavailableTable implements AutoCloseable {

	private final JdbcClient jdbc;

	private final String table;

	private UnavailableTable(JdbcClient jdbc, String table) {
		this.jdbc = jdbc;
		this.table = table;
		jdbc.sql("alter table " + table + " rename to " + hidden()).update();
	}

	/** Renames {@code table} (a name from the migrations, never input) away until {@link #close()}. */
	public static UnavailableTable of(JdbcClient jdbc, String table) {
		return new UnavailableTable(jdbc, table);
	}

	private String hidden() {
		return table + "_unavailable";
	}

	@Override
	public void close() {
		jdbc.sql("alter table " + hidden() + " rename to " + table).update();
	}

}

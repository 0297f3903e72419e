package ca.gagephysio.inquiry.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;

import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import ca.gagephysio.shared.PhoneNumbers;

/**
 * Flyway migration V35, in Java because SQL cannot do it: fills the search keys that {@code V34} added for every
 * inquiry stored before them (names to NFC, the E.164 phone, the folded search terms), with exactly the code new
 * inquiries use ({@link SearchTerms}, {@link PhoneNumbers}), then indexes the terms.
 * <p>
 * A Flyway migration rather than a start-up runner, so it runs once, in the same transaction and ordering as the
 * schema change, and before Hibernate validates the schema or any request can search half-filled terms. A Spring
 * bean (Spring Boot hands {@code JavaMigration} beans to Flyway) rather than a class under {@code db/migration},
 * because reading a phone number needs the clinic's country.
 * <p>
 * Rows are read in batches of {@value #BATCH} by id, so 100,000 inquiries take little memory. The index is built
 * after the rows are in (faster than updating it row by row). It is the one statement that differs between the two
 * databases: PostgreSQL uses a B-tree index for {@code like 'prefix%'} only with the {@code varchar_pattern_ops}
 * operator class unless the database's collation is {@code C} (PostgreSQL manual, "Operator Classes and Operator
 * Families"), and H2 knows no operator classes but uses a plain index for a prefix {@code like}.
 */
@Component
class InquirySearchKeysMigration extends SpringJavaMigration {

	private static final Logger log = LoggerFactory.getLogger(InquirySearchKeysMigration.class);

	private static final int BATCH = 500;

	private final PhoneNumbers phones;

	InquirySearchKeysMigration(PhoneNumbers phones) {
		super("35", "inquiry search keys");
		this.phones = phones;
	}

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		int filled = fill(connection, 0);
		boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
		try (Statement statement = connection.createStatement()) {
			statement.execute("create index inquiry_search_term_prefix_idx on inquiry_search_term (term"
					+ (postgres ? " varchar_pattern_ops" : "") + ", inquiry_id)");
		}
		if (filled > 0) {
			log.info("Filled the search keys of {} stored inquiries", filled);
		}
	}

	/**
	 * Fills the search keys of the inquiries with an id above {@code after}; returns how many. Package-private so a
	 * test can run it on rows written the way they were before V34.
	 */
	int fill(Connection connection, long after) throws SQLException {
		int filled = 0;
		try (PreparedStatement read = connection.prepareStatement(
				"select id, reference, name, email, phone from inquiry where id > ? order by id limit " + BATCH);
				PreparedStatement update = connection
					.prepareStatement("update inquiry set name = ?, phone_global = ? where id = ?");
				PreparedStatement insert = connection
					.prepareStatement("insert into inquiry_search_term (inquiry_id, term) values (?, ?)")) {
			while (true) {
				read.setLong(1, after);
				int rows = 0;
				try (ResultSet row = read.executeQuery()) {
					while (row.next()) {
						long id = row.getLong("id");
						String name = row.getString("name");
						String email = row.getString("email");
						String phone = row.getString("phone");
						update.setString(1, Inquiry.composed(name));
						update.setString(2, SearchTerms.globalNumber(phone, phones));
						update.setLong(3, id);
						update.addBatch();
						Set<String> terms = SearchTerms.ofInquiry(row.getString("reference"), name, email, phone, phones);
						for (String term : terms) {
							insert.setLong(1, id);
							insert.setString(2, term);
							insert.addBatch();
						}
						after = id;
						rows++;
					}
				}
				if (rows == 0) {
					return filled;
				}
				update.executeBatch();
				insert.executeBatch();
				filled += rows;
			}
		}
	}

}

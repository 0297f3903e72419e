package ca.gagephysio.inquiry.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import ca.gagephysio.ClinicIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox search stays fast on 100,000 inquiries only if the database answers it from an index: checked on the
 * schema the migrations built (H2, or PostgreSQL with {@code -Ppostgres}) by asking the database itself, for both
 * the index and its plan of the query the inbox sends.
 */
@ClinicIntegrationTest
class InquirySearchIndexTests {

	/**
	 * The shape Hibernate generates for a two-word inbox search (logged with {@code spring.jpa.show-sql}), with
	 * literals in place of the parameters.
	 */
	private static final String INBOX_SEARCH = """
			select i1_0.id from inquiry i1_0
			where i1_0.id in ((select ist1_0.inquiry_id from inquiry_search_term ist1_0 where ist1_0.term like 'zoe%' escape ''))
			  and i1_0.id in ((select ist2_0.inquiry_id from inquiry_search_term ist2_0 where ist2_0.term like 'muller%' escape ''))
			  and i1_0.status<>'SPAM'
			order by i1_0.created_at desc,i1_0.id desc offset 0 rows fetch first 25 rows only""";

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void searchTermsAndTheE164PhoneAreIndexedWithTheTermFirst() throws SQLException {
		assertThat(indexedColumnsOf("inquiry_search_term")).contains("inquiry_search_term_prefix_idx(term,inquiry_id)");
		assertThat(indexedColumnsOf("inquiry")).contains("inquiry_phone_global_idx(phone_global)");
	}

	@Test
	void theDatabasePlansTheInboxSearchAsARangeOnTheTermIndex() {
		String plan = new TransactionTemplate(transactions).execute(status -> {
			boolean postgres = jdbc.execute((Connection connection) -> connection.getMetaData()
				.getDatabaseProductName()).toLowerCase().contains("postgres");
			if (postgres) {
				// The test tables are tiny, where reading all is cheapest; what matters is that the index can serve.
				jdbc.execute("set local enable_seqscan = off");
			}
			return String.join("\n", jdbc.queryForList("explain " + INBOX_SEARCH, String.class));
		});

		String lower = plan.toLowerCase();
		assertThat(lower).as(plan).contains("inquiry_search_term_prefix_idx");
		if (lower.contains("index cond")) {
			// PostgreSQL: a range the index answers (~>=~ / ~<~ with varchar_pattern_ops), not a filter on every row.
			assertThat(lower).as(plan).containsPattern("index cond: \\(+\\(?term\\)?[^\\n]*~>=~ 'zoe'");
		}
		else {
			// H2 names the index and the range it reads from it.
			assertThat(lower).as(plan).containsPattern("inquiry_search_term_prefix_idx: term >= 'zoe'");
		}
	}

	private List<String> indexedColumnsOf(String table) throws SQLException {
		List<String> indexes = new ArrayList<>();
		try (Connection connection = dataSource.getConnection()) {
			DatabaseMetaData meta = connection.getMetaData();
			try (ResultSet rows = meta.getIndexInfo(connection.getCatalog(), connection.getSchema(), table, false, false)) {
				String current = null;
				StringBuilder columns = new StringBuilder();
				while (rows.next()) {
					String index = rows.getString("INDEX_NAME").toLowerCase();
					if (!index.equals(current)) {
						if (current != null) {
							indexes.add(current + "(" + columns + ")");
						}
						current = index;
						columns.setLength(0);
					}
					else {
						columns.append(',');
					}
					columns.append(rows.getString("COLUMN_NAME").toLowerCase());
				}
				if (current != null) {
					indexes.add(current + "(" + columns + ")");
				}
			}
		}
		return indexes;
	}

}

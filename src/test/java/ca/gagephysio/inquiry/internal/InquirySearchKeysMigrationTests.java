package ca.gagephysio.inquiry.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import ca.gagephysio.ClinicIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The V35 migration gives inquiries stored before it the same search keys a new inquiry gets: run on a row written
 * the way the form wrote rows before (a decomposed name, a phone without its E.164 form, no search terms).
 */
@ClinicIntegrationTest
class InquirySearchKeysMigrationTests {

	@Autowired
	InquirySearchKeysMigration migration;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	InquiryRepository inquiries;

	@Test
	void fillsTheSearchKeysOfAnInquiryStoredBeforeThemAsANewOneWouldGetThem() {
		String reference = "M" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
		long before = jdbc.sql("select coalesce(max(id), 0) from inquiry").query(Long.class).single();
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		jdbc.sql("""
				insert into inquiry (reference, name, email, phone, service, asking_about, consent_given_at,
				                     consent_version, status, created_at, listed_at)
				values (?, ?, ?, ?, 'FOOT_CARE', 'BOTH', ?, 'v1', 'CLOSED', ?, ?)""")
			.params(reference, "Zoe\u0301 O\u2019Brien", "zoe@example.com", "+44 20 7946 0958", now, now, now)
			.update();

		int filled = new TransactionTemplate(transactions).execute(status -> {
			Connection connection = DataSourceUtils.getConnection(dataSource);
			try {
				return migration.fill(connection, before);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		});

		Inquiry inquiry = inquiries.findByReference(reference).orElseThrow();
		assertThat(filled).isEqualTo(1);
		assertThat(inquiry.getName()).isEqualTo("Zo\u00e9 O\u2019Brien");
		assertThat(inquiry.getPhoneGlobal()).isEqualTo("+442079460958");
		List<String> terms = jdbc.sql("select term from inquiry_search_term where inquiry_id = ?")
			.param(inquiry.getId())
			.query(String.class)
			.list();
		assertThat(terms).contains("zoeobrien", "obrien", reference.toLowerCase(), "zoeexamplecom", "examplecom",
				"442079460958", "2079460958", "79460958");
	}

}

package ca.gagephysio.staff.session;

import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * Two requests of one session that add the same attribute at the same instant (a double click on any button whose
 * answer carries a message: both store Spring MVC's flash map) both insert its row, and Spring Session JDBC's plain
 * {@code INSERT} makes the second fail on the attributes table's primary key: a 500 after the work was done, which
 * invites a real duplicate. The insert becomes an upsert: on PostgreSQL Spring Session's own customizer
 * ({@code ON CONFLICT … DO UPDATE}); on H2, which knows only {@code ON CONFLICT DO NOTHING}, H2's {@code MERGE … KEY},
 * written here because Spring Session ships no H2 customizer. Same parameters, in the same order, as the insert.
 */
@Configuration(proxyBeanMethods = false)
class SessionAttributeUpserts {

	/** H2's upsert of one attribute row (H2 grammar: MERGE INTO … KEY … VALUES). */
	static final String H2_CREATE_SESSION_ATTRIBUTE_QUERY = """
			MERGE INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
			KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME)
			VALUES (?, ?, ?)
			""";

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionAttributeUpsert(DataSource dataSource)
			throws MetaDataAccessException {
		String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
		if ("PostgreSQL".equals(product)) {
			return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
		}
		if ("H2".equals(product)) {
			return repository -> repository.setCreateSessionAttributeQuery(H2_CREATE_SESSION_ATTRIBUTE_QUERY);
		}
		// Another database: Spring Session's plain insert, as before (the application supports H2 and PostgreSQL).
		return repository -> {
		};
	}

}

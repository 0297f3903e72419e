package ca.gagephysio.staff.session;

import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.session.autoconfigure.SessionTimeout;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where staff sessions are kept: Spring Session JDBC's {@link JdbcIndexedSessionRepository} over the tables
 * {@code spring_session} and {@code spring_session_attributes} (Flyway migration V44), shared by every instance.
 * <p>
 * <b>Why this is wired here and not by Spring Boot.</b> Boot's {@code JdbcSessionAutoConfiguration} builds the
 * repository through Spring Session's {@code JdbcHttpSessionConfiguration}, which gives it a {@code JdbcTemplate}
 * with a {@code SQLErrorCodeSQLExceptionTranslator} of its own. That translator parses Spring's
 * {@code sql-error-codes.xml} at start, with the JDK's XML parser and Spring's XML bean reader: the only XML parsing
 * in this application, about 400 classes that a JDK 25 ahead-of-time cache then holds and loads at every start.
 * Without them the cache is 3 MB smaller and a restart 4 to 6 MB less resident after 300 requests
 * (docs/performance.md, "Issue 24, twelfth pass"). Here the repository gets a plain {@link JdbcTemplate}, whose
 * translator is the one Spring's {@code JdbcTemplate} uses everywhere else (SQL exception subclasses, then SQL
 * states); it yields the {@code DuplicateKeyException} and {@code DataIntegrityViolationException} that the
 * repository catches on H2 and PostgreSQL alike. Boot backs off when a {@code SessionRepository} bean exists, and
 * still provides the session filter's registration, the cookie ({@code server.servlet.session.cookie.*}) and the
 * {@link SessionTimeout}.
 * <p>
 * Everything else is what {@code JdbcHttpSessionConfiguration} and Boot would set: the idle time-out from
 * {@code spring.session.timeout}, else {@code server.servlet.session.timeout} (30 minutes as shipped; without an
 * embedded server, Spring Session's own 30 minutes unless {@code spring.session.timeout} is set); the default
 * table name; expired sessions deleted every minute, at second 0 (an idempotent delete that every instance runs);
 * writes on {@code save} only, attributes written when set; each write in a transaction of its own
 * ({@code REQUIRES_NEW}) on the application's transaction manager; attributes deserialized with the application's
 * class loader; then every {@link SessionRepositoryCustomizer} bean, in order ({@link SessionAttributeUpserts}).
 * {@code spring.session.jdbc.*} properties are not read.
 */
@Configuration(proxyBeanMethods = false)
@EnableSpringHttpSession
class SessionStore {

	@Bean
	JdbcIndexedSessionRepository sessionRepository(DataSource dataSource,
			PlatformTransactionManager transactionManager, SessionTimeout timeout, ResourceLoader resourceLoader,
			ObjectProvider<SessionRepositoryCustomizer<JdbcIndexedSessionRepository>> customizers) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		TransactionTemplate transactions = new TransactionTemplate(transactionManager);
		transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		JdbcIndexedSessionRepository repository = new JdbcIndexedSessionRepository(jdbc, transactions);
		// Null where Boot sees no embedded server (a test's mock servlet environment) and spring.session.timeout is
		// not set: Spring Session's own 30 minutes stay, as with Boot's wiring.
		Duration idle = timeout.getTimeout();
		if (idle != null) {
			repository.setDefaultMaxInactiveInterval(idle);
		}
		repository.setCleanupCron(CLEANUP_CRON);
		GenericConversionService conversion = new GenericConversionService();
		conversion.addConverter(Object.class, byte[].class, new SerializingConverter());
		conversion.addConverter(byte[].class, Object.class,
				new DeserializingConverter(resourceLoader.getClassLoader()));
		repository.setConversionService(conversion);
		customizers.orderedStream().forEach(customizer -> customizer.customize(repository));
		return repository;
	}

	/** Spring Session's own default: at second 0 of every minute, in the server's time zone. */
	static final String CLEANUP_CRON = "0 * * * * *";

}

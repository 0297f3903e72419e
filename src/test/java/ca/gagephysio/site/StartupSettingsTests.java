package ca.gagephysio.site;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import ca.gagephysio.clinic.ClinicFacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.mockito.Mockito.mock;

/**
 * At start-up the application refuses a setting that would break a promise, with Spring Boot's "APPLICATION FAILED
 * TO START" report naming the setting ({@link SettingRefusedFailureAnalyzer}), and supplies what an H2 URL lacks.
 * Each check runs in a small context of its own with the bad value, as the application would start with it.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupSettingsTests {

	private final ApplicationContextRunner siteChecks = new ApplicationContextRunner()
		.withUserConfiguration(SiteSettingsCheck.class)
		.withPropertyValues("clinic.base-url=https://www.clinic.example");

	@Test
	void aBaseUrlWithoutSchemeStopsTheStartWithAReportNamingTheSetting(CapturedOutput output) {
		SpringApplication application = new SpringApplication(SiteSettingsCheck.class);
		application.setWebApplicationType(WebApplicationType.NONE);

		assertThatException().isThrownBy(() -> application.run("--clinic.base-url=www.clinic.example"));

		assertThat(output).contains("APPLICATION FAILED TO START",
				"The setting clinic.base-url (environment variable CLINIC_BASEURL) cannot be used: "
						+ "\"www.clinic.example\" is not an absolute http(s) address",
				"Set it to the address visitors type, such as https://www.clinic.example");
	}

	@Test
	void aSchemaHibernateWouldCreateOrDropIsRefused() {
		for (String ddl : new String[] { "create-drop", "create", "update" }) {
			siteChecks.withPropertyValues("spring.jpa.hibernate.ddl-auto=" + ddl)
				.run(context -> assertThat(refusal(context.getStartupFailure()))
					.contains("spring.jpa.hibernate.ddl-auto", "delete every inquiry"));
		}
		siteChecks.withPropertyValues("spring.jpa.hibernate.ddl-auto=validate")
			.run(context -> assertThat(context).hasNotFailed());
	}

	@Test
	void aBaseUrlThatIsNotHttpIsRefused() {
		siteChecks.withPropertyValues("clinic.base-url=ftp://www.clinic.example")
			.run(context -> assertThat(refusal(context.getStartupFailure())).contains("clinic.base-url"));
		siteChecks.withPropertyValues("clinic.base-url=http://localhost:8080")
			.run(context -> assertThat(context).hasNotFailed());
	}

	@Test
	void aClinicEmailThatIsNotOneAddressIsRefused() {
		siteChecks.withPropertyValues("clinic.email=info at clinic.example")
			.run(context -> assertThat(refusal(context.getStartupFailure())).contains("clinic.email", "would bounce"));
		siteChecks.withPropertyValues("clinic.email=info@clinic.example")
			.run(context -> assertThat(context).hasNotFailed());
	}

	@Test
	void loggingEveryValueHibernateStoresIsRefused() {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		logging.setLogLevel(SiteSettingsCheck.BIND_LOGGER, LogLevel.TRACE);
		try {
			siteChecks.run(context -> assertThat(refusal(context.getStartupFailure()))
				.contains("logging.level.org.hibernate.orm.jdbc.bind", "patients' names and messages"));
		}
		finally {
			logging.setLogLevel(SiteSettingsCheck.BIND_LOGGER, null);
		}
	}

	@Test
	void aPlainH2UrlGetsTheOptionsTheThrottleAndTheRateLimitNeed() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withUserConfiguration(H2CompatibilityOptions.class)
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:plain-" + System.nanoTime())
			.run(context -> {
				assertThat(context.getBean(HikariDataSource.class).getJdbcUrl()).contains(";MODE=PostgreSQL",
						";DATABASE_TO_LOWER=TRUE", ";DEFAULT_NULL_ORDERING=HIGH");
				JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
				jdbc.sql("create table counted (id varchar(10) primary key)").update();
				// The statement the sign-in throttle and the form's rate limit count with: a syntax error (a 500 on
				// every wrong password and every inquiry) without MODE=PostgreSQL.
				String insert = "insert into counted (id) values ('a') on conflict do nothing";
				assertThat(jdbc.sql(insert).update()).isEqualTo(1);
				assertThat(jdbc.sql(insert).update()).isZero();
			});
	}

	@Test
	void anH2FileUrlAlsoGetsItsCommitsWrittenAtOnceAndOptionsGivenAreKept() {
		assertThat(H2CompatibilityOptions.withRequiredOptions("jdbc:h2:file:./data/clinic")).isEqualTo(
				"jdbc:h2:file:./data/clinic;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;MODE=PostgreSQL;"
						+ "DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
		String shipped = "jdbc:h2:file:./data/clinic;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
		assertThat(H2CompatibilityOptions.withRequiredOptions(shipped)).isEqualTo(shipped);
		assertThat(H2CompatibilityOptions.withRequiredOptions("jdbc:h2:./data/clinic;mode=postgresql;"))
			.isEqualTo("jdbc:h2:./data/clinic;mode=postgresql;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
					+ "DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
		assertThat(H2CompatibilityOptions.withRequiredOptions("jdbc:postgresql://127.0.0.1:5432/clinic"))
			.isEqualTo("jdbc:postgresql://127.0.0.1:5432/clinic");
	}

	@Test
	void anH2UrlThatAsksForAnotherModeOrALateWriteIsRefusedNamingTheSetting() {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withUserConfiguration(H2CompatibilityOptions.class);
		runner.withPropertyValues("spring.datasource.url=jdbc:h2:mem:mysql-" + System.nanoTime() + ";MODE=MySQL")
			.run(context -> assertThat(refusal(context.getStartupFailure())).contains(
					"The setting spring.datasource.url (environment variable SPRING_DATASOURCE_URL)",
					"MODE=MySQL", "every wrong password and every inquiry"));
		runner.withPropertyValues("spring.datasource.url=jdbc:h2:file:./target/late-write;WRITE_DELAY=500")
			.run(context -> assertThat(refusal(context.getStartupFailure())).contains("WRITE_DELAY=500",
					"lost if the process is killed"));
	}

	@Test
	void aReplyToThatIsNotOneAddressIsRefused() {
		new ApplicationContextRunner().withBean(ClinicFacts.class, () -> mock(ClinicFacts.class))
			.withUserConfiguration(ReplyToAddress.class)
			.withPropertyValues("clinic.mail.reply-to=Front Desk <frontdesk@clinic.example>, owner@clinic.example")
			.run(context -> assertThat(refusal(context.getStartupFailure())).contains("clinic.mail.reply-to",
					"CLINIC_MAIL_REPLYTO", "would bounce"));
	}

	@Test
	void theManagementPortOnThePublicPortIsReportedByName() {
		new ApplicationContextRunner().withUserConfiguration(ManagementPortCheck.class)
			.withPropertyValues("server.port=8081", "management.server.port=8081")
			.run(context -> assertThat(refusal(context.getStartupFailure())).contains(
					"The setting management.server.port (environment variable MANAGEMENT_SERVER_PORT)",
					"Set MANAGEMENT_SERVER_PORT to a port of its own"));
	}

	/** What Spring Boot's report says for this start-up failure: description and action. */
	static String refusal(Throwable failure) {
		assertThat(failure).as("the application refused to start").isNotNull();
		var analysis = new SettingRefusedFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("a refused setting, not another failure: " + failure).isNotNull();
		return analysis.getDescription() + "\n" + analysis.getAction();
	}

}

package ca.gagephysio.inquiry.form;

import java.time.Duration;

import ca.gagephysio.ClinicIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without a configured secret, the signing key is generated once and kept in the database, so a form shown before
 * a restart is still accepted after it; a configured secret always wins.
 */
@ClinicIntegrationTest
class FormTokenKeyTests {

	@Autowired
	JdbcClient jdbc;

	@Test
	void aGeneratedKeySurvivesARestart() {
		FormTokenKey firstRun = new FormTokenKey(properties(null), jdbc);
		FormTokenKey afterRestart = new FormTokenKey(properties(""), jdbc);

		assertThat(afterRestart.bytes()).isEqualTo(firstRun.bytes()).hasSizeGreaterThanOrEqualTo(32);
		assertThat(jdbc.sql("select count(*) from inquiry_form_token_key").query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void aConfiguredSecretIsUsedInsteadOfTheStoredKey() {
		FormTokenKey stored = new FormTokenKey(properties(null), jdbc);
		FormTokenKey configured = new FormTokenKey(properties("the clinic's own secret"), jdbc);

		assertThat(configured.bytes()).isNotEqualTo(stored.bytes()).asString().isEqualTo("the clinic's own secret");
	}

	private static InquiryFormProperties properties(String secret) {
		return new InquiryFormProperties(secret, Duration.ofHours(8), Duration.ofSeconds(3), Duration.ofDays(7),
				new InquiryFormProperties.RateLimit(10, Duration.ofMinutes(10)));
	}

}

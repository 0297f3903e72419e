package ca.gagephysio.inquiry.form;

import ca.gagephysio.site.SettingRefused;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A form-token key short enough to guess stops the start, naming the setting and never repeating the secret.
 */
class TokenSecretCheckTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(WithFormProperties.class);

	@Test
	void aShortSecretIsRefusedWithoutBeingRepeated() {
		runner.withPropertyValues("clinic.inquiry.token-secret=hunter2-clinic").run(context -> {
			Throwable cause = context.getStartupFailure();
			while (cause != null && !(cause instanceof SettingRefused)) {
				cause = cause.getCause();
			}
			assertThat(cause).isInstanceOf(SettingRefused.class);
			SettingRefused refused = (SettingRefused) cause;
			assertThat(refused.setting()).isEqualTo("clinic.inquiry.token-secret");
			assertThat(refused.getMessage() + refused.action()).contains("14 characters", "at least 32")
				.doesNotContain("hunter2");
		});
	}

	@Test
	void anEmptySecretOrALongOneStarts() {
		runner.withPropertyValues("clinic.inquiry.token-secret=").run(context -> assertThat(context).hasNotFailed());
		runner.withPropertyValues("clinic.inquiry.token-secret=test-only-inquiry-token-secret-not-for-production")
			.run(context -> assertThat(context).hasNotFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(InquiryFormProperties.class)
	@Import(TokenSecretCheck.class)
	static class WithFormProperties {

	}

}

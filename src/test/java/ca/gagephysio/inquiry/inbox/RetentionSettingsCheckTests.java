package ca.gagephysio.inquiry.inbox;

import ca.gagephysio.site.SettingRefused;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nightly erasure cannot be switched off or mistyped into silence: the start stops naming
 * {@code clinic.retention.cron}.
 */
class RetentionSettingsCheckTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(RetentionSettingsCheck.class);

	@Test
	void aSwitchedOffOrUnreadableScheduleIsRefusedNamingTheSetting() {
		runner.withPropertyValues("clinic.retention.cron=-")
			.run(context -> assertThat(refused(context.getStartupFailure())).contains("clinic.retention.cron",
					"switches the nightly erasure off"));
		runner.withPropertyValues("clinic.retention.cron=15 3 * * *")
			.run(context -> assertThat(refused(context.getStartupFailure())).contains("clinic.retention.cron",
					"six fields"));
	}

	@Test
	void theShippedScheduleAndAnotherNightStart() {
		runner.run(context -> assertThat(context).hasNotFailed());
		runner.withPropertyValues("clinic.retention.cron=0 0 2 * * *").run(context -> assertThat(context).hasNotFailed());
	}

	private static String refused(Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof SettingRefused)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("refused by name: " + failure).isInstanceOf(SettingRefused.class);
		return cause.getMessage();
	}

}

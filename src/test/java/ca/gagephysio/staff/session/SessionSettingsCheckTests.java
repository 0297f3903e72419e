package ca.gagephysio.staff.session;

import ca.gagephysio.staff.signin.StaffProperties;

import ca.gagephysio.site.SettingRefused;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A staff session always ends: a time-out the server would read as "never" stops the start, naming the setting.
 */
class SessionSettingsCheckTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(WithStaffProperties.class);

	@Test
	void anIdleTimeOutOfZeroOrLessIsRefusedNamingTheSetting() {
		for (String timeout : new String[] { "0", "-1m" }) {
			runner.withPropertyValues("server.servlet.session.timeout=" + timeout)
				.run(context -> assertThat(refused(context.getStartupFailure()).setting())
					.isEqualTo("server.servlet.session.timeout"));
		}
		runner.withPropertyValues("server.servlet.session.timeout=30m", "spring.session.timeout=-1s")
			.run(context -> assertThat(refused(context.getStartupFailure()).setting())
				.isEqualTo("spring.session.timeout"));
	}

	@Test
	void anAbsoluteTimeOutOfZeroIsRefusedNamingTheSetting() {
		runner.withPropertyValues("clinic.staff.absolute-session-timeout=0s")
			.run(context -> assertThat(refused(context.getStartupFailure()))
				.satisfies(refusal -> assertThat(refusal.setting()).isEqualTo("clinic.staff.absolute-session-timeout"))
				.satisfies(refusal -> assertThat(refusal.getMessage()).contains("stay signed in for good")));
	}

	@Test
	void theShippedTimeOutsStart() {
		runner.withPropertyValues("server.servlet.session.timeout=30m", "clinic.staff.absolute-session-timeout=10h")
			.run(context -> assertThat(context).hasNotFailed());
	}

	private static SettingRefused refused(Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof SettingRefused)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("refused by name: " + failure).isInstanceOf(SettingRefused.class);
		return (SettingRefused) cause;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(StaffProperties.class)
	@Import(SessionSettingsCheck.class)
	static class WithStaffProperties {

	}

}

package ca.gagephysio.site;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Spring Boot's way of explaining why an application did not start (registered in {@code META-INF/spring.factories}):
 * a {@link SettingRefused} anywhere in the cause chain becomes a short report naming the setting, instead of a stack
 * trace through the bean that found it.
 */
class SettingRefusedFailureAnalyzer extends AbstractFailureAnalyzer<SettingRefused> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SettingRefused cause) {
		return new FailureAnalysis(
				"The setting " + cause.setting() + " (environment variable " + cause.environmentVariable()
						+ ") cannot be used: " + cause.getMessage().substring(cause.setting().length() + 2),
				cause.action(), cause);
	}

}

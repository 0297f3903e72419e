package ca.gagephysio;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What every integration test's application context has beyond the application itself: a clock tests can move.
 * The application takes a {@link java.time.Clock} bean where there is one and the system clock otherwise.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ClinicTestConfiguration {

	@Bean
	SettableClock clock() {
		return new SettableClock();
	}

}

package ca.gagephysio.clinic;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.Optional;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * {@link ClinicFacts} for unit tests: always the given properties, as before anything is saved (an empty store), or
 * over a store the test stands in for.
 */
public final class FixedClinicFacts {

	private FixedClinicFacts() {
	}

	public static ClinicFacts of(ClinicProperties properties) {
		StoredClinicFactsRepository empty = (StoredClinicFactsRepository) Proxy.newProxyInstance(
				FixedClinicFacts.class.getClassLoader(), new Class<?>[] { StoredClinicFactsRepository.class },
				(proxy, method, args) -> {
					if (method.getName().equals("findById")) {
						return Optional.empty();
					}
					throw new UnsupportedOperationException("Fixed facts are never saved: " + method.getName());
				});
		return over(properties, empty);
	}

	/**
	 * {@link ClinicFacts} over {@code store} (a test's stand-in for the table), with the clinic's own messages (for
	 * the holidays' names), the system clock and no listener for saves.
	 */
	public static ClinicFacts over(ClinicProperties properties, StoredClinicFactsRepository store) {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("i18n/clinic");
		messages.setDefaultEncoding("UTF-8");
		messages.setAlwaysUseMessageFormat(true);
		return new ClinicFacts(properties, store, event -> {
		}, new DefaultListableBeanFactory().getBeanProvider(Clock.class), messages);
	}

}

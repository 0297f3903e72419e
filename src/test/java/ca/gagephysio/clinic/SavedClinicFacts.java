package ca.gagephysio.clinic;

import org.springframework.context.ApplicationContext;

/**
 * For tests that save the clinic's facts: puts the shared application context back as it started, with nothing
 * saved, so the {@code application.properties} defaults are in force again for every other test.
 */
public final class SavedClinicFacts {

	private SavedClinicFacts() {
	}

	public static void forget(ApplicationContext context) {
		context.getBean(StoredClinicFactsRepository.class).deleteAll();
		context.getBean(ClinicFacts.class).refresh();
	}

}

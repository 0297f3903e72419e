package ca.gagephysio.clinic;

import ca.gagephysio.shared.PublicContentChanged;
import org.springframework.context.ApplicationContext;

/**
 * For tests that save the clinic's facts: puts the shared application context back as it started, with nothing
 * saved, so the {@code application.properties} defaults are in force again for every other test, on every page
 * (announced as a change, as a save is, so no cached page keeps the saved facts).
 */
public final class SavedClinicFacts {

	private SavedClinicFacts() {
	}

	public static void forget(ApplicationContext context) {
		context.getBean(StoredClinicFactsRepository.class).deleteAll();
		context.getBean(ClinicFacts.class).refresh();
		context.publishEvent(PublicContentChanged.everyPage(ClinicFacts.KIND));
	}

}

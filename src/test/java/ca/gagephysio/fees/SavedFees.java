package ca.gagephysio.fees;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import ca.gagephysio.shared.PublicContentChanged;

/**
 * For tests that save fees: puts the shared application context back as it started, with no fees saved (so
 * {@code /fees} answers 404 again for every other test), announced as a change so no cached page keeps them.
 */
public final class SavedFees {

	private SavedFees() {
	}

	public static void forget(ApplicationContext context) {
		JdbcClient jdbc = context.getBean(JdbcClient.class);
		jdbc.sql("update fee_schedule set current_number = 0 where id = 1").update();
		jdbc.sql("delete from fee_revision").update();
		context.publishEvent(PublicContentChanged.everyPage(Fees.KIND));
	}

}

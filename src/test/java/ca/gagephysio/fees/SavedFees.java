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

	/**
	 * Publishes two services, the insurers and the policies as if an administrator had saved them (revision 1), for
	 * tests whose subject is the public page rather than the editor.
	 */
	public static void publishExample(ApplicationContext context) {
		JdbcClient jdbc = context.getBean(JdbcClient.class);
		jdbc.sql("insert into fee_revision (number, receipts, cancellation_policy, note, saved_by, saved_at) "
				+ "values (1, 'Receipts are emailed the same day.', 'Please give 24 hours'' notice.', '', "
				+ "'Test Administrator', current_timestamp)")
			.update();
		long id = jdbc.sql("select id from fee_revision where number = 1").query(Long.class).single();
		jdbc.sql("insert into fee_revision_service (revision_id, row_order, name, description, duration_minutes, "
				+ "price_cents, hst_applies, visit_kind) values (?, 0, 'Physiotherapy assessment', "
				+ "'A full assessment and your first treatment.', 60, 9500, false, 'FIRST_VISIT'), "
				+ "(?, 1, 'Custom orthotics fitting', '', 30, 8000, true, 'FOLLOW_UP')")
			.params(id, id)
			.update();
		jdbc.sql("insert into fee_revision_insurer (revision_id, row_order, name) values (?, 0, 'Sun Life'), "
				+ "(?, 1, 'Manulife')")
			.params(id, id)
			.update();
		jdbc.sql("insert into fee_revision_payment_method (revision_id, row_order, name) values (?, 0, 'Debit')")
			.param(id)
			.update();
		jdbc.sql("update fee_schedule set current_number = 1 where id = 1").update();
		context.publishEvent(PublicContentChanged.everyPage(Fees.KIND));
	}

	public static void forget(ApplicationContext context) {
		JdbcClient jdbc = context.getBean(JdbcClient.class);
		jdbc.sql("update fee_schedule set current_number = 0 where id = 1").update();
		jdbc.sql("delete from fee_revision").update();
		context.publishEvent(PublicContentChanged.everyPage(Fees.KIND));
	}

}

package ca.gagephysio.inquiry.internal;

import ca.gagephysio.clinic.ClinicProperties;
import ca.gagephysio.shared.PhoneNumbers;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * The inquiry module's Java migrations (V35, V58, V107), for an {@code @ApplicationModuleTest} whose partial context does
 * not hold the inquiry module's beans: it declares them as {@link JavaMigration} beans of its own (a nested
 * {@code @TestConfiguration}: Spring Modulith leaves out configuration imported from other modules' packages). There
 * is one schema and one migration history: without them, Flyway in such a context refuses a database the whole
 * application migrated ("applied migration not resolved locally"), and on an empty database it would leave the two
 * out for the whole application to find missing later.
 */
public final class InquiryJavaMigrations {

	private InquiryJavaMigrations() {
	}

	public static JavaMigration searchKeys(PhoneNumbers phones) {
		return new InquirySearchKeysMigration(phones);
	}

	public static JavaMigration arrivalDay(ClinicProperties clinic) {
		return new InquiryArrivalDayMigration(clinic);
	}

	public static JavaMigration searchCountsIndex() {
		return new InquirySearchCountsIndexMigration();
	}

}

package ca.gagephysio.inquiry.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.notification.SubmittedInquiries;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration V58 gives the inquiries stored before it the arrival day and week a new inquiry gets: run through Flyway
 * itself, with the application's own migrations, on a database of its own (H2 in memory) taken to V57, holding rows
 * written the way the form wrote them then, and then to the end.
 */
@ClinicIntegrationTest
class InquiryArrivalDayMigrationTests {

	@Autowired
	List<JavaMigration> javaMigrations;

	@Test
	void givesStoredInquiriesTheClinicsArrivalDayAndWeekAsANewInquiryGetsThem() {
		SimpleDriverDataSource database = new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:v58-"
				+ UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
				"sa", "");
		JdbcClient jdbc = JdbcClient.create(database);
		flyway(database, "57").migrate();
		// Sunday 1 March 2026, 22:30 in Hamilton, already Monday in UTC: still Sunday's day and the week before.
		OffsetDateTime sundayNight = OffsetDateTime.of(2026, 3, 2, 3, 30, 0, 0, ZoneOffset.UTC);
		// Sunday 8 March 2026, 23:30 EDT, the day clocks went forward: the last hour of that week.
		OffsetDateTime afterTheChange = OffsetDateTime.of(2026, 3, 9, 3, 30, 0, 0, ZoneOffset.UTC);
		// Monday 9 March 2026, 00:30 EDT (UTC-4 since the day before): a new week, where the winter offset would
		// still say Sunday.
		OffsetDateTime mondayMorning = OffsetDateTime.of(2026, 3, 9, 4, 30, 0, 0, ZoneOffset.UTC);
		for (OffsetDateTime at : List.of(sundayNight, afterTheChange, mondayMorning)) {
			jdbc.sql("""
					insert into inquiry (reference, service, asking_about, consent_given_at, consent_version, status,
					                     created_at)
					values (?, 'FOOT_CARE', 'BOTH', ?, 'v1', 'NEW', ?)""")
				.params(at.toString().substring(0, 16), at, at)
				.update();
		}

		flyway(database, "latest").migrate();

		Map<OffsetDateTime, List<LocalDate>> stored = new HashMap<>();
		jdbc.sql("select created_at, arrival_day, arrival_week from inquiry")
			.query(rs -> {
				stored.put(rs.getObject(1, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
						List.of(rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class)));
			});
		assertThat(stored).containsExactlyInAnyOrderEntriesOf(Map.of(
				sundayNight, List.of(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 2, 23)),
				afterTheChange, List.of(LocalDate.of(2026, 3, 8), LocalDate.of(2026, 3, 2)),
				mondayMorning, List.of(LocalDate.of(2026, 3, 9), LocalDate.of(2026, 3, 9))));
		for (OffsetDateTime at : stored.keySet()) {
			Inquiry arrivingNow = arriving(at.toInstant());
			assertThat(List.of(arrivingNow.getArrivalDay(), Inquiry.weekOf(arrivingNow.getArrivalDay())))
				.isEqualTo(stored.get(at));
		}
		jdbc.sql("shutdown").update();
	}

	private Flyway flyway(SimpleDriverDataSource database, String target) {
		return Flyway.configure()
			.dataSource(database)
			.locations("classpath:db/migration")
			.javaMigrations(javaMigrations.toArray(JavaMigration[]::new))
			.target(target)
			.load();
	}

	private static Inquiry arriving(Instant at) {
		return new Inquiry("T", null, new Inquiry.Contact("A", "a@example.com", null),
				new Inquiry.Request(HelpWith.FOOT_CARE, AskingAbout.BOTH, null, null), new Inquiry.Consent(at, "v1"),
				new Inquiry.Source(null, null, null, null, null, null, null), at, SubmittedInquiries.CLINIC_ZONE);
	}

}

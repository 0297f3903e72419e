package ca.gagephysio.inquiry.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.InquiryFigures.Count;
import ca.gagephysio.inquiry.InquiryFigures;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An inquiry stored without its arrival day, as an instance still running the release before V58 stores one during a
 * rolling upgrade, is given it the next time the owner's figures are read, and counted on its day in the clinic.
 */
@ClinicIntegrationTest
class ArrivalDaysTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	InquiryFigures figures;

	@Test
	void anInquiryTheReleaseBeforeStoredIsCountedOnItsDayInTheClinic() {
		// Thursday 10 June 1999, 23:15 in Hamilton (UTC-4 in summer): already Friday in UTC.
		OffsetDateTime arrived = OffsetDateTime.of(1999, 6, 11, 3, 15, 0, 0, ZoneOffset.UTC);
		String reference = "R" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
		jdbc.sql("""
				insert into inquiry (reference, service, asking_about, consent_given_at, consent_version, status,
				                     created_at, listed_at)
				values (?, 'PHYSIOTHERAPY', 'COST', ?, 'v1', 'NEW', ?, ?)""")
			.params(reference, arrived, arrived, arrived)
			.update();

		assertThat(figures.perService(LocalDate.of(1999, 6, 10), LocalDate.of(1999, 6, 10)))
			.containsExactly(new Count("physiotherapy", 1));
		assertThat(figures.perService(LocalDate.of(1999, 6, 11), LocalDate.of(1999, 6, 11))).isEmpty();
		assertThat(jdbc.sql("select arrival_day, arrival_week from inquiry where reference = ?")
			.param(reference)
			.query((rs, row) -> new LocalDate[] { rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class) })
			.single()).containsExactly(LocalDate.of(1999, 6, 10), LocalDate.of(1999, 6, 7));
	}

}

package ca.gagephysio.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.InquiryFigures;
import ca.gagephysio.inquiry.OverdueSummaryDue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily overdue summary stays short however far behind the desk is (issue 23: "one short daily summary"): it
 * names the oldest {@link StaffFollowUpEmails#SUMMARY_LINES} and counts the rest. With 150 overdue, it once exceeded
 * the outbox's body column and was never stored, so the administrators got no summary at all.
 */
@ClinicIntegrationTest
class OverdueSummaryLengthTests {

	private static final LocalDate DAY = LocalDate.of(2031, 3, 3);

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void deleteTheSummary() {
		jdbc.sql("delete from notification where request_key = ?").param("summary-" + DAY).update();
	}

	@Test
	void aSummaryOfManyOverdueInquiriesNamesTheOldestAndCountsTheRest() {
		List<InquiryFigures.Overdue> overdue = LongStream.rangeClosed(1, 150)
			.mapToObj(n -> new InquiryFigures.Overdue(n, "REF%04d-LONG".formatted(n), Instant.parse("2031-02-01T15:00:00Z")))
			.toList();

		transactions.executeWithoutResult(status -> events
			.publishEvent(new OverdueSummaryDue(DAY, overdue, List.of("owner@summary.test", "desk@summary.test"))));

		List<String> bodies = jdbc.sql("select body from notification where request_key = ? order by recipient_email")
			.param("summary-" + DAY)
			.query(String.class)
			.list();
		assertThat(bodies).hasSize(2).allSatisfy(body -> {
			assertThat(body).contains("150 inquiries have had no first response")
				.contains("REF0001-LONG", "REF0020-LONG")
				.doesNotContain("REF0021-LONG")
				.contains("and 130 more, all in the inbox");
			assertThat(body.length()).isLessThan(10_000);
		});
	}

}

package ca.gagephysio.insights;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.UUID;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The waiting list on the insights page, through the real path (security, the figure's query on the test database,
 * the page and the CSV), on two weeks of March 2019 that no other test writes to: its size at each week's end, who
 * joined, who was contacted and the median days they had waited.
 */
@ClinicIntegrationTest
class WaitingListInsightsTests {

	private static final ZoneId TORONTO = ZoneId.of("America/Toronto");

	private static final String PERIOD = "range=CUSTOM&from=2019-03-04&to=2019-03-17";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	RequestPostProcessor admin;

	@BeforeEach
	void knownWaitingList() {
		admin = StaffTestAccounts.signedIn(StaffTestAccounts.create(accounts, "Olive Owner", StaffRole.ADMIN), "ADMIN",
				"STAFF");
		jdbc.sql("delete from inquiry where created_at >= :from and created_at < :to")
			.param("from", at(2019, 2, 20, 0))
			.param("to", at(2019, 3, 20, 0))
			.update();
		// joined before the period, contacted on Wednesday of the first week after 9 days
		entry(true, "CONTACTED", at(2019, 2, 25, 10), at(2019, 3, 6, 10));
		// joined in the first week, still waiting
		entry(true, "NEW", at(2019, 3, 5, 9), null);
		// joined in the first week, contacted in the second after 5 days (across the change to daylight time)
		entry(true, "CONTACTED", at(2019, 3, 7, 9), at(2019, 3, 12, 10));
		// left out: a waiting-list entry marked as spam, and an ordinary inquiry
		entry(true, "SPAM", at(2019, 3, 5, 11), null);
		entry(false, "NEW", at(2019, 3, 5, 12), null);
	}

	@Test
	void theWaitingListsSizeAtEachWeeksEndAndHowLongPeopleWaitedUntilContacted() {
		MvcTestResult page = mvc.get().uri("/staff/insights?" + PERIOD).with(admin).exchange();
		assertThat(page).hasStatusOk();
		assertThat(new String(page.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8))
			.contains("People on the waiting list at the end of each week", "Median days waited until contacted");

		MvcTestResult csv = mvc.get().uri("/staff/insights/waiting-list.csv?" + PERIOD).with(admin).exchange();
		assertThat(csv).hasStatusOk().hasContentType("text/csv;charset=UTF-8");
		assertThat(new String(csv.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8))
			.contains("On the waiting list at the week's end,Joined,Contacted,Median days waited until contacted\r\n")
			.contains("2019-03-04,2,2,1,9.0\r\n", "2019-03-11,1,0,1,5.0\r\n");
	}

	private void entry(boolean waitingList, String status, OffsetDateTime createdAt, OffsetDateTime respondedAt) {
		jdbc.sql("""
				insert into inquiry (reference, service, asking_about, consent_given_at, consent_version, status,
				  created_at, listed_at, first_responded_at, arrival_day, arrival_week, waiting_list)
				values (:reference, 'BACK_PAIN', 'AVAILABILITY', :createdAt, 'test', :status, :createdAt, :createdAt,
				  :respondedAt, :arrivalDay, :arrivalWeek, :waitingList)""")
			.param("reference", "WL-" + UUID.randomUUID().toString().substring(0, 10))
			.param("createdAt", createdAt)
			.param("respondedAt", respondedAt)
			.param("status", status)
			.param("arrivalDay", createdAt.atZoneSameInstant(TORONTO).toLocalDate())
			.param("arrivalWeek", createdAt.atZoneSameInstant(TORONTO).toLocalDate()
				.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)))
			.param("waitingList", waitingList)
			.update();
	}

	private static OffsetDateTime at(int year, int month, int day, int hour) {
		return LocalDateTime.of(year, month, day, hour, 0).atZone(TORONTO).toOffsetDateTime();
	}

}

package ca.gagephysio.insights;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.article.Article;
import ca.gagephysio.article.ArticleRepository;
import ca.gagephysio.article.ArticleSlugRedirect;
import ca.gagephysio.article.ArticleSlugRedirectRepository;
import ca.gagephysio.article.TestArticles;
import ca.gagephysio.clinic.ClinicFacts.DayHours;
import ca.gagephysio.clinic.ClinicFacts.Facts;
import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.inquiry.InquiryFigures.Count;
import ca.gagephysio.inquiry.InquiryFigures.SourceCount;
import ca.gagephysio.inquiry.InquiryFigures.Totals;
import ca.gagephysio.inquiry.InquiryFigures.WeeklyInquiries;
import ca.gagephysio.inquiry.InquiryFigures.WeeksAndTotals;
import ca.gagephysio.inquiry.InquiryFigures;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The owner's insights through the real path (security, binding, validation, the figures' SQL on the test
 * database, the page and the CSV), on a known set of inquiries and visits in February 2019, two weeks that no other
 * test writes to. The clinic is open Monday to Thursday 08:00 to 19:00 and Friday 08:00 to 17:00 (Toronto time)
 * and closes on statutory holidays, so Family Day, Monday 18 February 2019, is closed: an inquiry that arrives on
 * Saturday and one that arrives on the holiday start counting at Tuesday's opening.
 */
@ClinicIntegrationTest
class InsightsPageTests {

	private static final ZoneId TORONTO = ZoneId.of("America/Toronto");

	private static final String PERIOD = "range=CUSTOM&from=2019-02-11&to=2019-02-24";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ClinicFacts clinic;

	@Autowired
	InquiryFigures figures;

	@Autowired
	ArticleRepository articles;

	@Autowired
	ArticleSlugRedirectRepository redirects;

	RequestPostProcessor admin;

	RequestPostProcessor staff;

	String adminEmail;

	Facts factsBefore;

	@BeforeEach
	void knownFigures() {
		signIn();
		closeOnStatutoryHolidays();
		deleteBetween("delete from inquiry_activity where inquiry_id in"
				+ " (select id from inquiry where created_at >= :from and created_at < :to)",
				at(2019, 2, 1, 0, 0), at(2019, 3, 1, 0, 0));
		deleteBetween("delete from inquiry where created_at >= :from and created_at < :to",
				at(2019, 2, 1, 0, 0), at(2019, 3, 1, 0, 0));
		for (String table : List.of("visit_page_day", "visit_site_day", "visit_source_day")) {
			jdbc.sql("delete from " + table + " where visit_day >= :from and visit_day < :to")
				.param("from", LocalDate.of(2019, 2, 1))
				.param("to", LocalDate.of(2019, 3, 1))
				.update();
		}
		// Week of 11 February: answered in 2 h (Tuesday 10:00 to 12:00), answered in 0.5 h (Saturday noon to
		// Tuesday 08:30, the Monday being Family Day), one not answered, and one spam.
		inquiry("BOOKED", "BACK_PAIN", at(2019, 2, 12, 10, 0), at(2019, 2, 12, 12, 0), "/articles/knee",
				"https://www.google.com", "spring", null);
		inquiry("CONTACTED", "BACK_PAIN", at(2019, 2, 16, 12, 0), at(2019, 2, 19, 8, 30), "knee", null, null, null);
		inquiry("NEW", "FOOT_CARE", at(2019, 2, 12, 9, 0), null, "/articles/hip", null, null, null);
		inquiry("SPAM", "OTHER", at(2019, 2, 13, 9, 0), null, null, null, null, "honeypot");
		// Week of 18 February: arrived on Family Day, answered Wednesday 09:00 (all of Tuesday and one hour: 12 h,
		// past its due time of Wednesday 08:00), booked and then closed; arrived Friday 16:00, answered Monday
		// 09:00 (2 h); two spam.
		long closedAfterBooking = inquiry("CLOSED", "MASSAGE_THERAPY", at(2019, 2, 18, 9, 0), at(2019, 2, 20, 9, 0),
				"/articles/knee", null, null, null);
		jdbc.sql("""
				insert into inquiry_activity (inquiry_id, kind, from_status, to_status, at)
				values (:id, 'STATUS_CHANGED', 'CONTACTED', 'BOOKED', :at)""")
			.param("id", closedAfterBooking)
			.param("at", at(2019, 2, 21, 10, 0))
			.update();
		// as Inquiry.changeStatus marks it (aStatusChangeInTheInboxMarksAnInquiryThatReachedBooked proves it does)
		jdbc.sql("update inquiry set reached_booked = true where id = :id").param("id", closedAfterBooking).update();
		inquiry("CONTACTED", "PHYSIOTHERAPY", at(2019, 2, 22, 16, 0), at(2019, 2, 25, 9, 0), "home", null,
				"=HYPERLINK(\"http://evil.example\")", null);
		inquiry("SPAM", "OTHER", at(2019, 2, 21, 9, 0), null, null, null, null, "honeypot");
		inquiry("SPAM", "OTHER", at(2019, 2, 21, 9, 5), null, null, null, null, "too-fast");

		visitPage(LocalDate.of(2019, 2, 12), "/articles/knee", 100, 40);
		visitPage(LocalDate.of(2019, 2, 19), "/articles/knee", 60, 20);
		visitPage(LocalDate.of(2019, 2, 13), "/articles/hip", 50, 25);
		visitSite(LocalDate.of(2019, 2, 12), 300, 120);
		visitSite(LocalDate.of(2019, 2, 19), 200, 90);
	}

	@AfterEach
	void restoreClinicFacts() {
		clinic.save(factsBefore, clinic.version(), "insights test");
	}

	@Test
	void responseTimesCountOnlyOpeningHoursLeavingOutTheWeekendAndTheStatutoryHoliday() {
		// the page is the real path that fills in the inserted rows' business time before the figures are read
		assertThat(mvc.get().uri("/staff/insights?" + PERIOD).with(admin)).hasStatusOk();

		List<WeeklyInquiries> weeks = figures.perWeek(LocalDate.of(2019, 2, 11), LocalDate.of(2019, 2, 24));
		assertThat(weeks).containsExactly(
				new WeeklyInquiries(LocalDate.of(2019, 2, 11), 3, 1, 2, 4500.0, 6660.0, 2, 1),
				new WeeklyInquiries(LocalDate.of(2019, 2, 18), 2, 2, 2, 25200.0, 39600.0, 1, 0));
		// answered within one business hour: of the first week's two (half an hour, two hours) one; of the second none
		assertThat(csv("response")).contains("2019-02-11,2,1.3,1.9,100.0,50.0\r\n",
				"2019-02-18,2,7.0,11.0,50.0,0.0\r\n");
	}

	@Test
	void theWeeksAndTotalsReadTogetherAreTheFiguresEachGivesAloneForWholeCutAndEmptyPeriods() {
		// the page is the real path that fills in the inserted rows' business time before the figures are read
		assertThat(mvc.get().uri("/staff/insights?" + PERIOD).with(admin)).hasStatusOk();

		WeeksAndTotals whole = figures.perWeekAndTotals(LocalDate.of(2019, 2, 11), LocalDate.of(2019, 2, 24));
		// five inquiries (spam left out), two reached booked, four answered in 0.5, 2, 2 and 12 hours: median 2 h
		assertThat(whole.totals()).isEqualTo(new Totals(5, 2, 4, 7200.0));
		for (LocalDate[] period : List.of(new LocalDate[] { LocalDate.of(2019, 2, 11), LocalDate.of(2019, 2, 24) },
				// cut in both weeks: Wednesday 13 to Monday 18
				new LocalDate[] { LocalDate.of(2019, 2, 13), LocalDate.of(2019, 2, 18) },
				// nothing arrived and nothing was answered
				new LocalDate[] { LocalDate.of(2019, 2, 25), LocalDate.of(2019, 2, 28) })) {
			WeeksAndTotals together = figures.perWeekAndTotals(period[0], period[1]);
			assertThat(together.weeks()).as("weeks from %s", period[0]).isEqualTo(figures.perWeek(period[0], period[1]));
			assertThat(together.totals()).as("totals from %s", period[0])
				.isEqualTo(figures.totals(period[0], period[1]));
		}
		assertThat(figures.perWeekAndTotals(LocalDate.of(2019, 2, 25), LocalDate.of(2019, 2, 28)).totals())
			.isEqualTo(new Totals(0, 0, 0, null));
	}

	@Test
	void anInquiryBelongsToTheWeekOfItsClinicDayOnBothSidesOfDaylightSavingTime() {
		deleteBetween("delete from inquiry where created_at >= :from and created_at < :to",
				at(2019, 3, 1, 0, 0), at(2019, 12, 1, 0, 0));
		// Clocks went forward at 02:00 on Sunday 10 March 2019 and back at 02:00 on Sunday 3 November 2019: the
		// last minutes of each of those Sundays belong to the week before, the first of the Monday to the next.
		inquiry("NEW", "BACK_PAIN", at(2019, 3, 4, 0, 10), null, null, null, null, null);
		inquiry("NEW", "BACK_PAIN", at(2019, 3, 10, 23, 50), null, null, null, null, null);
		inquiry("NEW", "BACK_PAIN", at(2019, 3, 11, 0, 10), null, null, null, null, null);
		inquiry("NEW", "BACK_PAIN", at(2019, 11, 3, 23, 50), null, null, null, null, null);
		inquiry("NEW", "BACK_PAIN", at(2019, 11, 4, 0, 10), null, null, null, null, null);
		inquiry("NEW", "BACK_PAIN", at(2019, 11, 10, 23, 59), null, null, null, null, null);

		List<WeeklyInquiries> weeks = figures.perWeek(LocalDate.of(2019, 3, 4), LocalDate.of(2019, 11, 10));

		assertThat(weeks).hasSize(36);
		assertThat(weeks).filteredOn(week -> week.inquiries() > 0)
			.extracting(WeeklyInquiries::weekStarting, WeeklyInquiries::inquiries)
			.containsExactly(tuple(LocalDate.of(2019, 3, 4), 2L), tuple(LocalDate.of(2019, 3, 11), 1L),
					tuple(LocalDate.of(2019, 10, 28), 1L), tuple(LocalDate.of(2019, 11, 4), 2L));
	}

	@Test
	void countsInquiriesPerSourceWithTheShareThatReachedBooked() {
		LocalDate from = LocalDate.of(2019, 2, 11);
		LocalDate to = LocalDate.of(2019, 2, 24);
		assertThat(figures.perSourcePage(from, to)).containsExactly(new SourceCount("/articles/knee", 2, 2),
				new SourceCount("/articles/hip", 1, 0), new SourceCount("home", 1, 0), new SourceCount("knee", 1, 0));
		assertThat(figures.perReferringSite(from, to)).containsExactly(new SourceCount("", 4, 1),
				new SourceCount("www.google.com", 1, 1));
		assertThat(figures.perService(from, to)).containsExactly(new Count("back-pain", 2),
				new Count("foot-care", 1), new Count("massage-therapy", 1), new Count("physiotherapy", 1));
		assertThat(figures.spamPerReason(from, to)).containsExactly(new Count("honeypot", 2), new Count("too-fast", 1));

		assertThat(csv("pages")).startsWith("\uFEFFSource,Inquiries,Reached booked,Reached booked (%)\r\n")
			.contains("/articles/knee,2,2,100.0\r\n", "Home page,1,0,0.0\r\n", "knee,1,0,0.0\r\n");
		assertThat(csv("sites")).contains("www.google.com,1,1,100.0\r\n", "None recorded,4,1,25.0\r\n");
		// a campaign name that a spreadsheet would run as a formula is neutralised
		assertThat(csv("campaigns")).contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\",1,0,0.0\r\n",
				"spring,1,1,100.0\r\n");
		assertThat(csv("spam-reasons")).contains("honeypot,2\r\n", "too-fast,1\r\n");
	}

	@Test
	void eachArticleShowsItsViewsTheInquiriesFromItAndItsConversion() {
		// knee: 160 views, 60 visitors; three inquiries (two from its address, one from its call to action's slug)
		assertThat(csv("articles")).contains("/articles/knee,160,60,3,5.0,\r\n", "/articles/hip,50,25,1,4.0,\r\n");
		assertThat(csv("visits")).contains("2019-02-11,300,120\r\n", "2019-02-18,200,90\r\n");
		assertThat(csv("inquiries")).contains("2019-02-11,3\r\n", "2019-02-18,2\r\n");
		assertThat(csv("spam")).contains("2019-02-11,1\r\n", "2019-02-18,2\r\n");
	}

	@Test
	void pageViewsAreShownByTheSiteAndCampaignTheyCameFrom() {
		jdbc.sql("""
				insert into visit_source_day (visit_day, path, referrer_host, utm_source, utm_medium, utm_campaign,
				  views, visitors) values (:day, '/articles/knee', :host, :source, :medium, :campaign, :views, :visitors)""")
			.param("day", LocalDate.of(2019, 2, 12))
			.param("host", "www.google.com")
			.param("source", "")
			.param("medium", "")
			.param("campaign", "")
			.param("views", 70)
			.param("visitors", 30)
			.update();
		jdbc.sql("""
				insert into visit_source_day (visit_day, path, referrer_host, utm_source, utm_medium, utm_campaign,
				  views, visitors) values (:day, '/articles/hip', '', 'newsletter', 'email', 'spring', 12, 9)""")
			.param("day", LocalDate.of(2019, 2, 13))
			.update();

		// the visitors column adds up pages' unique visitors, and its header says so
		assertThat(csv("visit-sources")).contains(
				"Unique visitors of each page, added up (a reader of two pages counts twice)",
				"www.google.com,www.google.com,,,,70,30\r\n",
				"newsletter / email / spring,,newsletter,email,spring,12,9\r\n");
		assertThat(body(mvc.get().uri("/staff/insights?" + PERIOD).with(admin)))
			.contains("Page views by where readers came from", "newsletter / email / spring");
	}

	@Test
	void thePageDrawsEachChartAsAnAccessibleSvgWithItsTableAndCsvLink() {
		String page = body(mvc.get().uri("/staff/insights?" + PERIOD).with(admin));
		for (String figure : Insights.FIGURES) {
			assertThat(page).contains("aria-labelledby=\"" + figure + "-title " + figure + "-desc\"",
					"<title id=\"" + figure + "-title\">", "<desc id=\"" + figure + "-desc\">",
					"/staff/insights/" + figure + ".csv?range=CUSTOM&amp;from=2019-02-11&amp;to=2019-02-24");
		}
		assertThat(page).contains("role=\"img\"", "The highest is 120, in the week of February 11, 2019",
				"<th scope=\"row\">/articles/knee</th>").doesNotContain("<script");
		// a week is named by its Monday as the rest of the site writes a day; the CSV keeps ISO 8601 for spreadsheets
		assertThat(page).contains("<th scope=\"row\">February 11, 2019</th>", "<th scope=\"row\">February 18, 2019</th>")
			.doesNotContain("<th scope=\"row\">2019-02-11</th>");
		// a table row is its name as the row's heading, then each number in its own cell, in the headers' order (the
		// response table's first week: answered, median and 90th percentile hours, in time, within the hour)
		assertThat(page).containsPattern("<th scope=\"row\">February 11, 2019</th>\\s*<td class=\"number\">2</td>"
				+ "\\s*<td class=\"number\">1.3</td>\\s*<td class=\"number\">1.9</td>\\s*<td class=\"number\">100.0</td>"
				+ "\\s*<td class=\"number\">50.0</td>\\s*</tr>");
		// a name anyone can put in the form's hidden fields is text in the chart (shortened) and the table, not markup
		assertThat(page).contains("text-anchor=\"end\">=HYPERLINK(&quot;http://evil.examp…</text>",
				"<th scope=\"row\">=HYPERLINK(&quot;http://evil.example&quot;)</th>")
			.doesNotContain("HYPERLINK(\"");
	}

	@Test
	void aPeriodThatCannotBeReadIsShownBackWithWhatWasTypedAndWhy() {
		assertThat(body(mvc.get().uri("/staff/insights?range=CUSTOM&from=2019-13-45&to=soon").with(admin)))
			.contains("Enter the first day as a date", "value=\"2019-13-45\"", "value=\"soon\"",
					"The period could not be read");
		assertThat(body(mvc.get().uri("/staff/insights?range=CUSTOM&from=2019-03-01&to=2019-02-01").with(admin)))
			.contains("The first day must not be after the last day", "value=\"2019-03-01\"")
			// both dates are marked wrong and point to the reason, which belongs to neither alone
			.contains("aria-invalid=\"true\" aria-describedby=\"period-error\" id=\"from\"")
			.contains("aria-invalid=\"true\" aria-describedby=\"period-error\" id=\"to\"");
		assertThat(body(mvc.get().uri("/staff/insights?range=CUSTOM&from=2019-13-45&to=2019-02-01").with(admin)))
			.contains("aria-invalid=\"true\" aria-describedby=\"from-error\" id=\"from\"")
			.contains("aria-invalid=\"false\" id=\"to\"");
		assertThat(body(mvc.get().uri("/staff/insights?range=CUSTOM&from=2019-03-01").with(admin)))
			.contains("Enter both the first and the last day");
		assertThat(body(mvc.get().uri("/staff/insights?range=CUSTOM&from=2010-01-01&to=2019-01-01").with(admin)))
			.contains("at most 1200 days");
		assertThat(body(mvc.get().uri("/staff/insights?range=FOREVER").with(admin)))
			.contains("Choose one of the periods listed");
		// a year that parses but cannot be counted in weeks, on the page and its CSV
		assertThat(body(mvc.get().uri("/staff/insights").param("range", "CUSTOM").param("from", "+999999999-01-01")
			.param("to", "+999999999-12-31").with(admin))).contains("Enter dates between 1900-01-01 and 9999-12-31", "value=\"+999999999-01-01\"");
		assertThat(mvc.get().uri("/staff/insights/visits.csv").param("range", "CUSTOM").param("from", "+999999999-01-01")
			.param("to", "+999999999-12-31").with(admin)).hasStatus(400);
		// dates typed without choosing "From and to the dates below" would be ignored: said, and kept
		assertThat(body(mvc.get().uri("/staff/insights?range=WEEKS_12&from=2019-02-11&to=2019-02-24").with(admin)))
			.contains("To see the dates you typed, choose", "value=\"2019-02-11\"", "value=\"2019-02-24\"");
		assertThat(mvc.get().uri("/staff/insights/visits.csv?range=CUSTOM&from=x&to=y").with(admin)).hasStatus(400);
		assertThat(mvc.get().uri("/staff/insights/nothing.csv?" + PERIOD).with(admin)).hasStatus(404);
	}

	@Test
	void theRollingPeriodsAndTheDefaultShowTheirDays() {
		LocalDate today = clinic.today();
		assertThat(body(mvc.get().uri("/staff/insights").with(admin)))
			.contains("From " + read(today.minusWeeks(12).plusDays(1)) + " to " + read(today))
			.containsPattern("value=\"WEEKS_12\"[^>]*checked");
		assertThat(body(mvc.get().uri("/staff/insights?range=WEEKS_4").with(admin)))
			.contains("From " + read(today.minusWeeks(4).plusDays(1)) + " to " + read(today));
		assertThat(body(mvc.get().uri("/staff/insights?range=MONTHS_12").with(admin)))
			.contains("From " + read(today.minusMonths(12).plusDays(1)) + " to " + read(today));
	}

	/** A day as people read it, as the page writes it: {@code February 11, 2019}. */
	private static String read(LocalDate day) {
		return day.format(java.time.format.DateTimeFormatter.ofPattern("MMMM d, yyyy", java.util.Locale.CANADA));
	}

	@Test
	void aPeriodWithoutAPatientsAnswerSaysSoInsteadOfAMedianOfNothing() {
		// Tried as a new owner: with no answer by email at all the page said "Median 0.0 hours of opening time, over 1
		// answer replied to in this period".
		assertThat(body(mvc.get().uri("/staff/insights?range=CUSTOM&from=2016-03-07&to=2016-03-20").with(admin)))
			.contains("No patient&#39;s answer by email was replied to in this period.")
			.doesNotContain("over 1 answer replied to", "Median 0.0 hours");
	}

	@Test
	void aFrontDeskAccountCannotOpenInsightsByAnyAddress() {
		for (String path : List.of("/staff/insights", "/staff/insights/", "/staff/insights?" + PERIOD,
				"/staff/insights/visits.csv?" + PERIOD, "/staff/insights/articles.csv", "/staff/insights/nothing.csv",
				"/staff/insights/anything/else")) {
			assertThat(mvc.get().uri(path).with(staff)).as(path).hasStatus(403);
			assertThat(mvc.get().uri(path)).as(path + " signed out").hasStatus(302);
		}
		assertThat(body(mvc.get().uri("/staff/inquiries").with(staff))).doesNotContain("/staff/insights");
		assertThat(body(mvc.get().uri("/staff/inquiries").with(admin))).contains("href=\"/staff/insights\"");
	}

	@Test
	void everyViewAndEveryDownloadIsInTheAccessTrail() {
		mvc.get().uri("/staff/insights?" + PERIOD).with(admin).exchange();
		mvc.get().uri("/staff/insights/articles.csv?" + PERIOD).with(admin).exchange();
		mvc.get().uri("/staff/insights?range=CUSTOM&from=nonsense").with(admin).exchange();
		assertThat(jdbc.sql("select action, subject_type, detail from audit_entry where actor_email = :email and action like 'INSIGHTS%' order by id")
			.param("email", adminEmail)
			.query((rs, row) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3))
			.list()).containsExactly("INSIGHTS_VIEWED INSIGHTS 2019-02-11 to 2019-02-24",
					"INSIGHTS_EXPORTED INSIGHTS articles 2019-02-11 to 2019-02-24",
					"INSIGHTS_VIEWED INSIGHTS period not valid");
	}

	@Test
	void aStatusChangeInTheInboxMarksAnInquiryThatReachedBooked() {
		long id = inquiry("CONTACTED", "OTHER", OffsetDateTime.now().minusMinutes(5), OffsetDateTime.now(), null, null,
				null, null);
		assertThat(jdbc.sql("select reached_booked from inquiry where id = :id").param("id", id).query(Boolean.class)
			.single()).isFalse();
		assertThat(mvc.post().uri("/staff/inquiries/{id}/status", id).param("status", "BOOKED").param("version", "0")
			.with(staff).with(csrf())).hasStatus(302);
		assertThat(mvc.post().uri("/staff/inquiries/{id}/status", id).param("status", "CLOSED").param("version", "1")
			.with(staff).with(csrf())).hasStatus(302);
		assertThat(jdbc.sql("select status, reached_booked from inquiry where id = :id").param("id", id).query()
			.singleRow()).containsEntry("status", "CLOSED").containsEntry("reached_booked", true);
	}

	@Test
	void aStatusChangeInTheInboxStoresTheFirstResponseTimeInOpeningHours() {
		long id = inquiry("NEW", "OTHER", OffsetDateTime.now().minusMinutes(5), null, null, null, null, null);
		assertThat(mvc.post().uri("/staff/inquiries/{id}/status", id).param("status", "CONTACTED").param("version", "0")
			.with(staff).with(csrf())).hasStatus(302);
		Map<String, Object> row = jdbc.sql("""
				select first_responded_at, first_response_open_seconds, first_response_in_time from inquiry
				where id = :id""").param("id", id).query().singleRow();
		assertThat(row.get("first_responded_at")).isNotNull();
		// at most the five minutes it waited, fewer if the clinic was closed part of that time
		assertThat(((Number) row.get("first_response_open_seconds")).longValue()).isBetween(0L, 5 * 60L + 5);
		assertThat(row.get("first_response_in_time")).isEqualTo(Boolean.TRUE);
	}

	/**
	 * The medians and 90th percentiles are worked out in Java (issue 24's fifth pass) and must be the figures SQL's
	 * {@code percentile_cont} gives, which the page showed before: the database itself is the oracle, on H2 and on
	 * PostgreSQL, over weeks of one, two, an odd and an even number of answered inquiries, ties, and spam and
	 * unanswered ones left out; and over patients' answers waiting for a reply.
	 */
	@Test
	void theMediansAndPercentilesAreThoseTheDatabasesPercentileContGives() {
		LocalDate from = LocalDate.of(2016, 4, 4);
		LocalDate to = LocalDate.of(2016, 5, 29);
		deleteBetween("delete from inquiry_answer where replied_at >= :from and replied_at < :to",
				at(2016, 4, 1, 0, 0), at(2016, 6, 1, 0, 0));
		deleteBetween("delete from inquiry where created_at >= :from and created_at < :to",
				at(2016, 4, 1, 0, 0), at(2016, 6, 1, 0, 0));
		long seed = System.nanoTime();
		java.util.Random random = new java.util.Random(seed);
		int[] answeredPerWeek = { 1, 2, 3, 0, 10, 37, 5, 4 };
		long someInquiry = 0;
		for (int week = 0; week < answeredPerWeek.length; week++) {
			for (int i = 0; i < answeredPerWeek[week] + 2; i++) {
				OffsetDateTime arrived = at(2016, 4, 4, 9, 0).plusWeeks(week).plusDays(random.nextInt(7));
				// two more a week: one spam with a time (left out) and one not answered
				String status = i == answeredPerWeek[week] ? "SPAM" : "CONTACTED";
				long id = inquiry(status, "BACK_PAIN", arrived, arrived.plusHours(1), null, null, null, null);
				// a third of the times from five values, so weeks have ties
				long seconds = random.nextInt(3) == 0 ? 600L * random.nextInt(5) : random.nextInt(200_000);
				jdbc.sql("update inquiry set first_response_open_seconds = :seconds, first_response_in_time = false"
						+ (i == answeredPerWeek[week] + 1 ? ", first_responded_at = null" : "") + " where id = :id")
					.param("seconds", i == answeredPerWeek[week] + 1 ? null : seconds)
					.param("id", id)
					.update();
				someInquiry = id;
			}
		}
		for (int i = 0; i < 9; i++) {
			jdbc.sql("""
					insert into inquiry_answer (inquiry_id, message_key, received_at, from_name, from_address, subject,
					  new_text, folded_text, original_text, attachments, replied_at, reply_open_seconds)
					values (:id, :key, :at, 'Zoë Answered', 'zoe@example.com', 'Re: your inquiry', 'Better, thanks.',
					  '', 'Better, thanks.', 0, :at, :seconds)""")
				.param("id", someInquiry)
				.param("key", UUID.randomUUID().toString())
				.param("at", at(2016, 4, 5, 12, 0).plusDays(i * 5))
				.param("seconds", (long) random.nextInt(90_000))
				.update();
		}

		String answered = "arrival_day >= :from and arrival_day <= :to and status <> 'SPAM'"
				+ " and first_response_open_seconds is not null";
		Map<LocalDate, double[]> database = new java.util.HashMap<>();
		jdbc.sql("""
				select arrival_week, percentile_cont(0.5) within group (order by first_response_open_seconds),
				       percentile_cont(0.9) within group (order by first_response_open_seconds)
				from inquiry where %s group by arrival_week""".formatted(answered))
			.param("from", from)
			.param("to", to)
			.query(rs -> {
				database.put(rs.getObject(1, LocalDate.class), new double[] { rs.getDouble(2), rs.getDouble(3) });
			});
		double periodMedian = jdbc.sql("select percentile_cont(0.5) within group (order by first_response_open_seconds)"
				+ " from inquiry where " + answered)
			.param("from", from)
			.param("to", to)
			.query(Double.class)
			.single();
		double replyMedian = jdbc.sql("""
				select percentile_cont(0.5) within group (order by reply_open_seconds) from inquiry_answer
				where replied_at >= :from and replied_at < :to""")
			.param("from", at(2016, 4, 4, 0, 0))
			.param("to", at(2016, 5, 30, 0, 0))
			.query(Double.class)
			.single();

		org.assertj.core.data.Offset<Double> rounding = org.assertj.core.data.Offset.offset(1e-6);
		WeeksAndTotals figured = figures.perWeekAndTotals(from, to);
		assertThat(figured.weeks()).as("seed %d", seed).hasSize(8);
		assertThat(database).as("seed %d", seed).hasSize(7);
		for (WeeklyInquiries week : figured.weeks()) {
			double[] expected = database.get(week.weekStarting());
			if (expected == null) {
				assertThat(week.medianResponseSeconds()).as("week of %s, none answered", week.weekStarting()).isNull();
				assertThat(week.p90ResponseSeconds()).isNull();
				continue;
			}
			assertThat(week.medianResponseSeconds()).as("median, week of %s, seed %d", week.weekStarting(), seed)
				.isCloseTo(expected[0], rounding);
			assertThat(week.p90ResponseSeconds()).as("90th percentile, week of %s, seed %d", week.weekStarting(), seed)
				.isCloseTo(expected[1], rounding);
		}
		assertThat(figured.totals().medianResponseSeconds()).as("seed %d", seed).isCloseTo(periodMedian, rounding);
		assertThat(figures.totals(from, to).medianResponseSeconds()).isCloseTo(periodMedian, rounding);
		assertThat(figures.perWeek(from, to)).isEqualTo(figured.weeks());
		InquiryFigures.AnswerReplyTimes replies = figures.answerToReply(from, to);
		assertThat(replies.replied()).isEqualTo(9);
		assertThat(replies.medianSeconds()).as("seed %d", seed).isCloseTo(replyMedian, rounding);
	}

	/** The one place this class signs in, so a change in how tests sign in touches one method. */
	@Test
	void thePageOpensWithTheHeadlineNumbersEachAgainstThePeriodBeforeWithDatesPeopleRead() {
		// the two weeks before the period: 100 visits and one inquiry, booked, answered in one hour
		visitSite(LocalDate.of(2019, 2, 5), 150, 100);
		inquiry("BOOKED", "BACK_PAIN", at(2019, 2, 6, 10, 0), at(2019, 2, 6, 11, 0), "home", null, null, null);

		String page = body(mvc.get().uri("/staff/insights?" + PERIOD).with(admin));

		assertThat(page.indexOf("headline-numbers")).as("before the first chart").isPositive()
			.isLessThan(page.indexOf("insights-figure"));
		assertThat(page).contains(
				"February 11, 2019 to February 24, 2019, compared with January 28, 2019 to February 10, 2019.",
				"From February 11, 2019 to February 24, 2019, both days included");
		assertThat(headline(page, "visits")).contains(">Visits<", ">210<", "up 110% from 100");
		assertThat(headline(page, "inquiries")).as("spam left out").contains(">5<", "up 400% from 1");
		assertThat(headline(page, "per-100-visits")).as("5 per 210 visits").contains(">2.4<", "up 1.4 points from 1.0");
		assertThat(headline(page, "booked")).as("booked, and closed after booking, of 5")
			.contains(">40.0%<", "down 60.0 points from 100.0%");
		assertThat(headline(page, "response")).as("median of 0.5, 2, 2 and 12 hours of opening time")
			.contains(">2.0 h<", "up 1.0 h from 1.0 h");
	}

	@Test
	void aPeriodWithNothingBeforeItSaysSoInsteadOfAChange() {
		String page = body(mvc.get().uri("/staff/insights?range=CUSTOM&from=1990-01-01&to=1990-01-07").with(admin));

		assertThat(headline(page, "visits")).contains(">0<", "the same as the period before (0)");
		assertThat(headline(page, "per-100-visits")).contains(">–<", "no figure for the period before");
		assertThat(headline(page, "response")).contains(">–<", "no figure for the period before");
	}

	private static String headline(String page, String id) {
		int start = page.indexOf("id=\"headline-" + id + "\"");
		assertThat(start).as(id).isPositive();
		return page.substring(start, page.indexOf("</div>", start));
	}

	@Test
	void aRenamedArticleIsOneRowUnderItsTitleNowWithTheFiguresOfEveryAddressItHad() {
		String slug = "renamed-" + UUID.randomUUID().toString().substring(0, 8);
		Instant published = at(2019, 1, 7, 9, 0).toInstant();
		Article article = articles.save(TestArticles.published(slug + "-now", "Notes that changed address", published,
				"A summary.", "Neutral text for a test.\n"));
		try {
			redirects.save(new ArticleSlugRedirect(slug, article.id(), published));
			redirects.save(new ArticleSlugRedirect(slug + "-second", article.id(), published));
			visitPage(LocalDate.of(2019, 2, 12), "/articles/" + slug, 30, 10);
			visitPage(LocalDate.of(2019, 2, 13), "/articles/" + slug + "-second", 20, 10);
			visitPage(LocalDate.of(2019, 2, 19), "/articles/" + slug + "-now", 50, 20);
			// from its first address, and from its call to action under its second slug
			inquiry("NEW", "BACK_PAIN", at(2019, 2, 12, 11, 0), null, "/articles/" + slug, null, null, null);
			inquiry("NEW", "BACK_PAIN", at(2019, 2, 20, 11, 0), null, slug + "-second", null, null, null);

			String csv = csv("articles");
			assertThat(csv).contains("Notes that changed address,100,40,2,5.0,/articles/" + slug + " /articles/"
					+ slug + "-second\r\n");
			assertThat(csv).as("no row under a former address").doesNotContain("\n/articles/" + slug);
			assertThat(csv("pages")).as("the inquiries' source pages are named by the article's title now")
				.contains("Notes that changed address,1,0,0.0\r\n").doesNotContain("\n/articles/" + slug + ",");
		}
		finally {
			articles.delete(articles.findById(article.id()).orElseThrow());
		}
	}

	private void signIn() {
		adminEmail = StaffTestAccounts.create(accounts, "Olive Owner", StaffRole.ADMIN);
		admin = StaffTestAccounts.signedIn(adminEmail, "ADMIN", "STAFF");
		staff = StaffTestAccounts.signedIn(StaffTestAccounts.create(accounts, "Frank Front-Desk", StaffRole.STAFF), "STAFF");
	}

	private void closeOnStatutoryHolidays() {
		factsBefore = clinic.facts();
		Map<DayOfWeek, DayHours> week = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY)) {
			week.put(day, new DayHours(LocalTime.of(8, 0), LocalTime.of(19, 0)));
		}
		week.put(DayOfWeek.FRIDAY, new DayHours(LocalTime.of(8, 0), LocalTime.of(17, 0)));
		Facts f = factsBefore;
		clinic.save(new Facts(f.name(), f.baseUrl(), f.phone(), f.email(), f.address(), f.geo(), week, true,
				f.bookingUrl(), f.acceptingNewClients()), clinic.version(), "insights test");
	}

	private long inquiry(String status, String service, OffsetDateTime createdAt, OffsetDateTime respondedAt,
			String sourcePage, String referrer, String utmCampaign, String spamReason) {
		KeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into inquiry (reference, service, asking_about, consent_given_at, consent_version, source_page,
				  referrer, utm_campaign, status, spam_reason, created_at, listed_at, first_responded_at, arrival_day,
				  arrival_week)
				values (:reference, :service, 'COST', :createdAt, 'test', :sourcePage, :referrer, :utmCampaign,
				  :status, :spamReason, :createdAt, :createdAt, :respondedAt, :arrivalDay, :arrivalWeek)""")
			// as the entity stores them: the day it arrived in the clinic's time zone, and that week's Monday
			.param("arrivalDay", createdAt.atZoneSameInstant(TORONTO).toLocalDate())
			.param("arrivalWeek", createdAt.atZoneSameInstant(TORONTO).toLocalDate()
				.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)))
			.param("reference", "IN-" + UUID.randomUUID().toString().substring(0, 10))
			.param("service", service)
			.param("createdAt", createdAt)
			.param("sourcePage", sourcePage)
			.param("referrer", referrer)
			.param("utmCampaign", utmCampaign)
			.param("status", status)
			.param("spamReason", spamReason)
			.param("respondedAt", respondedAt)
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	/** Runs a delete whose statement names the period as {@code :from} (included) and {@code :to} (excluded). */
	private void deleteBetween(String statement, OffsetDateTime from, OffsetDateTime to) {
		jdbc.sql(statement).param("from", from).param("to", to).update();
	}

	private void visitPage(LocalDate day, String path, long views, long visitors) {
		jdbc.sql("insert into visit_page_day (visit_day, path, views, visitors) values (:day, :path, :views, :visitors)")
			.param("day", day)
			.param("path", path)
			.param("views", views)
			.param("visitors", visitors)
			.update();
	}

	private void visitSite(LocalDate day, long views, long visitors) {
		jdbc.sql("insert into visit_site_day (visit_day, views, visitors) values (:day, :views, :visitors)")
			.param("day", day)
			.param("views", views)
			.param("visitors", visitors)
			.update();
	}

	private static OffsetDateTime at(int year, int month, int day, int hour, int minute) {
		return LocalDateTime.of(year, month, day, hour, minute).atZone(TORONTO).toOffsetDateTime();
	}

	private String csv(String figure) {
		MvcTestResult result = mvc.get().uri("/staff/insights/" + figure + ".csv?" + PERIOD).with(admin).exchange();
		assertThat(result).hasStatusOk().hasContentType("text/csv;charset=UTF-8");
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	private static String body(MockMvcTester.MockMvcRequestBuilder request) {
		MvcTestResult result = request.exchange();
		assertThat(result).hasStatusOk();
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

}

package ca.gagephysio.inquiry.form;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.SettableClock;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.shared.PublicContentChanged;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An inquiry keeps the next new-client opening the form showed when it was sent, whatever the front desk sets
 * afterwards (the inquiry-field checklist: stored, on the inquiry page, in the CSV and the right of access).
 */
@ClinicIntegrationTest
class InquiryKeepsTheOpeningShownTests {

	private static final ZoneId CLINIC = ZoneId.of("America/Toronto");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	FormTokens tokens;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	SettableClock clock;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void forget() {
		jdbc.sql("delete from new_client_opening").update();
		context.publishEvent(PublicContentChanged.everyPage("test"));
		clock.reset();
	}

	@Test
	void theInquiryKeepsTheOpeningTheFormShowedAfterTheFrontDeskChangesIt() {
		clock.set(LocalDate.of(2026, 12, 7).atTime(10, 0).atZone(CLINIC).toInstant());
		jdbc.sql("""
				insert into new_client_opening (scope, opening_date, part_of_day, saved_at, saved_by)
				values ('*', ?, 'MORNING', current_timestamp, 'Test')""").param(LocalDate.of(2026, 12, 8)).update();
		context.publishEvent(PublicContentChanged.everyPage("test"));
		String shown = "Next opening for new clients: Tuesday, December 8, 2026, morning";
		assertThat(body(mvc.get().uri("/inquiry").exchange())).contains(shown);

		var post = mvc.post().uri("/inquiry").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.with(request -> {
				request.setRemoteAddr("10.23.0.1");
				return request;
			})
			.param("token", tokens.issue(clock.instant().minusSeconds(10)))
			.param("name", "Olga Opening")
			.param("email", "olga-" + System.nanoTime() + "@example.com")
			.param("service", "PHYSIOTHERAPY")
			.param("askingAbout", "AVAILABILITY")
			.param("consent", "true");
		MvcTestResult posted = post.exchange();
		assertThat(posted).hasStatus(303);
		Inquiry inquiry = inquiries
			.findByReference(posted.getResponse().getRedirectedUrl().substring("/inquiry/sent/".length()))
			.orElseThrow();
		jdbc.sql("update new_client_opening set opening_date = ?").param(LocalDate.of(2026, 12, 9)).update();

		Inquiry stored = inquiries.findById(inquiry.getId()).orElseThrow();
		assertThat(stored.getOpeningShown()).isEqualTo(shown);
		assertThat(stored.getOpeningShownOn()).isEqualTo(LocalDate.of(2026, 12, 8));
		assertThat(stored.isWaitingList()).isFalse();

		RequestPostProcessor desk = StaffTestAccounts
			.signedIn(StaffTestAccounts.create(accounts, "Dee Desk", StaffRole.STAFF), "STAFF");
		assertThat(body(mvc.get().uri("/staff/inquiries/" + inquiry.getId()).with(desk).exchange()))
			.contains("Next opening shown on the form", shown);
		assertThat(body(mvc.get().uri("/staff/inquiries/export.csv?q=" + inquiry.getReference()).with(desk).exchange()))
			.contains("waiting_list,opening_shown,opening_shown_on", ",No,\"" + shown + "\",2026-12-08");
	}

	private static String body(MvcTestResult result) {
		assertThat(result).hasStatusOk();
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

}

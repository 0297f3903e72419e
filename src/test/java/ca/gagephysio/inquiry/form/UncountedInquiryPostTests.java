package ca.gagephysio.inquiry.form;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.UnavailableTable;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.inquiry.internal.InquiryStatus;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The form's flood limit failing to count a post (its table out of reach, as in a database error) neither lets the
 * post through as if counted nor loses it: the inquiry is stored, held for review and marked in the inbox, the
 * front desk is alerted, the typed address gets no acknowledgement, and the person sees the usual confirmation
 * because it really was stored.
 */
@ClinicIntegrationTest
class UncountedInquiryPostTests {

	private static final Pattern SENT = Pattern.compile("/inquiry/sent/([2-9A-Z]{4}-[2-9A-Z]{4})");

	private static final AtomicInteger CLIENTS = new AtomicInteger();

	@Autowired
	MockMvc mvc;

	@Autowired
	FormTokens tokens;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aPostTheFloodLimitCannotCountIsStoredHeldForReviewAndConfirmed() throws Exception {
		String email = "uncounted-" + UUID.randomUUID() + "@example.com";

		MvcResult result;
		try (UnavailableTable gone = UnavailableTable.of(jdbc, "inquiry_post_bucket")) {
			result = mvc.perform(postOf(email)).andExpect(status().isSeeOther()).andReturn();
		}

		Inquiry inquiry = inquiryAt(result);
		assertThat(inquiry.getEmail()).isEqualTo(email);
		assertThat(inquiry.getStatus()).as("in the inbox, not set aside").isEqualTo(InquiryStatus.NEW);
		assertThat(inquiry.getReviewReason()).isEqualTo(Inquiry.FLOOD_LIMIT_UNCOUNTED);
		assertThat(notifications(inquiry, "STAFF_ALERT")).as("the front desk's alert").isPositive();
		assertThat(notifications(inquiry, "ACKNOWLEDGEMENT")).as("an email to the typed address").isZero();
		assertThat(mvc.perform(get(result.getResponse().getRedirectedUrl())).andReturn().getResponse()
			.getContentAsString()).contains(inquiry.getReference());

		RequestPostProcessor staff = StaffTestAccounts
			.signedIn(StaffTestAccounts.create(accounts, "Review Desk", StaffRole.STAFF), "STAFF");
		assertThat(mvc.perform(get("/staff/inquiries").param("q", inquiry.getReference()).with(staff))
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("Check it is genuine: arrived while the flood limit was down");
		assertThat(mvc.perform(get("/staff/inquiries/" + inquiry.getId()).with(staff))
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("Arrived while the form&#39;s flood limit could not count posts");
	}

	@Test
	void aPostTheFloodLimitCountedIsNotHeldForReview() throws Exception {
		MvcResult result = mvc.perform(postOf("counted-" + UUID.randomUUID() + "@example.com"))
			.andExpect(status().isSeeOther())
			.andReturn();

		Inquiry inquiry = inquiryAt(result);
		assertThat(inquiry.getReviewReason()).isNull();
		assertThat(notifications(inquiry, "ACKNOWLEDGEMENT")).isOne();
	}

	private MockHttpServletRequestBuilder postOf(String email) {
		String client = "10.19.0." + (CLIENTS.incrementAndGet() % 250 + 1);
		return post("/inquiry").with(request -> {
			request.setRemoteAddr(client);
			return request;
		})
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.param("token", tokens.issue(Instant.now().minusSeconds(10)))
			.param("name", "Robin Held")
			.param("email", email)
			.param("service", "MASSAGE_THERAPY")
			.param("askingAbout", "COST")
			.param("consent", "true");
	}

	private Inquiry inquiryAt(MvcResult result) {
		Matcher sent = SENT.matcher(result.getResponse().getRedirectedUrl());
		assertThat(sent.matches()).as(result.getResponse().getRedirectedUrl()).isTrue();
		return inquiries.findByReference(sent.group(1)).orElseThrow();
	}

	private long notifications(Inquiry inquiry, String kind) {
		return jdbc.sql("select count(*) from notification where inquiry_id = ? and kind = ?")
			.params(inquiry.getId(), kind)
			.query(Long.class)
			.single();
	}

}

package ca.gagephysio.notification;

import java.time.Duration;
import java.time.Instant;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.InquiryReplyWritten;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The inquiry's timeline is in the order things happened: a reply written (queued) before the inquiry was marked
 * booked and sent after it shows both moments, around the booking.
 */
@ClinicIntegrationTest
class ReplyTimelineOrderTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	NotificationRepository notifications;

	@Autowired
	InquiryRepository inquiryRepository;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void aReplyQueuedBeforeABookingAndSentAfterItShowsBothMomentsAroundIt() throws Exception {
		String staff = StaffTestAccounts.create(accounts, "Timeline Keeper", StaffRole.STAFF);
		Inquiry inquiry = new SubmittedInquiries(inquiryRepository, events, transactionManager)
			.storeWithoutEvent("Tess Timeline", InquiryEmailTests.uniqueAddress("timeline"), "Hello");
		Instant now = Instant.now();
		// written while the mail server was down, ten minutes ago; it went out only after the booking below
		Notification reply = Notification.reply(new InquiryReplyWritten(inquiry.getId(), inquiry.getReference(),
				inquiry.getService().key(), inquiry.getCreatedAt(), inquiry.getEmail(), "Your first visit",
				"We can see you on Tuesday.", "Timeline Keeper", java.util.UUID.randomUUID().toString()),
				now.minus(Duration.ofMinutes(10)));
		reply.sent(now.plus(Duration.ofMinutes(5)));
		notifications.save(reply);

		mvc.perform(post("/staff/inquiries/{id}/status", inquiry.getId()).with(csrf())
			.with(StaffTestAccounts.signedIn(staff, "STAFF"))
			.param("status", "BOOKED")
			.param("version", String.valueOf(inquiry.getVersion()))).andExpect(status().is3xxRedirection());

		String page = mvc.perform(get("/staff/inquiries/{id}", inquiry.getId())
			.with(StaffTestAccounts.signedIn(staff, "STAFF"))).andReturn().getResponse().getContentAsString();
		int written = page.indexOf("Reply “Your first visit” written and put in the outbox");
		int booked = page.indexOf("to Booked");
		int sent = page.indexOf("Reply emailed to the person: “Your first visit”");
		assertThat(written).isPositive();
		assertThat(booked).isGreaterThan(written);
		assertThat(sent).isGreaterThan(booked);
		// the text is quoted once, under the moment it was written
		assertThat(page.split("We can see you on Tuesday.", -1)).hasSize(2);
	}

}

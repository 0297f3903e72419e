package ca.gagephysio.inquiry.inbox;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.inquiry.internal.InquiryStatus;
import ca.gagephysio.staff.AccessTrail;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * An inquiry's reply page and call form through the real path: which templates are offered first, the preview, every
 * check a reply gets (with the text kept and nothing queued), and call outcomes on the timeline. Delivery itself is
 * proven in {@code notification.InquiryReplyEmailTests}.
 */
@ClinicIntegrationTest
class ReplyPageTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	AccessTrail trail;

	@Autowired
	JdbcClient jdbc;

	RequestPostProcessor staff;

	RequestPostProcessor admin;

	String staffEmail;

	@BeforeEach
	void signIn() {
		staffEmail = StaffTestAccounts.forTheClass(getClass(), accounts, "Dana Front-Desk", StaffRole.STAFF);
		staff = StaffTestAccounts.signedIn(staffEmail, "STAFF");
		admin = StaffTestAccounts.signedIn(
				StaffTestAccounts.forTheClass(getClass(), accounts, "Avery Owner", StaffRole.ADMIN), "ADMIN", "STAFF");
	}

	@Test
	void theReplyPageOffersTheTemplatesMarkedForTheInquiryFirstThenTheRest() {
		// TestInquiries asks about foot care, cost and availability (BOTH).
		String run = Long.toString(System.nanoTime());
		saveTemplate("A other service " + run, "BACK_PAIN", "");
		saveTemplate("B any " + run, "", "");
		saveTemplate("C foot care " + run, "FOOT_CARE", "");
		saveTemplate("D foot care, both " + run, "FOOT_CARE", "BOTH");
		saveTemplate("E cost only " + run, "", "COST");
		Inquiry inquiry = inquiries.save(TestInquiries.from("Pat Example"));

		String page = body(mvc.get().uri("/staff/inquiries/{id}/reply", inquiry.getId()).with(staff));

		String suggested = page.substring(page.indexOf("Suggested for this inquiry"), page.indexOf("Other templates"));
		String others = page.substring(page.indexOf("Other templates"));
		assertThat(suggested).contains("D foot care, both " + run, "C foot care " + run, "B any " + run)
			.doesNotContain("A other service " + run, "E cost only " + run);
		assertThat(suggested.indexOf("D foot care, both " + run)).isLessThan(suggested.indexOf("C foot care " + run));
		assertThat(suggested.indexOf("C foot care " + run)).isLessThan(suggested.indexOf("B any " + run));
		assertThat(others).contains("A other service " + run, "E cost only " + run);
		assertThat(page).contains("The first name is taken as “Pat”", "My heel hurts",
				"For you to read only: a reply never includes it.");
		assertThat(textarea(page)).isEmpty();
		assertThat(trail.entriesAbout("INQUIRY", List.of(inquiry.getId()))).extracting(AccessTrail.Entry::action)
			.contains("INQUIRY_VIEWED");
	}

	@Test
	void switchingTemplateAfterEditingAsksFirstAndKeepsTheEditsUntilTheAnswer() {
		String run = Long.toString(System.nanoTime());
		saveTemplate("First " + run, "", "");
		saveTemplate("Second " + run, "", "");
		long first = templateId("First " + run);
		long second = templateId("Second " + run);
		Inquiry inquiry = inquiries.save(TestInquiries.from("Sam Switcher"));

		// untouched: the other template's words at once
		String untouched = body(switchTo(inquiry, first, "Subject of First " + run, "Hello Sam,", second, null));
		assertThat(untouched).contains("value=\"Subject of Second " + run + "\"").doesNotContain("replaces what you wrote");

		// edited: asked first, the edits still in the fields
		String asked = body(switchTo(inquiry, first, "Subject of First " + run, "Hello Sam,\nSee you Tuesday.", second,
				null));
		assertThat(asked).contains("You changed the subject or the text. Using “Second " + run
				+ "” replaces what you wrote.", "Keep my text");
		assertThat(textarea(asked)).isEqualTo("Hello Sam,\nSee you Tuesday.");

		String kept = body(switchTo(inquiry, first, "Subject of First " + run, "Hello Sam,\nSee you Tuesday.", second,
				"no"));
		assertThat(textarea(kept)).isEqualTo("Hello Sam,\nSee you Tuesday.");
		assertThat(kept).doesNotContain("replaces what you wrote");

		String replaced = body(switchTo(inquiry, first, "Subject of First " + run, "Hello Sam,\nSee you Tuesday.",
				second, "yes"));
		assertThat(replaced).contains("value=\"Subject of Second " + run + "\"");
		assertThat(textarea(replaced)).isEqualTo("Hello Sam,");
		assertThat(queuedFor(inquiry)).isZero();
	}

	@Test
	void thePlaceholdersAreAVisibleListAndTheActionsOneColumn() {
		Inquiry inquiry = inquiries.save(TestInquiries.from("Lee Lister"));
		String page = body(mvc.get().uri("/staff/inquiries/{id}/reply", inquiry.getId()).with(staff));
		assertThat(page).doesNotContain("<details class=\"placeholder-help\"")
			.contains("<ul class=\"placeholder-list\"", "<code>{firstName}</code>", "<code>{clinicPhone}</code>")
			.contains("class=\"reply-actions\"");
	}

	private MvcTestResult switchTo(Inquiry inquiry, long current, String subject, String text, long chosen,
			String replace) {
		MockMvcRequestBuilder post = mvc.post().uri("/staff/inquiries/{id}/reply/template", inquiry.getId())
			.with(staff)
			.with(csrf())
			.param("subject", subject)
			.param("body", text)
			.param("template", String.valueOf(current))
			.param("chosen", String.valueOf(chosen))
			.param("requestKey", UUID.randomUUID().toString());
		if (replace != null) {
			post = post.param("replace", replace);
		}
		return post.exchange();
	}

	private long templateId(String name) {
		return jdbc.sql("select id from reply_template where name = ?").param(name).query(Long.class).single();
	}

	@Test
	void theReferenceIsOneWordThatNeverBreaksAtItsHyphenOnAPhone() {
		// At 390 px the reply page's heading broke "Reply to inquiry TDY3-" / "2MSH" (tried in Chromium).
		Inquiry inquiry = inquiries.save(TestInquiries.from("Lee Lister"));
		String reference = inquiry.getReference();
		String unbroken = "<span class=\"reference\">" + reference + "</span>";
		assertThat(body(mvc.get().uri("/staff/inquiries/{id}/reply", inquiry.getId()).with(staff)))
			.contains("<h1>Reply to inquiry " + unbroken + "</h1>");
		assertThat(body(mvc.get().uri("/staff/inquiries/{id}", inquiry.getId()).with(staff)))
			.contains("Reference " + unbroken);
		assertThat(body(mvc.get().uri("/staff/inquiries?q={reference}", reference).with(staff)))
			.contains("<td class=\"reference\">" + reference + "</td>");
		assertThat(body(mvc.get().uri("/css/staff.css"))).contains(".reference { white-space: nowrap; }");
	}

	@Test
	void thePreviewShowsExactlyWhatWillBeSentAndSendsNothing() {
		Inquiry inquiry = inquiries.save(TestInquiries.from("Mary Anne Example"));

		String page = body(reply("/preview", inquiry, "Your inquiry {reference}", "Hello {firstName},\nCall {clinicPhone}."));

		assertThat(page).contains("This is exactly what will be sent", "Your inquiry " + inquiry.getReference(),
				"Hello Mary,\nCall 905-555-0100.", inquiry.getEmail());
		// What was typed stays in the boxes, placeholders and all, to be edited further.
		assertThat(page).contains("value=\"Your inquiry {reference}\"");
		assertThat(textarea(page)).isEqualTo("Hello {firstName},\nCall {clinicPhone}.");
		assertThat(queuedFor(inquiry)).isZero();
		assertThat(inquiries.findById(inquiry.getId()).orElseThrow().getStatus()).isEqualTo(InquiryStatus.NEW);
	}

	@Test
	void anUnknownPlaceholderOrAnEmptySubjectOrBodyComesBackWithMessagesAndTheTextKept() {
		Inquiry inquiry = inquiries.save(TestInquiries.from("Val Idation"));

		String unknown = body(reply("", inquiry, "About {reference}", "Hello {name}, it costs {price}."));
		assertThat(unknown).contains("There is a problem", "Not a placeholder: {name}, {price}.",
				"value=\"About {reference}\"", "Hello {name}, it costs {price}.", "href=\"#body\"")
			.contains("<title>Error: reply to " + inquiry.getReference());

		String empty = body(reply("", inquiry, "   ", ""));
		assertThat(empty).contains("Write a subject.", "Write the text of the reply.");

		String preview = body(reply("/preview", inquiry, "", "Kept text"));
		assertThat(preview).contains("Write a subject.", "Kept text").doesNotContain("This is exactly what will be sent");

		assertThat(queuedFor(inquiry)).isZero();
		Inquiry after = inquiries.findById(inquiry.getId()).orElseThrow();
		assertThat(after.getStatus()).isEqualTo(InquiryStatus.NEW);
		assertThat(after.getFirstRespondedAt()).isNull();
	}

	@Test
	void aBookingLinkPlaceholderWhileTheClinicHasNoneIsRefusedWithTheTextKept() {
		Inquiry inquiry = inquiries.save(TestInquiries.from("Bo Oking"));

		String page = body(reply("", inquiry, "Book online", "Book at {bookingLink} any time."));

		assertThat(page).contains("Nothing to fill in for {bookingLink}", "Book at {bookingLink} any time.");
		assertThat(queuedFor(inquiry)).isZero();
	}

	@Test
	void aReplyThatRepeatsThePersonsMessageIsRefused() {
		Inquiry inquiry = inquiries.save(TestInquiries.from("Quinn Quote"));
		// TestInquiries' message is "My heel hurts\nin the morning".

		String page = body(reply("", inquiry, "Your heel", "You wrote: \"my heel hurts, in the morning\". We can help."));

		assertThat(page).contains("The text repeats the person", "own message");
		assertThat(queuedFor(inquiry)).isZero();
		assertThat(body(reply("", inquiry, "Your heel", "Sorry to hear about your heel. We can help.")))
			.isEmpty();
		assertThat(queuedFor(inquiry)).isOne();
	}

	@Test
	void anInquiryWithoutAnEmailAddressCannotBeRepliedToAndWhatWasTypedIsKept() {
		Inquiry inquiry = inquiries.save(TestInquiries.from("Phone Only", null, "905-555-0142", Instant.now()));

		String page = body(mvc.get().uri("/staff/inquiries/{id}/reply", inquiry.getId()).with(staff));
		assertThat(page).contains("This person gave no email address").doesNotContain("name=\"subject\"");
		String detail = body(mvc.get().uri("/staff/inquiries/{id}", inquiry.getId()).with(staff));
		assertThat(detail).contains("No email address was given: call instead")
			.doesNotContain("/staff/inquiries/" + inquiry.getId() + "/reply\"");

		String posted = body(reply("", inquiry, "Hello", "Typed before the address was gone"));
		assertThat(posted).contains("This person gave no email address", "Typed before the address was gone");
		assertThat(queuedFor(inquiry)).isZero();
		assertThat(inquiries.findById(inquiry.getId()).orElseThrow().getStatus()).isEqualTo(InquiryStatus.NEW);
	}

	@Test
	void anInquiryMarkedAsSpamCannotBeRepliedTo() {
		Inquiry spam = TestInquiries.from("Buy Now");
		spam.markSpam("honeypot");
		Inquiry inquiry = inquiries.save(spam);

		assertThat(body(reply("", inquiry, "Hello", "Hello"))).contains("This inquiry is marked as spam");
		assertThat(queuedFor(inquiry)).isZero();
	}

	@Test
	void aReplyPostedWithoutACsrfTokenIsRefusedAndQueuesNothing() {
		Inquiry inquiry = inquiries.save(TestInquiries.from("Forge Ry"));

		assertThat(mvc.post().uri("/staff/inquiries/{id}/reply", inquiry.getId()).with(staff)
			.param("subject", "Hello")
			.param("body", "Hello")
			.param("requestKey", UUID.randomUUID().toString())).hasStatus(403);
		assertThat(mvc.post().uri("/staff/inquiries/{id}/call", inquiry.getId()).with(staff)
			.param("outcome", "REACHED")).hasStatus(403);
		assertThat(mvc.post().uri("/staff/inquiries/{id}/reply", inquiry.getId())
			.with(csrf())
			.param("subject", "Hello")
			.param("body", "Hello")
			.param("requestKey", UUID.randomUUID().toString())).hasStatus(302);

		assertThat(queuedFor(inquiry)).isZero();
		assertThat(inquiries.findById(inquiry.getId()).orElseThrow().getStatus()).isEqualTo(InquiryStatus.NEW);
	}

	@Test
	void aFrontDeskAccountUsesTemplatesButAnUnknownOneSaysSo() {
		Inquiry inquiry = inquiries.save(TestInquiries.from("Gone Template"));

		String page = body(mvc.get().uri("/staff/inquiries/{id}/reply?template=999999999", inquiry.getId()).with(staff));

		assertThat(page).contains("That template no longer exists");
		assertThat(textarea(page)).isEmpty();
	}

	@Test
	void aCallThatReachedThePersonIsAFirstResponseAndMovesANewInquiryToContacted() {
		Inquiry inquiry = inquiries.save(TestInquiries.from("Cal Reached", null, "905-555-0142", Instant.now()));

		assertThat(call(inquiry, "REACHED", "Booked a first visit for Tuesday")).hasStatus(302)
			.hasRedirectedUrl("/staff/inquiries/" + inquiry.getId())
			.flash()
			.containsEntry("flash", "inbox.call.recorded");

		Inquiry after = inquiries.findById(inquiry.getId()).orElseThrow();
		assertThat(after.getStatus()).isEqualTo(InquiryStatus.CONTACTED);
		assertThat(after.getFirstRespondedAt()).isNotNull();
		assertThat(body(mvc.get().uri("/staff/inquiries/{id}", inquiry.getId()).with(staff))).contains(
				"Called and reached them", "Booked a first visit for Tuesday", "Dana Front-Desk",
				"Status changed from New to Contacted");
		assertThat(trail.entriesAbout("INQUIRY", List.of(inquiry.getId())))
			.extracting(entry -> entry.action() + " " + entry.detail() + " by " + entry.actorEmail())
			.contains("INQUIRY_CALL_RECORDED REACHED by " + staffEmail);
	}

	@Test
	void leavingAMessageCountsAsAResponseButNoAnswerOrAWrongNumberDoesNot() {
		Inquiry unanswered = inquiries.save(TestInquiries.from("Nora Answer", null, "905-555-0142", Instant.now()));

		call(unanswered, "NO_ANSWER", "");
		call(unanswered, "WRONG_NUMBER", "Reached a bakery");

		Inquiry stillNew = inquiries.findById(unanswered.getId()).orElseThrow();
		assertThat(stillNew.getStatus()).isEqualTo(InquiryStatus.NEW);
		assertThat(stillNew.getFirstRespondedAt()).isNull();
		assertThat(body(mvc.get().uri("/staff/inquiries/{id}", unanswered.getId()).with(staff)))
			.contains("Called: no answer", "Called: wrong number", "Reached a bakery");

		call(unanswered, "LEFT_MESSAGE", "");
		Inquiry messaged = inquiries.findById(unanswered.getId()).orElseThrow();
		assertThat(messaged.getStatus()).isEqualTo(InquiryStatus.CONTACTED);
		assertThat(messaged.getFirstRespondedAt()).isNotNull();
	}

	@Test
	void aCallAfterTheFirstResponseLeavesItsTimeAndTheStatusAlone() {
		Inquiry inquiry = inquiries.save(TestInquiries.from("Bea Booked", null, "905-555-0142", Instant.now()));
		call(inquiry, "REACHED", "");
		Inquiry first = inquiries.findById(inquiry.getId()).orElseThrow();
		mvc.post().uri("/staff/inquiries/{id}/status", inquiry.getId()).with(staff).with(csrf())
			.param("status", "BOOKED")
			.param("version", Long.toString(first.getVersion()))
			.exchange();

		call(inquiry, "REACHED", "Confirmed the time");

		Inquiry after = inquiries.findById(inquiry.getId()).orElseThrow();
		assertThat(after.getStatus()).isEqualTo(InquiryStatus.BOOKED);
		assertThat(after.getFirstRespondedAt()).isEqualTo(first.getFirstRespondedAt());
	}

	@Test
	void aCallWithoutAnOutcomeOrWithTooLongANoteComesBackWithTheNoteKept() {
		Inquiry inquiry = inquiries.save(TestInquiries.from("Ole Outcome", null, "905-555-0142", Instant.now()));

		assertThat(call(inquiry, null, "Rang twice")).hasStatus(302)
			.hasRedirectedUrl("/staff/inquiries/" + inquiry.getId() + "#call")
			.flash()
			.containsEntry("problem", "inbox.call.outcome.required")
			.containsEntry("draftCallNote", "Rang twice");
		assertThat(call(inquiry, "TEA_TIME", "Rang twice")).flash()
			.containsEntry("problem", "inbox.call.outcome.required");
		String tooLong = "x".repeat(InboxController.MAX_NOTE + 1);
		assertThat(call(inquiry, "REACHED", tooLong)).flash()
			.containsEntry("problem", "inbox.call.too-long")
			.containsEntry("draftCallNote", tooLong)
			.containsEntry("draftCallOutcome", CallOutcome.REACHED);

		assertThat(jdbc.sql("select count(*) from inquiry_activity where inquiry_id = ? and kind = 'CALL'")
			.param(inquiry.getId())
			.query(Long.class)
			.single()).isZero();
		assertThat(inquiries.findById(inquiry.getId()).orElseThrow().getStatus()).isEqualTo(InquiryStatus.NEW);
	}

	@Test
	void theInquiryPageOffersAReplyOrACallAsTheContactDetailsAllow() {
		Inquiry both = inquiries.save(TestInquiries.from("Both Ways"));

		String page = body(mvc.get().uri("/staff/inquiries/{id}", both.getId()).with(staff));

		assertThat(page).contains("href=\"/staff/inquiries/" + both.getId() + "/reply\"", "Reply by email",
				"Record a call", "Left a message");
	}

	@Test
	void thePrivacyPageSaysWhatAReplyCanAndCannotCarry() {
		assertThat(body(mvc.get().uri("/privacy"))).contains(
				"When we answer you by email, a staff member writes the reply. It never includes the message you sent us");
	}

	private void saveTemplate(String name, String service, String askingAbout) {
		assertThat(mvc.post().uri("/staff/templates").with(admin).with(csrf())
			.param("version", "")
			.param("name", name)
			.param("subject", "Subject of " + name)
			.param("body", "Hello {firstName},")
			.param("service", service)
			.param("askingAbout", askingAbout)).hasStatus(302);
	}

	private MvcTestResult reply(String action, Inquiry inquiry, String subject, String text) {
		return mvc.post().uri("/staff/inquiries/{id}/reply" + action, inquiry.getId()).with(staff).with(csrf())
			.param("subject", subject)
			.param("body", text)
			.param("requestKey", UUID.randomUUID().toString())
			.exchange();
	}

	private MvcTestResult call(Inquiry inquiry, String outcome, String note) {
		MockMvcRequestBuilder post = mvc.post().uri("/staff/inquiries/{id}/call", inquiry.getId()).with(staff)
			.with(csrf())
			.param("callNote", note);
		if (outcome != null) {
			post.param("outcome", outcome);
		}
		return post.exchange();
	}

	/** Replies waiting in (or gone from) the notification outbox for this inquiry. */
	private long queuedFor(Inquiry inquiry) {
		return jdbc.sql("select count(*) from notification where inquiry_id = ? and kind = 'REPLY'")
			.param(inquiry.getId())
			.query(Long.class)
			.single();
	}

	private static String textarea(String page) {
		java.util.regex.Matcher matcher = java.util.regex.Pattern
			.compile("<textarea[^>]*name=\"body\"[^>]*>(.*?)</textarea>", java.util.regex.Pattern.DOTALL)
			.matcher(page);
		assertThat(matcher.find()).as("the reply page has a text box").isTrue();
		return matcher.group(1).strip();
	}

	private static String body(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String body(MockMvcRequestBuilder request) {
		return body(request.exchange());
	}

}

package ca.gagephysio.inquiry.inbox;

import java.util.List;
import java.util.UUID;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.Race;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.inquiry.internal.InquiryStatus;
import ca.gagephysio.staff.StaffDirectory;
import ca.gagephysio.staff.StaffMember;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.signin.StaffSessions;
import ca.gagephysio.staff.account.StaffTestAccounts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Two people changing one inquiry at the same instant, and one person double-clicking a button on it, through the
 * real path with two real signed-in sessions: two threads released together, never one after the other. Nobody
 * sees a 500; a change from an older version says someone else's came first, and a form sent twice (a note, a call,
 * a reply) is carried out once, both posts ending like the first (one note, one call, one email in the outbox).
 */
@ClinicIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboxRaceTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	InquiryActivityRepository activities;

	@Autowired
	StaffDirectory directory;

	@Autowired
	JdbcClient jdbc;

	MockHttpSession first;

	MockHttpSession second;

	@BeforeAll
	void signInOnce(@Autowired StaffAccounts accounts) throws Exception {
		first = StaffSessions.signIn(mvc, StaffTestAccounts.create(accounts, "Robin Inbox", StaffRole.STAFF));
		second = StaffSessions.signIn(mvc, StaffTestAccounts.create(accounts, "Casey Inbox", StaffRole.STAFF));
	}

	@Test
	void twoStatusChangesFromOneVersionAtOnceSaveOneAndTellTheOtherThatSomeoneElseCameFirst() throws Exception {
		Inquiry inquiry = inquiries.save(TestInquiries.from("Pat Raced"));

		List<MvcResult> results = Race.run(() -> status(first, inquiry, InquiryStatus.CONTACTED),
				() -> status(second, inquiry, InquiryStatus.CLOSED));

		assertThat(results).allSatisfy(this::backOnTheInquiry);
		assertThat(results).extracting(InboxRaceTests::message)
			.containsExactlyInAnyOrder("inbox.status.changed", "inbox.stale");
		InquiryStatus winner = message(results.get(0)).equals("inbox.status.changed") ? InquiryStatus.CONTACTED
				: InquiryStatus.CLOSED;
		assertThat(inquiries.findById(inquiry.getId()).orElseThrow().getStatus()).isEqualTo(winner);
		assertThat(kinds(inquiry)).containsExactly(ActivityKind.STATUS_CHANGED);
	}

	@Test
	void aDoubleClickOnAStatusChangesItOnceAndBothClicksEndLikeTheFirst() throws Exception {
		Inquiry inquiry = inquiries.save(TestInquiries.from("Pat Doubled"));

		List<MvcResult> results = Race.run(() -> status(first, inquiry, InquiryStatus.BOOKED),
				() -> status(first, inquiry, InquiryStatus.BOOKED));

		assertThat(results).allSatisfy(this::backOnTheInquiry);
		assertThat(results).extracting(InboxRaceTests::message).containsOnly("inbox.status.changed");
		assertThat(kinds(inquiry)).containsExactly(ActivityKind.STATUS_CHANGED);
	}

	@Test
	void twoAssignmentsFromOneVersionAtOnceSaveOneAndTellTheOther() throws Exception {
		Inquiry inquiry = inquiries.save(TestInquiries.from("Pat Assigned"));
		long robin = member("Robin Inbox").id();
		long casey = member("Casey Inbox").id();

		List<MvcResult> results = Race.run(() -> assign(first, inquiry, robin), () -> assign(second, inquiry, casey));

		assertThat(results).allSatisfy(this::backOnTheInquiry);
		assertThat(results).extracting(InboxRaceTests::message)
			.containsExactlyInAnyOrder("inbox.assign.changed", "inbox.stale");
		long winner = message(results.get(0)).equals("inbox.assign.changed") ? robin : casey;
		assertThat(inquiries.findById(inquiry.getId()).orElseThrow().getAssignedTo()).isEqualTo(winner);
		assertThat(kinds(inquiry)).containsExactly(ActivityKind.ASSIGNED);
	}

	@Test
	void aNoteSentTwiceAtOnceIsAddedOnceAndTwoPeoplesNotesAreBothKept() throws Exception {
		Inquiry inquiry = inquiries.save(TestInquiries.from("Pat Noted"));
		String key = UUID.randomUUID().toString();

		List<MvcResult> doubled = Race.run(() -> note(first, inquiry, "Called back twice.", key),
				() -> note(first, inquiry, "Called back twice.", key));
		List<MvcResult> twoPeople = Race.run(
				() -> note(first, inquiry, "Robin's note.", UUID.randomUUID().toString()),
				() -> note(second, inquiry, "Casey's note.", UUID.randomUUID().toString()));

		assertThat(doubled).allSatisfy(this::backOnTheInquiry);
		assertThat(twoPeople).allSatisfy(this::backOnTheInquiry);
		assertThat(doubled).extracting(InboxRaceTests::message).containsOnly("inbox.note.added");
		assertThat(activities.findByInquiryIdOrderByAtAscIdAsc(inquiry.getId())).extracting(InquiryActivity::getNote)
			.containsExactlyInAnyOrder("Called back twice.", "Robin's note.", "Casey's note.");
	}

	@Test
	void aCallRecordedTwiceAtOnceIsRecordedOnce() throws Exception {
		Inquiry inquiry = inquiries.save(TestInquiries.from("Pat Called"));
		String key = UUID.randomUUID().toString();

		List<MvcResult> results = Race.run(() -> call(first, inquiry, key), () -> call(first, inquiry, key));

		assertThat(results).allSatisfy(this::backOnTheInquiry);
		assertThat(results).extracting(InboxRaceTests::message).containsOnly("inbox.call.recorded");
		// Reaching the person is the first response: one call, one move from new to contacted.
		assertThat(kinds(inquiry)).containsExactlyInAnyOrder(ActivityKind.CALL, ActivityKind.STATUS_CHANGED);
	}

	@Test
	void aDoubleClickOnSendReplyQueuesOneEmailAndBothClicksEndLikeTheFirst() throws Exception {
		Inquiry inquiry = inquiries.save(TestInquiries.from("Pat Answered"));
		String key = UUID.randomUUID().toString();

		List<MvcResult> results = Race.run(() -> reply(first, inquiry, key), () -> reply(first, inquiry, key));

		assertThat(results).allSatisfy(this::backOnTheInquiry);
		assertThat(results).extracting(InboxRaceTests::message).containsOnly("reply.queued");
		assertThat(jdbc.sql("select count(*) from notification where inquiry_id = ? and kind = 'REPLY'")
			.param(inquiry.getId())
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(kinds(inquiry)).containsExactly(ActivityKind.STATUS_CHANGED);
	}

	@Test
	void aDoubleClickOnSnoozeSnoozesOnceAndBothClicksEndLikeTheFirst() throws Exception {
		Inquiry inquiry = inquiries.save(TestInquiries.from("Pat Snoozed Twice"));
		long before = version(inquiry);

		List<MvcResult> results = Race.run(() -> snooze(first, inquiry, "2099-01-06T09:30", before),
				() -> snooze(first, inquiry, "2099-01-06T09:30", before));

		assertThat(results).allSatisfy(this::backOnTheInquiry);
		assertThat(results).extracting(InboxRaceTests::message).containsOnly("inbox.snooze.saved");
		Inquiry snoozed = inquiries.findById(inquiry.getId()).orElseThrow();
		assertThat(snoozed.getSnoozedUntil()).isNotNull();
		assertThat(snoozed.getVersion()).as("changed once").isEqualTo(before + 1);
	}

	@Test
	void twoSnoozesToDifferentTimesFromOneVersionAtOnceSaveOneAndTellTheOther() throws Exception {
		Inquiry inquiry = inquiries.save(TestInquiries.from("Pat Snoozed By Two"));
		long before = version(inquiry);

		List<MvcResult> results = Race.run(() -> snooze(first, inquiry, "2099-01-06T09:30", before),
				() -> snooze(second, inquiry, "2099-01-07T14:00", before));

		assertThat(results).allSatisfy(this::backOnTheInquiry);
		assertThat(results).extracting(InboxRaceTests::message)
			.containsExactlyInAnyOrder("inbox.snooze.saved", "inbox.stale");
		assertThat(version(inquiry)).isEqualTo(before + 1);
	}

	@Test
	void aReminderSavedTwiceAtOnceIsOneReminderAndNeitherClickSeesAnError() throws Exception {
		Inquiry inquiry = inquiries.save(TestInquiries.from("Pat Reminded Twice"));
		long before = version(inquiry);

		List<MvcResult> results = Race.run(
				() -> remind(first, inquiry, "2099-01-06T09:30", "Call back about insurance", before),
				() -> remind(first, inquiry, "2099-01-06T09:30", "Call back about insurance", before));

		assertThat(results).allSatisfy(this::backOnTheInquiry);
		assertThat(results).extracting(InboxRaceTests::message).containsOnly("inbox.remind.saved");
		Inquiry reminded = inquiries.findById(inquiry.getId()).orElseThrow();
		assertThat(reminded.getRemindAt()).isNotNull();
		assertThat(reminded.getRemindNote()).isEqualTo("Call back about insurance");
		assertThat(reminded.getVersion()).as("changed once").isEqualTo(before + 1);
		assertThat(jdbc.sql("select count(*) from inquiry where id = ? and remind_at is not null")
			.param(inquiry.getId())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aDoubleClickOnRetryingAnEmailQueuesItOnceAndBothClicksLandOnTheInquiry() throws Exception {
		Inquiry inquiry = inquiries.save(TestInquiries.from("Pat Retried"));
		assertThat(reply(first, inquiry, UUID.randomUUID().toString()).getResponse().getStatus()).isEqualTo(302);
		long notification = jdbc.sql("select id from notification where inquiry_id = ? and kind = 'REPLY'")
			.param(inquiry.getId())
			.query(Long.class)
			.single();

		List<MvcResult> results = Race.run(() -> send(first, "/staff/notifications/" + notification + "/retry"),
				() -> send(first, "/staff/notifications/" + notification + "/retry"));

		assertThat(results).allSatisfy(this::backOnTheInquiry);
		assertThat(jdbc.sql("select count(*) from notification where inquiry_id = ? and kind = 'REPLY'")
			.param(inquiry.getId())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	private MvcResult send(MockHttpSession who, String path) throws Exception {
		return mvc.perform(post(path).session(who).with(csrf())).andReturn();
	}

	private void backOnTheInquiry(MvcResult result) {
		assertThat(result.getResponse().getStatus()).isEqualTo(302);
		assertThat(result.getResponse().getRedirectedUrl()).startsWith("/staff/inquiries/");
	}

	private static String message(MvcResult result) {
		Object flash = result.getFlashMap().get("flash");
		return String.valueOf(flash != null ? flash : result.getFlashMap().get("problem"));
	}

	private List<ActivityKind> kinds(Inquiry inquiry) {
		return activities.findByInquiryIdOrderByAtAscIdAsc(inquiry.getId())
			.stream()
			.map(InquiryActivity::getKind)
			.toList();
	}

	private StaffMember member(String name) {
		return directory.enabledStaff().stream().filter(member -> member.displayName().equals(name)).findFirst()
			.orElseThrow();
	}

	private MvcResult status(MockHttpSession who, Inquiry inquiry, InquiryStatus status) throws Exception {
		return send(who, inquiry, "/status", "status", status.name(), "version", String.valueOf(inquiry.getVersion()));
	}

	private MvcResult assign(MockHttpSession who, Inquiry inquiry, long assignee) throws Exception {
		return send(who, inquiry, "/assign", "assignee", String.valueOf(assignee), "version",
				String.valueOf(inquiry.getVersion()));
	}

	private MvcResult note(MockHttpSession who, Inquiry inquiry, String note, String key) throws Exception {
		return send(who, inquiry, "/note", "note", note, "requestKey", key);
	}

	private MvcResult call(MockHttpSession who, Inquiry inquiry, String key) throws Exception {
		return send(who, inquiry, "/call", "outcome", "REACHED", "callNote", "Booked for Tuesday.", "requestKey", key);
	}

	private MvcResult reply(MockHttpSession who, Inquiry inquiry, String key) throws Exception {
		return send(who, inquiry, "/reply", "subject", "Your inquiry {reference}", "body",
				"Hello {firstName},\nWe can see you next week.", "requestKey", key);
	}

	private MvcResult snooze(MockHttpSession who, Inquiry inquiry, String until, long version) throws Exception {
		return send(who, inquiry, "/snooze", "until", until, "version", String.valueOf(version));
	}

	private MvcResult remind(MockHttpSession who, Inquiry inquiry, String at, String note, long version)
			throws Exception {
		return send(who, inquiry, "/remind", "at", at, "note", note, "version", String.valueOf(version));
	}

	private long version(Inquiry inquiry) {
		return inquiries.findById(inquiry.getId()).orElseThrow().getVersion();
	}

	private MvcResult send(MockHttpSession who, Inquiry inquiry, String action, String... params) throws Exception {
		MockHttpServletRequestBuilder request = post("/staff/inquiries/" + inquiry.getId() + action).session(who)
			.with(csrf());
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		return mvc.perform(request).andReturn();
	}

}

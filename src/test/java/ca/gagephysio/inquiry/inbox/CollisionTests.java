package ca.gagephysio.inquiry.inbox;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.Race;
import ca.gagephysio.SettableClock;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import ca.gagephysio.staff.signin.StaffSessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Nobody answers twice (issue 23), with two people signed in in two sessions: each opening the same inquiry sees the
 * other is looking (in the page as served, and from the presence address the page's script asks), until the other
 * has been gone a few minutes; a reply or a call sent from a page opened before someone else answered is not
 * carried out, and the person is asked to look first with their text kept, also when both send at the same instant.
 */
@ClinicIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CollisionTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	InquiryActivityRepository activities;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SettableClock clock;

	MockHttpSession robin;

	MockHttpSession casey;

	@BeforeAll
	void signInTwoPeople(@Autowired StaffAccounts accounts) throws Exception {
		robin = StaffSessions.signIn(mvc, StaffTestAccounts.create(accounts, "Robin Collision", StaffRole.STAFF));
		casey = StaffSessions.signIn(mvc, StaffTestAccounts.create(accounts, "Casey Collision", StaffRole.STAFF));
	}

	@AfterEach
	void backToNow() {
		clock.reset();
	}

	@Test
	void twoPeopleOpeningOneInquiryEachSeeTheOtherIsLookingUntilTheOtherHasGoneAWhile() throws Exception {
		Inquiry inquiry = inquiries.save(TestInquiries.from("Pat Watched"));

		String robinsPage = page(robin, inquiry);
		String caseysPage = page(casey, inquiry);

		assertThat(robinsPage).doesNotContain("Casey Collision also has");
		assertThat(caseysPage).contains("Robin Collision also has this inquiry open", "<script src=\"/js/presence-",
				"data-presence-url=\"/staff/inquiries/" + inquiry.getId() + "/presence\"");
		assertThat(presence(robin, inquiry)).contains("Casey Collision also has this inquiry open");

		clock.advance(InquiryPresence.RECENT.plus(Duration.ofSeconds(1)));
		assertThat(presence(casey, inquiry)).as("Robin has not been back for longer than the presence lasts")
			.isEqualTo("{\"text\":\"\"}");
	}

	@Test
	void aCallFromAPageOpenedBeforeSomeoneElseRepliedAsksToLookFirstWithTheNoteKept() throws Exception {
		Inquiry inquiry = inquiries.save(TestInquiries.from("Pat Called Twice"));
		long seen = version(inquiry);
		assertThat(reply(casey, inquiry, seen, UUID.randomUUID().toString()).getResponse().getStatus()).isEqualTo(302);

		MvcResult call = send(robin, inquiry, "/call", "outcome", "REACHED", "callNote", "Booked for Tuesday.",
				"requestKey", UUID.randomUUID().toString(), "version", String.valueOf(seen));

		assertThat(call.getFlashMap().get("problem")).isEqualTo("inbox.call.stale");
		assertThat(call.getFlashMap().get("draftCallNote")).isEqualTo("Booked for Tuesday.");
		assertThat(kinds(inquiry)).doesNotContain(ActivityKind.CALL);

		MvcResult again = send(robin, inquiry, "/call", "outcome", "REACHED", "callNote", "Booked for Tuesday.",
				"requestKey", UUID.randomUUID().toString(), "version", String.valueOf(version(inquiry)));
		assertThat(again.getFlashMap().get("flash")).as("after a look, it goes").isEqualTo("inbox.call.recorded");
	}

	@Test
	void twoRepliesSentAtTheSameInstantFromPagesOpenedTogetherSendOneAndShowTheOtherWhatChangedWithItsTextKept()
			throws Exception {
		Inquiry inquiry = inquiries.save(TestInquiries.from("Pat Replied Twice"));
		long seen = version(inquiry);

		List<MvcResult> results = Race.run(() -> reply(robin, inquiry, seen, UUID.randomUUID().toString()),
				() -> reply(casey, inquiry, seen, UUID.randomUUID().toString()));

		assertThat(results).extracting(result -> result.getResponse().getStatus()).containsExactlyInAnyOrder(302, 200);
		MvcResult asked = results.stream().filter(result -> result.getResponse().getStatus() == 200).findFirst()
			.orElseThrow();
		assertThat(asked.getModelAndView().getModel().get("problem")).isEqualTo("reply.stale");
		assertThat(asked.getResponse().getContentAsString()).contains("We can see you next week.",
				"What happened on this inquiry lately",
				"name=\"seen\" value=\"" + version(inquiry) + "\"");
		assertThat(jdbc.sql("select count(*) from notification where inquiry_id = ? and kind = 'REPLY'")
			.param(inquiry.getId())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	private String page(MockHttpSession who, Inquiry inquiry) throws Exception {
		return mvc.perform(get("/staff/inquiries/" + inquiry.getId()).session(who))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private String presence(MockHttpSession who, Inquiry inquiry) throws Exception {
		MvcResult result = mvc.perform(get("/staff/inquiries/" + inquiry.getId() + "/presence").session(who)
			.accept("application/json")).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		return result.getResponse().getContentAsString();
	}

	private long version(Inquiry inquiry) {
		return inquiries.findById(inquiry.getId()).orElseThrow().getVersion();
	}

	private List<ActivityKind> kinds(Inquiry inquiry) {
		return activities.findByInquiryIdOrderByAtAscIdAsc(inquiry.getId())
			.stream()
			.map(InquiryActivity::getKind)
			.toList();
	}

	private MvcResult reply(MockHttpSession who, Inquiry inquiry, long seen, String key) throws Exception {
		return send(who, inquiry, "/reply", "subject", "Your inquiry {reference}", "body",
				"Hello {firstName},\nWe can see you next week.", "requestKey", key, "seen", String.valueOf(seen));
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

package ca.gagephysio.inquiry.inbox;

import java.util.Map;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.inquiry.internal.InquiryStatus;
import ca.gagephysio.staff.internal.StaffAccounts;
import ca.gagephysio.staff.internal.StaffRole;
import ca.gagephysio.staff.internal.StaffSessions;
import ca.gagephysio.staff.internal.StaffTestAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, item 2, on the inquiry page: a note or a status change sent after the session ended is not lost, is not
 * applied behind the person's back, and comes back only to the person who typed it.
 */
@ClinicIntegrationTest
class SessionEndedInboxFormsTests {

	private static final String NOTE = "Called back: she can come Tuesday at 9, prefers Valerie. Heel pain 6/10.";

	@Autowired
	MockMvc mvc;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	InboxService inbox;

	@Test
	void aNoteSentAfterTheSessionEndedIsBackInItsBoxAfterSigningInAgainAndSavedOnlyWhenSentAgain() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Dana Front-Desk", StaffRole.STAFF);
		long id = inquiries.save(TestInquiries.from("Noor Note")).getId();
		String pagePath = "/staff/inquiries/" + id;
		String notePath = pagePath + "/note";
		MockHttpSession session = StaffSessions.signIn(mvc, email);
		String page = StaffSessions.page(mvc, session, pagePath);

		MvcResult refused = StaffSessions.sendAfterSessionEnded(mvc, session, page, notePath, Map.of("note", NOTE));

		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/login?sessionEnded");
		MockHttpSession afterward = StaffSessions.sessionOf(refused);
		assertThat(StaffSessions.page(mvc, afterward, "/login?sessionEnded"))
			.contains("Your session ended, so what you sent was not saved")
			.doesNotContain(StaffSessions.PUBLIC_ERROR_WORDING);

		MvcResult signIn = StaffSessions.signInAgain(mvc, afterward, email);

		assertThat(signIn.getResponse().getRedirectedUrl()).isEqualTo(pagePath);
		MockHttpSession signedIn = StaffSessions.sessionOf(signIn);
		String restored = StaffSessions.page(mvc, signedIn, pagePath);
		assertThat(restored).contains(NOTE + "</textarea>").contains("It is not saved yet");
		assertThat(notesOn(id)).isZero();

		MvcResult sentAgain = StaffSessions.send(mvc, signedIn, restored, notePath, Map.of("note", NOTE));

		assertThat(sentAgain.getResponse().getRedirectedUrl()).isEqualTo(pagePath);
		assertThat(notesOn(id)).isOne();
		assertThat(StaffSessions.page(mvc, signedIn, pagePath)).doesNotContain(NOTE + "</textarea>");
	}

	@Test
	void aStatusChangeSentAfterTheSessionEndedIsChosenAgainAfterSigningInButNotApplied() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Dana Front-Desk", StaffRole.STAFF);
		long id = inquiries.save(TestInquiries.from("Sol Status")).getId();
		String pagePath = "/staff/inquiries/" + id;
		String statusPath = pagePath + "/status";
		MockHttpSession session = StaffSessions.signIn(mvc, email);
		String page = StaffSessions.page(mvc, session, pagePath);

		MvcResult refused = StaffSessions.sendAfterSessionEnded(mvc, session, page, statusPath,
				Map.of("status", "CLOSED"));

		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/login?sessionEnded");
		MvcResult signIn = StaffSessions.signInAgain(mvc, StaffSessions.sessionOf(refused), email);
		assertThat(signIn.getResponse().getRedirectedUrl()).isEqualTo(pagePath);
		MockHttpSession signedIn = StaffSessions.sessionOf(signIn);
		String restored = StaffSessions.page(mvc, signedIn, pagePath);
		assertThat(restored).containsPattern("value=\"CLOSED\"\\s+selected=\"selected\"")
			.doesNotContainPattern("value=\"NEW\"\\s+selected");
		assertThat(inquiries.findById(id).orElseThrow().getStatus()).isEqualTo(InquiryStatus.NEW);

		StaffSessions.send(mvc, signedIn, restored, statusPath, Map.of("status", "CLOSED"));

		assertThat(inquiries.findById(id).orElseThrow().getStatus()).isEqualTo(InquiryStatus.CLOSED);
	}

	@Test
	void aDraftIsNeverShownToSomeoneElseWhoSignsInOnTheSameBrowser() throws Exception {
		String typist = StaffTestAccounts.create(accounts, "Dana Front-Desk", StaffRole.STAFF);
		String colleague = StaffTestAccounts.create(accounts, "Robin Colleague", StaffRole.STAFF);
		long id = inquiries.save(TestInquiries.from("Pia Private")).getId();
		String pagePath = "/staff/inquiries/" + id;
		MockHttpSession session = StaffSessions.signIn(mvc, typist);
		String page = StaffSessions.page(mvc, session, pagePath);
		MvcResult refused = StaffSessions.sendAfterSessionEnded(mvc, session, page, pagePath + "/note",
				Map.of("note", NOTE));

		MvcResult signIn = StaffSessions.signInAgain(mvc, StaffSessions.sessionOf(refused), colleague);

		assertThat(signIn.getResponse().getRedirectedUrl()).isEqualTo("/staff/inquiries");
		MockHttpSession signedIn = StaffSessions.sessionOf(signIn);
		assertThat(StaffSessions.page(mvc, signedIn, pagePath)).doesNotContain(NOTE);
		assertThat(StaffSessions.page(mvc, signedIn, "/staff/inquiries")).doesNotContain(NOTE);
		assertThat(notesOn(id)).isZero();
	}

	@Test
	void aStaffPageOpenedAfterTheSessionEndedSaysSoAndComesBackAfterSigningIn() throws Exception {
		String email = StaffTestAccounts.create(accounts, "Dana Front-Desk", StaffRole.STAFF);
		long id = inquiries.save(TestInquiries.from("Gil Get")).getId();
		MockHttpSession session = StaffSessions.signIn(mvc, email);
		session.invalidate();

		MvcResult opened = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.get("/staff/inquiries/{id}", id)
			.with(request -> {
				request.setRequestedSessionId("ended-session");
				request.setRequestedSessionIdValid(false);
				return request;
			})).andReturn();

		assertThat(opened.getResponse().getRedirectedUrl()).isEqualTo("/login?expired");
		MockHttpSession afterward = StaffSessions.sessionOf(opened);
		assertThat(StaffSessions.page(mvc, afterward, "/login?expired")).contains("Your session has ended")
			.doesNotContain(StaffSessions.PUBLIC_ERROR_WORDING);
		assertThat(StaffSessions.signInAgain(mvc, afterward, email).getResponse().getRedirectedUrl())
			.contains("/staff/inquiries/" + id);
	}

	private long notesOn(long id) {
		return inbox.activityOf(id).stream().filter(activity -> NOTE.equals(activity.getNote())).count();
	}

}

package ca.gagephysio.inquiry.inbox;

import java.util.Map;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.inquiry.internal.InquiryStatus;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.signin.StaffSessions;
import ca.gagephysio.staff.account.StaffTestAccounts;
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
		Opened opened = openNewInquiry("Noor Note");
		String pagePath = opened.path();
		String notePath = pagePath + "/note";

		MvcResult refused = StaffSessions.sendAfterSessionEnded(mvc, opened.session(), opened.html(), notePath,
				Map.of("note", NOTE));

		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/login?sessionEnded");
		MockHttpSession afterward = StaffSessions.sessionOf(refused);
		assertThat(StaffSessions.page(mvc, afterward, "/login?sessionEnded"))
			.contains("Your session ended, so what you sent was not saved")
			.doesNotContain(StaffSessions.PUBLIC_ERROR_WORDING);

		MvcResult signIn = StaffSessions.signInAgain(mvc, afterward, opened.email());

		assertThat(signIn.getResponse().getRedirectedUrl()).isEqualTo(pagePath);
		MockHttpSession signedIn = StaffSessions.sessionOf(signIn);
		String restored = StaffSessions.page(mvc, signedIn, pagePath);
		assertThat(restored).contains(NOTE + "</textarea>").contains("It is not saved yet");
		assertThat(notesOn(opened.id())).isZero();

		MvcResult sentAgain = StaffSessions.send(mvc, signedIn, restored, notePath, Map.of("note", NOTE));

		assertThat(sentAgain.getResponse().getRedirectedUrl()).isEqualTo(pagePath);
		assertThat(notesOn(opened.id())).isOne();
		assertThat(StaffSessions.page(mvc, signedIn, pagePath)).doesNotContain(NOTE + "</textarea>");
	}

	@Test
	void aStatusChangeSentAfterTheSessionEndedIsChosenAgainAfterSigningInButNotApplied() throws Exception {
		Opened opened = openNewInquiry("Sol Status");
		String statusPath = opened.path() + "/status";

		MvcResult refused = StaffSessions.sendAfterSessionEnded(mvc, opened.session(), opened.html(), statusPath,
				Map.of("status", "CLOSED"));

		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/login?sessionEnded");
		MvcResult signIn = StaffSessions.signInAgain(mvc, StaffSessions.sessionOf(refused), opened.email());
		assertThat(signIn.getResponse().getRedirectedUrl()).isEqualTo(opened.path());
		MockHttpSession signedIn = StaffSessions.sessionOf(signIn);
		String restored = StaffSessions.page(mvc, signedIn, opened.path());
		assertThat(restored).containsPattern("value=\"CLOSED\"\\s+selected=\"selected\"")
			.doesNotContainPattern("value=\"NEW\"\\s+selected");
		assertThat(inquiries.findById(opened.id()).orElseThrow().getStatus()).isEqualTo(InquiryStatus.NEW);

		StaffSessions.send(mvc, signedIn, restored, statusPath, Map.of("status", "CLOSED"));

		assertThat(inquiries.findById(opened.id()).orElseThrow().getStatus()).isEqualTo(InquiryStatus.CLOSED);
	}

	@Test
	void aDraftIsNeverShownToSomeoneElseWhoSignsInOnTheSameBrowser() throws Exception {
		Opened opened = openNewInquiry("Pia Private");
		String colleague = StaffTestAccounts.create(accounts, "Robin Colleague", StaffRole.STAFF);
		StaffSessions.signIn(mvc, colleague); // an authenticator app enrolled before, as a colleague at work has
		long id = opened.id();
		String pagePath = opened.path();
		MvcResult refused = StaffSessions.sendAfterSessionEnded(mvc, opened.session(), opened.html(),
				pagePath + "/note", Map.of("note", NOTE));

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

	@Test
	void aRightOfAccessSearchSentAfterTheSessionEndedIsTypedInAgainAfterSigningIn() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Privacy Officer", StaffRole.ADMIN);
		String path = "/staff/inquiries/access-request";
		MockHttpSession session = StaffSessions.signIn(mvc, admin);
		String page = StaffSessions.page(mvc, session, path);

		MvcResult refused = StaffSessions.sendAfterSessionEnded(mvc, session, page, path,
				Map.of("contact", "asking.person@example.com"));

		MvcResult signIn = StaffSessions.signInAgain(mvc, StaffSessions.sessionOf(refused), admin);
		assertThat(signIn.getResponse().getRedirectedUrl()).isEqualTo(path);
		assertThat(StaffSessions.page(mvc, StaffSessions.sessionOf(signIn), path))
			.contains("value=\"asking.person@example.com\"");
	}

	/** A new front-desk account, signed in, on the page of an inquiry just received. */
	private Opened openNewInquiry(String personName) throws Exception {
		String email = StaffTestAccounts.create(accounts, "Dana Front-Desk", StaffRole.STAFF);
		long id = inquiries.save(TestInquiries.from(personName)).getId();
		String path = "/staff/inquiries/" + id;
		MockHttpSession session = StaffSessions.signIn(mvc, email);
		return new Opened(email, id, path, session, StaffSessions.page(mvc, session, path));
	}

	private long notesOn(long id) {
		return inbox.activityOf(id).stream().filter(activity -> NOTE.equals(activity.getNote())).count();
	}

	/**
	 * An inquiry's page as a signed-in staff member has it open.
	 *
	 * @param email who is signed in
	 * @param id the inquiry
	 * @param path its page
	 * @param session the signed-in session
	 * @param html the page as served
	 */
	private record Opened(String email, long id, String path, MockHttpSession session, String html) {
	}

}

package ca.gagephysio.inquiry.inbox;

import java.util.List;

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
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@ClinicIntegrationTest
class InboxTests {

	private static final String SCRIPT = "<script>alert(1)</script>";

	@Autowired
	MockMvc mvc;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	AccessTrail trail;

	String email;

	RequestPostProcessor staff;

	@BeforeEach
	void signIn() {
		email = StaffTestAccounts.create(accounts, "Dana Front-Desk", StaffRole.STAFF);
		staff = StaffTestAccounts.signedIn(email, "STAFF");
	}

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Test
	void assignedToShowsWhoItIsReallyAssignedToAndTheConsentAsFormattedText() throws Exception {
		String version = "consent-md-" + System.nanoTime();
		jdbc.sql("insert into inquiry_consent_wording (version, wording, first_shown_at) values (?, ?, ?)")
			.params(version, "I agree to the [privacy policy](/privacy) for **this** inquiry.",
					java.sql.Timestamp.from(java.time.Instant.now()))
			.update();
		Inquiry inquiry = inquiries.save(TestInquiries.from("Una Assigned", TestInquiries.uniqueEmail(), null,
				java.time.Instant.now(), "/inquiry", version));

		String page = mvc.perform(get("/staff/inquiries/{id}", inquiry.getId()).with(staff))
			.andReturn()
			.getResponse()
			.getContentAsString();

		// unassigned: "nobody" is what the choice shows, not the person looking
		assertThat(page).containsPattern("<option value=\"\" selected=\"selected\">Nobody</option>")
			.contains("Not assigned to anyone yet.", "Dana Front-Desk (you)")
			.doesNotContainPattern("<option value=\"[0-9]+\" selected=\"selected\">Dana Front-Desk");
		assertThat(page).containsPattern("<a href=\"/privacy\"[^>]*>privacy policy</a>").contains("<strong>this</strong>")
			.doesNotContain("[privacy policy](/privacy)");
	}

	@Test
	void statusChangeAssignmentAndNoteWorkEndToEndAndShowInTheTimelineAndTheAccessTrail() throws Exception {
		Inquiry inquiry = inquiries.save(TestInquiries.from("Pat Example"));
		long id = inquiry.getId();
		long me = accounts.byEmail(email).orElseThrow().getId();

		mvc.perform(post("/staff/inquiries/{id}/status", id).with(staff).with(csrf())
			.param("status", "CONTACTED")
			.param("version", "0"))
			.andExpect(redirectedUrl("/staff/inquiries/" + id))
			.andExpect(flash().attribute("flash", "inbox.status.changed"));
		long version = inquiries.findById(id).orElseThrow().getVersion();
		mvc.perform(post("/staff/inquiries/{id}/assign", id).with(staff).with(csrf())
			.param("assignee", String.valueOf(me))
			.param("version", String.valueOf(version)))
			.andExpect(redirectedUrl("/staff/inquiries/" + id))
			.andExpect(flash().attribute("flash", "inbox.assign.changed"));
		mvc.perform(post("/staff/inquiries/{id}/note", id).with(staff).with(csrf())
			.param("note", "Left a voicemail; she prefers mornings"))
			.andExpect(redirectedUrl("/staff/inquiries/" + id))
			.andExpect(flash().attribute("flash", "inbox.note.added"));

		Inquiry stored = inquiries.findById(id).orElseThrow();
		assertThat(stored.getStatus()).isEqualTo(InquiryStatus.CONTACTED);
		assertThat(stored.getFirstRespondedAt()).isNotNull();
		assertThat(stored.getAssignedTo()).isEqualTo(me);

		String page = mvc.perform(get("/staff/inquiries/{id}", id).with(staff))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Inquiry received")
			.contains("Status changed from New to Contacted")
			.contains("Assigned to Dana Front-Desk")
			.contains("Left a voicemail; she prefers mornings")
			.contains("mailto:" + inquiry.getEmail())
			.contains("tel:+19055550142");

		assertThat(trail.entriesAbout("INQUIRY", List.of(id)))
			.extracting(entry -> entry.action() + " by " + entry.actorEmail())
			.contains("INQUIRY_STATUS_CHANGED by " + email, "INQUIRY_ASSIGNED by " + email,
					"INQUIRY_NOTE_ADDED by " + email, "INQUIRY_VIEWED by " + email);
	}

	@Test
	void viewingAnInquiryWritesAnAccessTrailRowAndMarksItOpened() throws Exception {
		long id = inquiries.save(TestInquiries.from("Sam Viewer")).getId();
		assertThat(trail.entriesAbout("INQUIRY", List.of(id))).isEmpty();

		mvc.perform(get("/staff/inquiries/{id}", id).with(staff)).andExpect(status().isOk());

		assertThat(trail.entriesAbout("INQUIRY", List.of(id))).singleElement().satisfies(entry -> {
			assertThat(entry.action()).isEqualTo("INQUIRY_VIEWED");
			assertThat(entry.actorEmail()).isEqualTo(email);
			assertThat(entry.clientAddress()).isNotBlank();
		});
		assertThat(inquiries.findById(id).orElseThrow().getFirstOpenedAt()).isNotNull();
	}

	@Test
	void listingRecordsEveryInquiryShownAndMarksTheUnopenedOnes() throws Exception {
		Inquiry inquiry = inquiries.save(TestInquiries.from("Lee Listed"));

		String page = mvc.perform(get("/staff/inquiries").param("q", inquiry.getReference()).with(staff))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(page).contains("Lee Listed").contains("Not opened yet").contains("Just now");
		assertThat(trail.entriesAbout("INQUIRY", List.of(inquiry.getId()))).extracting(AccessTrail.Entry::action)
			.containsExactly("INQUIRY_LISTED");
	}

	@Test
	void searchFindsAnInquiryByPhoneDigitsAndTabsCountByStatus() throws Exception {
		String phone = "905-555-" + (1000 + (int) (Math.random() * 8999));
		Inquiry inquiry = inquiries.save(TestInquiries.from("Phone Search", "x@example.com", phone, java.time.Instant.now()));

		String page = mvc.perform(get("/staff/inquiries").param("q", phone.replace("-", " ")).with(staff))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(page).contains(inquiry.getReference());
		String spam = mvc.perform(get("/staff/inquiries").param("q", inquiry.getReference())
			.param("status", "SPAM")
			.with(staff)).andReturn().getResponse().getContentAsString();
		assertThat(spam).doesNotContain("Phone Search").contains("No inquiries match");
	}

	@Test
	void aNameWithAScriptTagIsShownAsTextInTheListAndTheDetail() throws Exception {
		Inquiry inquiry = inquiries.save(TestInquiries.from(SCRIPT));

		String list = mvc.perform(get("/staff/inquiries").param("q", inquiry.getReference()).with(staff))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String detail = mvc.perform(get("/staff/inquiries/{id}", inquiry.getId()).with(staff))
			.andReturn()
			.getResponse()
			.getContentAsString();

		for (String page : List.of(list, detail)) {
			assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(SCRIPT);
		}
	}

	@Test
	void aStaleUpdateIsRefusedWithAMessageAndTheEarlierChangeIsKept() throws Exception {
		long id = inquiries.save(TestInquiries.from("Two Desks")).getId();

		mvc.perform(post("/staff/inquiries/{id}/status", id).with(staff).with(csrf())
			.param("status", "BOOKED")
			.param("version", "0")).andExpect(flash().attribute("flash", "inbox.status.changed"));
		mvc.perform(post("/staff/inquiries/{id}/status", id).with(staff).with(csrf())
			.param("status", "CLOSED")
			.param("version", "0"))
			.andExpect(redirectedUrl("/staff/inquiries/" + id))
			.andExpect(flash().attribute("problem", "inbox.stale"));

		assertThat(inquiries.findById(id).orElseThrow().getStatus()).isEqualTo(InquiryStatus.BOOKED);
		String page = mvc.perform(get("/staff/inquiries/{id}", id).with(staff).flashAttr("problem", "inbox.stale"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Someone else changed this inquiry while you had it open");
	}

	@Test
	void aMalformedFilterFromAStaleBookmarkIsIgnoredRatherThanAnError() throws Exception {
		mvc.perform(get("/staff/inquiries").param("status", "ARCHIVED").param("service", "x").with(staff))
			.andExpect(status().isOk());
	}

	@Test
	void anUnknownInquiryIsNotFound() throws Exception {
		mvc.perform(get("/staff/inquiries/{id}", 987654321L).with(staff)).andExpect(status().isNotFound());
	}

	@Test
	void anEmptyNoteIsRefusedWithAMessage() throws Exception {
		long id = inquiries.save(TestInquiries.from("Blank Note")).getId();
		mvc.perform(post("/staff/inquiries/{id}/note", id).with(staff).with(csrf()).param("note", "   "))
			.andExpect(flash().attribute("problem", "inbox.note.empty"));
	}

}

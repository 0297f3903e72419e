package ca.gagephysio.inquiry.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.internal.ConsentWordings;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Staff, and a privacy officer answering a complaint, read the words a person agreed to, not a hash of them: the
 * wording kept for the version stored with the inquiry, on the inquiry's page and in the person's right-of-access
 * file. An inquiry whose wording was never kept says so plainly.
 */
@ClinicIntegrationTest
class InquiryConsentWordingTests {

	private static final Pattern FORM_CONSENT_VERSION = Pattern
		.compile("<input type=\"hidden\" name=\"consent_version\" value=\"([^\"]+)\">");

	private static final String NOT_KEPT = "The words of this version were not kept";

	@Autowired
	MockMvc mvc;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	ConsentWordings wordings;

	@Autowired
	StaffAccounts accounts;

	RequestPostProcessor staff;

	RequestPostProcessor admin;

	@BeforeEach
	void signIn() {
		staff = StaffTestAccounts.signedIn(
				StaffTestAccounts.forTheClass(getClass(), accounts, "Dana Front-Desk", StaffRole.STAFF), "STAFF");
		admin = StaffTestAccounts.signedIn(
				StaffTestAccounts.forTheClass(getClass(), accounts, "Privacy Officer", StaffRole.ADMIN), "ADMIN", "STAFF");
	}

	@Test
	void theInquiryPageShowsTheWordsOfTheConsentTheFormShowed() throws Exception {
		String form = mvc.perform(get("/inquiry")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		Matcher version = FORM_CONSENT_VERSION.matcher(form);
		assertThat(version.find()).as("the form carries its consent version").isTrue();
		Inquiry inquiry = inquiries.save(TestInquiries.agreedTo(HtmlUtils.htmlUnescape(version.group(1))));

		assertThat(detailOf(inquiry))
			.contains("Given ")
			.contains("I agree that the clinic may store these details and use them to answer my inquiry, as described "
					+ "in the <a href=\"/privacy\">privacy notice</a>.")
			.as("shown as formatted text, not Markdown source")
			.doesNotContain("[privacy notice](/privacy)")
			.doesNotContain(NOT_KEPT);
	}

	@Test
	void twoInquiriesAgreeingToDifferentWordingsEachShowTheirOwn() throws Exception {
		String older = recordWording("You may phone me about my inquiry. <b>Older</b> wording.");
		String newer = recordWording("You may store these details and answer me. Newer wording.");
		Inquiry first = inquiries.save(TestInquiries.agreedTo(older));
		Inquiry second = inquiries.save(TestInquiries.agreedTo(newer));

		assertThat(detailOf(first)).contains("You may phone me about my inquiry. Older wording.")
			.as("raw HTML in a wording is dropped, never rendered")
			.doesNotContain("<b>Older")
			.doesNotContain("Newer wording")
			.contains("Version " + older);
		assertThat(detailOf(second)).contains("You may store these details and answer me. Newer wording.")
			.doesNotContain("Older")
			.contains("Version " + newer);
	}

	@Test
	void aVersionWhoseWordingWasNeverKeptSaysSoAndStillNamesTheVersion() throws Exception {
		Inquiry inquiry = inquiries.save(TestInquiries.agreedTo("sha256:from-before-wordings-were-kept"));

		assertThat(detailOf(inquiry)).contains(NOT_KEPT).contains("Version sha256:from-before-wordings-were-kept");
	}

	@Test
	void theRightOfAccessFileCarriesTheWordsEachInquiryAgreedTo() throws Exception {
		String email = TestInquiries.uniqueEmail();
		String kept = recordWording("You may reply to me by email or phone.");
		Inquiry withWording = inquiries.save(TestInquiries.from("Robin Requester", email, null, Instant.now(), "home", kept));
		Inquiry withoutWording = inquiries.save(TestInquiries.from("Robin Requester", email, null, Instant.now(), "home",
				"sha256:never-kept-" + UUID.randomUUID().toString().substring(0, 8)));

		String file = mvc.perform(post("/staff/inquiries/access-request").with(admin).with(csrf()).param("contact", email))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);

		JsonNode sent = JsonMapper.builder().build().readTree(file).get("inquiries");
		assertThat(sent).hasSize(2);
		for (JsonNode inquiry : sent) {
			String reference = inquiry.get("reference").asString();
			String wording = inquiry.get("consentWording").asString();
			if (reference.equals(withWording.getReference())) {
				assertThat(wording).isEqualTo("You may reply to me by email or phone.");
			}
			else {
				assertThat(reference).isEqualTo(withoutWording.getReference());
				assertThat(wording).startsWith("Not kept:");
			}
		}
	}

	/** Records a wording as the form does the first time it shows one; returns its version. */
	private String recordWording(String wording) {
		String version = "sha256:test-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
		wordings.record(version, wording, Instant.now());
		return version;
	}

	private String detailOf(Inquiry inquiry) throws Exception {
		return mvc.perform(get("/staff/inquiries/{id}", inquiry.getId()).with(staff))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

}

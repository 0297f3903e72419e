package ca.gagephysio.inquiry.inbox;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The page an inquiry came from is shown as staff know it, the page's title linked to the public page, whether the
 * form stored the call to action's slug or a same-site referrer's path; a page that is not published (any more) is
 * shown as stored, with no link to a "not found" page.
 */
@ClinicIntegrationTest
class InquirySourcePageTests {

	private static final String ARTICLE_TITLE = "How Massage Therapy Can Relieve Your Back Pain";

	@Autowired
	MockMvc mvc;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	StaffAccounts accounts;

	RequestPostProcessor staff;

	@BeforeEach
	void signIn() {
		staff = StaffTestAccounts.signedIn(
				StaffTestAccounts.forTheClass(getClass(), accounts, "Dana Front-Desk", StaffRole.STAFF), "STAFF");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			massage-for-back-pain              | /articles/massage-for-back-pain  | How Massage Therapy Can Relieve Your Back Pain
			/articles/massage-for-back-pain    | /articles/massage-for-back-pain  | How Massage Therapy Can Relieve Your Back Pain
			valerie-van-woudenberg             | /team/valerie-van-woudenberg     | Valerie van Woudenberg
			/team/valerie-van-woudenberg/      | /team/valerie-van-woudenberg     | Valerie van Woudenberg
			home                               | /                                | Home page
			/                                  | /                                | Home page
			""")
	void aPublishedSourcePageIsShownAsItsTitleLinkedToThePublicPage(String stored, String path, String title)
			throws Exception {
		Inquiry inquiry = inquiries.save(TestInquiries.cameFrom(stored));

		assertThat(sourceOnDetailPage(inquiry)).isEqualTo("<a href=\"" + path + "\">" + title + "</a>");
	}

	@ParameterizedTest
	@ValueSource(strings = { "an-article-since-removed", "/articles/an-article-since-removed" })
	void aPageThatIsNotPublishedIsShownAsStoredWithoutALink(String stored) throws Exception {
		Inquiry inquiry = inquiries.save(TestInquiries.cameFrom(stored));

		assertThat(sourceOnDetailPage(inquiry)).isEqualTo("<span>" + stored + "</span>");
	}

	@Test
	void anInquiryWithNoSourcePageSaysSo() throws Exception {
		Inquiry inquiry = inquiries.save(TestInquiries.cameFrom(null));

		assertThat(sourceOnDetailPage(inquiry)).isEqualTo("<span>Not given</span>");
	}

	@Test
	void theCsvKeepsTheStoredPathAndAddsThePagesTitle() throws Exception {
		Inquiry fromArticle = inquiries.save(TestInquiries.cameFrom("massage-for-back-pain"));
		Inquiry fromGone = inquiries.save(TestInquiries.cameFrom("an-article-since-removed"));

		String[] header = exportOf(fromArticle)[0].substring(1).split(",");
		int page = Arrays.asList(header).indexOf("source_page");
		assertThat(header[page + 1]).isEqualTo("source_title");
		assertThat(exportOf(fromArticle)[1]).contains(",massage-for-back-pain," + ARTICLE_TITLE + ",");
		assertThat(exportOf(fromGone)[1]).contains(",an-article-since-removed,,");
	}

	/**
	 * The article's call to action stores its slug, a same-site referrer its path: the inbox's article filter offers
	 * the article once, by its title, and finds the inquiries stored either way (an old bookmark with the path too).
	 */
	@Test
	void theArticleFilterFindsInquiriesFromAnArticleWhetherItsSlugOrItsPathWasStored() throws Exception {
		String name = "Filter Person " + java.util.UUID.randomUUID().toString().substring(0, 8);
		Inquiry bySlug = inquiries.save(fromPage(name, "massage-for-back-pain"));
		Inquiry byPath = inquiries.save(fromPage(name, "/articles/massage-for-back-pain"));
		Inquiry byPathWithSlash = inquiries.save(fromPage(name, "/articles/massage-for-back-pain/"));
		Inquiry fromTheBio = inquiries.save(fromPage(name, "valerie-van-woudenberg"));

		for (String source : java.util.List.of("massage-for-back-pain", "/articles/massage-for-back-pain")) {
			String list = mvc.perform(get("/staff/inquiries").param("q", name).param("source", source).with(staff))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();

			assertThat(list).as("filtered by %s", source)
				.contains(bySlug.getReference(), byPath.getReference(), byPathWithSlash.getReference())
				.doesNotContain(fromTheBio.getReference());
			assertThat(list).containsOnlyOnce("<option value=\"massage-for-back-pain\" selected=\"selected\">"
					+ ARTICLE_TITLE + "</option>")
				.doesNotContain("<option value=\"valerie-van-woudenberg\"");
		}
	}

	private static Inquiry fromPage(String name, String sourcePage) {
		return TestInquiries.from(name, TestInquiries.uniqueEmail(), "905-555-0142", java.time.Instant.now(), sourcePage,
				"consent-v1");
	}

	/** The contents of the "Page" line under "Where it came from". */
	private String sourceOnDetailPage(Inquiry inquiry) throws Exception {
		String page = mvc.perform(get("/staff/inquiries/{id}", inquiry.getId()).with(staff))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		int label = page.indexOf("<dt>Page</dt>");
		assertThat(label).as("the page line").isNotNegative();
		int start = page.indexOf("<dd>", label) + "<dd>".length();
		return page.substring(start, page.indexOf("</dd>", start)).strip();
	}

	private String[] exportOf(Inquiry inquiry) throws Exception {
		return mvc.perform(get("/staff/inquiries/export.csv").param("q", inquiry.getReference()).with(staff))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8)
			.split("\r\n");
	}

}

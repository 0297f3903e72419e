package ca.gagephysio.article.staff;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.LiveServer;
import ca.gagephysio.SettableClock;
import ca.gagephysio.article.Article;
import ca.gagephysio.article.ArticleRepository;
import ca.gagephysio.article.ArticleState;
import ca.gagephysio.article.TestArticles;
import ca.gagephysio.staff.AccessTrail;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The article editor through the real path (mapping, binding, validation, security, the page cache) and what
 * readers then see: the article's page, the Health Tips list, the Atom feed and the sitemap. Article texts here are
 * neutral filler, never health advice.
 */
@ClinicIntegrationTest
class ArticleEditorTests {

	private static final String AUTHOR = TestArticles.AUTHOR;

	private static final ZoneId CLINIC = ZoneId.of("America/Toronto");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	ArticleRepository articles;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	SettableClock clock;

	@Autowired
	AccessTrail trail;

	@LocalServerPort
	int port;

	RequestPostProcessor admin;

	RequestPostProcessor staff;

	@BeforeEach
	void signIn() {
		admin = StaffTestAccounts.signedIn(
				StaffTestAccounts.forTheClass(getClass(), accounts, "Avery Admin", StaffRole.ADMIN), "ADMIN", "STAFF");
		staff = StaffTestAccounts.signedIn(
				StaffTestAccounts.forTheClass(getClass(), accounts, "Sam Staff", StaffRole.STAFF), "STAFF");
	}

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	/** Articles this test made, deleted after it: published ones would push the clinic's own off "latest" lists. */
	private final List<Long> made = new ArrayList<>();

	@AfterEach
	void backToNowAndTidyUp() {
		clock.reset();
		transactions.executeWithoutResult(status -> made.forEach(id -> articles.findById(id).ifPresent(articles::delete)));
	}

	@Test
	void aScheduledArticleAppearsOnItsOwnAtItsTimeOnItsPageTheListTheFeedAndTheSitemap() {
		// Warm the cache with the clinic's article: when the new one appears it joins its related articles.
		assertThat(publicPage("massage-for-back-pain")).doesNotContain("Scheduled notes");
		Article article = created(admin, "Scheduled notes " + UUID.randomUUID(), "Neutral text for a test.\n");

		assertThat(mvc.get().uri(article.path()).exchange()).hasStatus(404);
		LocalDateTime tomorrowAtNine = LocalDate.now(CLINIC).plusDays(1).atTime(9, 0);
		assertThat(post(admin, "/staff/articles/" + article.id() + "/schedule")
			.param("publishAt", tomorrowAtNine.toString())
			.exchange()).hasStatus(302);
		Instant goesPublic = tomorrowAtNine.atZone(CLINIC).toInstant();
		assertThat(articles.findById(article.id()).orElseThrow().publishedAt()).isEqualTo(goesPublic);

		assertThat(mvc.get().uri(article.path()).exchange()).hasStatus(404);
		assertThat(visibleEverywhere(article.path())).containsOnly(false);
		assertThat(adminList()).contains("Scheduled");

		clock.set(goesPublic.minusSeconds(1));
		assertThat(mvc.get().uri(article.path()).exchange()).hasStatus(404);

		clock.set(goesPublic.plusSeconds(1));
		assertThat(publicPage(article.slug())).contains("<h1>" + article.title() + "</h1>");
		assertThat(visibleEverywhere(article.path())).containsOnly(true);
		assertThat(publicPage("massage-for-back-pain")).as("the cached page, dropped at the scheduled time")
			.contains(article.title());
	}

	@Test
	void publishingNowEditingAndRestoringAreEachSeenAtOnceAndEachSaveKeepsARevision() {
		long contentVersion = contentVersion();
		Article article = created(admin, "Opening notes " + UUID.randomUUID(), "First words of the notes.\n");
		assertThat(contentVersion()).as("a draft is on no public page").isEqualTo(contentVersion);
		assertThat(post(admin, "/staff/articles/" + article.id() + "/publish").exchange()).hasStatus(302);
		assertThat(publicPage(article.slug())).contains("First words of the notes.");
		assertThat(visibleEverywhere(article.path())).containsOnly(true);
		assertThat(contentVersion()).as("moved for the other instances").isEqualTo(contentVersion + 1);

		assertThat(save(admin, article.id(), version(article.id()), article.slug(), "Second words of the notes.\n"))
			.hasStatus(302);
		assertThat(publicPage(article.slug())).contains("Second words of the notes.")
			.doesNotContain("First words");
		assertThat(contentVersion()).isEqualTo(contentVersion + 2);

		MvcTestResult revisions = mvc.get().uri("/staff/articles/" + article.id() + "/revisions").with(admin).exchange();
		assertThat(revisions).hasStatusOk();
		assertThat(revisions).bodyText()
			.contains("Restore revision 1")
			.contains("<del>First</del>")
			.contains("<ins>Second</ins>");

		assertThat(post(admin, "/staff/articles/" + article.id() + "/revisions/1/restore").exchange()).hasStatus(302);
		assertThat(publicPage(article.slug())).contains("First words of the notes.").doesNotContain("Second words");
		assertThat(mvc.get().uri("/staff/articles/" + article.id() + "/revisions").with(admin).exchange()).bodyText()
			.contains("(restored revision 1)")
			.contains("Restore revision 2");
		assertThat(trail.entriesAbout(ArticleEditor.SUBJECT, List.of(article.id())))
			.extracting(AccessTrail.Entry::action)
			.containsExactly("ARTICLE_CREATED", "ARTICLE_PUBLISHED", "ARTICLE_SAVED", "ARTICLE_RESTORED");
	}

	@Test
	void aPublishedArticlesOldAddressAnswers301ToItsNewOneForeverAndIsNeverGivenToAnother() {
		Article article = created(admin, "Moving notes " + UUID.randomUUID(), "Notes that move.\n");
		post(admin, "/staff/articles/" + article.id() + "/publish").exchange();
		String first = article.slug();
		assertThat(publicPage(first)).contains("Notes that move.");

		String second = first + "-moved";
		assertThat(save(admin, article.id(), version(article.id()), second, "Notes that move.\n")).hasStatus(302);
		assertMovedTo(first, "/articles/" + second);
		assertThat(publicPage(second)).contains("Notes that move.");
		assertThat(fetch("/feed.xml")).contains("/articles/" + second + "<").doesNotContain("/articles/" + first + "<");
		assertThat(fetch("/sitemap.xml")).contains("/articles/" + second + "<").doesNotContain("/articles/" + first + "<");

		String third = first + "-again";
		save(admin, article.id(), version(article.id()), third, "Notes that move.\n");
		assertMovedTo(first, "/articles/" + third);
		assertMovedTo(second, "/articles/" + third);

		MvcTestResult clash = post(admin, "/staff/articles").params(form("Another " + UUID.randomUUID(), first,
				"Other notes.\n")).exchange();
		assertThat(clash).hasStatusOk();
		assertThat(clash).bodyText()
			.contains("There is a problem")
			.contains("Another article has (or had) the address /articles/" + first)
			.contains("Other notes.");
	}

	@Test
	void anUnpublishedArticleAnswers410GoneAndLeavesTheListFeedAndSitemap() {
		Article article = created(admin, "Withdrawn notes " + UUID.randomUUID(), "Notes to withdraw.\n");
		post(admin, "/staff/articles/" + article.id() + "/publish").exchange();
		assertThat(publicPage(article.slug())).contains("Notes to withdraw.");

		long contentVersion = contentVersion();
		assertThat(post(admin, "/staff/articles/" + article.id() + "/unpublish").exchange()).hasStatus(302);
		assertThat(contentVersion()).as("moved for the other instances").isEqualTo(contentVersion + 1);

		HttpResponse<String> gone = new LiveServer(port).get(article.path(), "Accept", "text/html");
		assertThat(gone.statusCode()).isEqualTo(410);
		assertThat(gone.body()).contains("This page has been taken down").doesNotContain("Notes to withdraw.");
		assertThat(visibleEverywhere(article.path())).containsOnly(false);
	}

	@Test
	void staffWhoAreNotAdministratorsWriteDraftsButCannotPublishScheduleUnpublishOrDeleteByAnyAddress() {
		Article draft = created(staff, "Staff draft " + UUID.randomUUID(), "A draft by staff.\n");
		assertThat(save(staff, draft.id(), version(draft.id()), draft.slug(), "A draft by staff, edited.\n"))
			.hasStatus(302);

		for (String action : List.of("publish", "unpublish", "delete")) {
			assertThat(post(staff, "/staff/articles/" + draft.id() + "/" + action).param("confirm", "true").exchange())
				.as(action).hasStatus(403);
		}
		assertThat(post(staff, "/staff/articles/" + draft.id() + "/schedule")
			.param("publishAt", LocalDate.now(CLINIC).plusDays(2).atTime(9, 0).toString())
			.exchange()).hasStatus(403);
		assertThat(articles.findById(draft.id()).orElseThrow().state(Instant.now())).isEqualTo(ArticleState.DRAFT);
		assertThat(mvc.get().uri(draft.path()).exchange()).hasStatus(404);

		// Once readers can see it, only an administrator changes it, and the staff member's text is kept on screen.
		post(admin, "/staff/articles/" + draft.id() + "/publish").exchange();
		MvcTestResult refused = save(staff, draft.id(), version(draft.id()), draft.slug(), "Words readers must not get.\n");
		assertThat(refused).hasStatusOk();
		assertThat(refused).bodyText().contains("only an administrator can change it")
			.contains("Words readers must not get.");
		assertThat(publicPage(draft.slug())).doesNotContain("Words readers must not get.");
		assertThat(post(staff, "/staff/articles/" + draft.id() + "/revisions/1/restore").exchange()).hasStatus(302);
		assertThat(publicPage(draft.slug())).contains("A draft by staff, edited.");
		assertThat(mvc.get().uri("/staff/articles/" + draft.id()).with(staff).exchange()).bodyText()
			.doesNotContain("/publish\"")
			.contains("An administrator publishes");
	}

	@Test
	void theSecondOfTwoSavesFromTheSameVersionGetsTheConflictPageAndBothTextsAreKept() {
		Article article = created(admin, "Shared notes " + UUID.randomUUID(), "The text both opened.\n");
		long opened = version(article.id());

		assertThat(save(admin, article.id(), opened, article.slug(), "The first editor's text.\n")).hasStatus(302);
		MvcTestResult second = save(staff, article.id(), opened, article.slug(), "The second editor's text.\n");

		assertThat(second).hasStatusOk();
		assertThat(second).bodyText()
			.contains("Someone else saved this article while you were editing it")
			.contains("Avery Admin saved it")
			.contains("The second editor&#39;s text.")
			.contains("Save mine over theirs");
		Article stored = articles.findById(article.id()).orElseThrow();
		assertThat(stored.bodyMarkdown()).isEqualTo("The first editor's text.\n");

		// Saving over theirs on purpose: the conflict page's form carries their version.
		assertThat(save(staff, article.id(), stored.version(), article.slug(), "The second editor's text.\n"))
			.hasStatus(302);
		assertThat(articles.findById(article.id()).orElseThrow().bodyMarkdown())
			.isEqualTo("The second editor's text.\n");
	}

	@Test
	void theQualityCheckWarnsBesideTheEditorAndAnImageWithoutAltTextCannotBePublished() {
		Article article = created(admin, "A title that goes on for far too long to fit in a search result " + UUID.randomUUID(),
				"""
						### A skipped level

						[click here](https://example.org) and [https://example.org](https://example.org)

						![](/img/massage-for-back-pain.svg)
						""");
		MvcTestResult editor = mvc.get().uri("/staff/articles/" + article.id()).with(admin).exchange();
		assertThat(editor).bodyText()
			.contains("Blocks publishing:")
			.contains("An image has no alt text.")
			.contains("A level-3 heading follows a level-1 one")
			.contains("The link text &quot;click here&quot; doesn&#39;t say where it goes.")
			.contains("is a bare address")
			.contains("search results cut it off after about 60");

		MvcTestResult refused = post(admin, "/staff/articles/" + article.id() + "/publish").exchange();
		assertThat(refused).hasStatus(302);
		assertThat(refused.getMvcResult().getFlashMap().get("problem")).isEqualTo("articles.admin.publish.blocked");
		assertThat(mvc.get().uri(article.path()).exchange()).hasStatus(404);

		save(admin, article.id(), version(article.id()), article.slug(), "![A treatment room](/img/massage-for-back-pain.svg)\n");
		assertThat(post(admin, "/staff/articles/" + article.id() + "/publish").exchange()).hasStatus(302);
		assertThat(mvc.get().uri(article.path()).exchange()).hasStatusOk();
	}

	@Test
	void anArticleNotReviewedForOverAYearIsListedAsReviewDueAndNamedOnTheInbox() {
		String title = "Old notes " + UUID.randomUUID();
		var form = form(title, "", "Notes from long ago.\n");
		form.set("lastReviewedOn", LocalDate.now(CLINIC).minusMonths(13).toString());
		MvcTestResult created = post(admin, "/staff/articles").params(form).exchange();
		long id = idOf(created);
		try {
			assertThat(adminList()).doesNotContain("is due for medical review");
			post(admin, "/staff/articles/" + id + "/publish").exchange();

			String list = adminList();
			assertThat(list.substring(list.indexOf("Due for medical review"), list.indexOf("All articles")))
				.contains(title);
			assertThat(list).contains("Review due");
			assertThat(mvc.get().uri("/staff/inquiries").with(staff).exchange()).bodyText()
				.contains("due for medical review");
		}
		finally {
			post(admin, "/staff/articles/" + id + "/unpublish").exchange();
		}
	}

	@Test
	void aPreviewIsThePublicPageFromTheEditorsTextUnderTheStrictContentSecurityPolicy() {
		MvcTestResult preview = post(staff, "/staff/articles/preview").params(form("Preview notes", "",
				"::: inquire Questions about a visit?\nAsk us in the form.\n:::\n\n## A section\n\nPreview words.\n"))
			.exchange();

		assertThat(preview).hasStatusOk();
		assertThat(preview).bodyText()
			.contains("<h1>Preview notes</h1>")
			.contains("<p class=\"cta-box__heading\">Questions about a visit?</p>")
			.contains("<p>Ask us in the form.</p>")
			.contains("href=\"/inquiry?from=preview-notes\"")
			.contains("Preview words.");
		String csp = preview.getResponse().getHeader("Content-Security-Policy");
		assertThat(csp).contains("script-src").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
		assertThat(articles.findBySlug("preview-notes")).as("a preview stores nothing").isEmpty();
	}

	@Test
	void thePreviewSaysNotPublishedYetAndGoesBackToTheEditorWithTheTextUnsaved() {
		MvcTestResult preview = post(staff, "/staff/articles/preview").params(form("Unsaved notes", "",
				"Words only in the editor.\n")).exchange();

		assertThat(preview).bodyText()
			.contains("Not published yet")
			.contains("action=\"/staff/articles/new/edit\"")
			.contains("name=\"bodyMarkdown\" value=\"Words only in the editor.")
			.contains("Back to the editor");

		MvcTestResult back = post(staff, "/staff/articles/new/edit").params(form("Unsaved notes", "",
				"Words only in the editor.\n")).exchange();
		assertThat(back).hasStatusOk();
		assertThat(back).bodyText().contains("value=\"Unsaved notes\"").contains("Words only in the editor.")
			.contains("action=\"/staff/articles\"").doesNotContain("error-summary");
		assertThat(articles.findBySlug("unsaved-notes")).as("neither stores anything").isEmpty();

		long id = idOf(post(admin, "/staff/articles").params(form("Saved notes " + UUID.randomUUID(), "",
				"Saved words.\n")).exchange());
		assertThat(post(staff, "/staff/articles/" + id + "/preview").params(form("Saved notes", "", "Changed words.\n"))
			.exchange()).bodyText().contains("Not published yet").contains("action=\"/staff/articles/" + id + "/edit\"");
		assertThat(post(staff, "/staff/articles/" + id + "/edit").params(form("Saved notes", "", "Changed words.\n"))
			.exchange()).bodyText().contains("Changed words.");
		assertThat(articles.findById(id).orElseThrow().bodyMarkdown()).isEqualTo("Saved words.\n");
	}

	@Test
	void theLivePreviewBesideTheTextIsTheServersRenderingWithInquiryBoxes() {
		MvcTestResult body = post(staff, "/staff/articles/preview-body")
			.param("bodyMarkdown", "## A section\n\n**Strong** words.\n\n::: inquire Questions?\nAsk us.\n:::\n\n<script>x()</script>\n")
			.exchange();

		assertThat(body).hasStatusOk();
		assertThat(body).bodyText()
			.contains("<h2 id=\"a-section\">A section</h2>")
			.contains("<strong>Strong</strong>")
			.contains("<p class=\"cta-box__heading\">Questions?</p>")
			.doesNotContain("<script>")
			.doesNotContain("<html");
		assertThat(mvc.post().uri("/staff/articles/preview-body").param("bodyMarkdown", "x").with(csrf()).exchange())
			.as("signed-out").hasStatus(302);
		assertThat(post(staff, "/staff/articles/preview-body").param("bodyMarkdown", "x".repeat(100_001)).exchange())
			.hasStatus(413);
	}

	@Test
	void theEditorLoadsEasyMdeFromTheSiteItselfAndKeepsThePlainTextArea() {
		MvcTestResult editor = mvc.get().uri("/staff/articles/new").with(staff).exchange();

		assertThat(editor).bodyText()
			.containsPattern("<script src=\"/vendor/easymde/easymde\\.min(-[0-9a-f]+)?\\.js\" defer>")
			.containsPattern("<script src=\"/js/article-editor(-[0-9a-f]+)?\\.js\" defer>")
			.containsPattern("<link rel=\"stylesheet\" href=\"/vendor/easymde/easymde\\.min(-[0-9a-f]+)?\\.css\">")
			.containsPattern("<textarea rows=\"24\" spellcheck=\"true\"[^>]* id=\"bodyMarkdown\" name=\"bodyMarkdown\"")
			.contains("data-box-open=\"::: inquire");
		assertThat(mvc.get().uri("/vendor/easymde/easymde.min.js").exchange()).hasStatusOk();
		assertThat(editor.getResponse().getHeader("Content-Security-Policy"))
			.contains("script-src 'self'").contains("style-src 'self'").doesNotContain("unsafe-inline");
	}

	@Test
	void aFormWithMistakesComesBackWithAnErrorSummaryAndEverythingTypedKept() {
		var form = form("", "Not A Slug!", "Everything I typed.\n");
		form.set("lastReviewedOn", "not a date");
		MvcTestResult result = post(admin, "/staff/articles").params(form).exchange();

		assertThat(result).hasStatusOk();
		assertThat(result).bodyText()
			.contains("There is a problem")
			.contains("href=\"#title\"")
			.contains("Enter a title.")
			.contains("Use only lower-case letters")
			.contains("Enter the day of the review as a date")
			.contains("Everything I typed.")
			.contains("value=\"Not A Slug!\"");
	}

	@Test
	void theMedicalReviewTypedInTheEditorIsWhatThePageAndItsStructuredDataSay() {
		Article article = created(admin, "Reviewed notes " + UUID.randomUUID(), "Reviewed words.\n");
		post(admin, "/staff/articles/" + article.id() + "/publish").exchange();
		LocalDate reviewed = LocalDate.now(CLINIC).minusDays(3);
		var form = form(article.title(), article.slug(), "Reviewed words.\n");
		form.set("lastReviewedOn", reviewed.toString());
		form.set("version", String.valueOf(version(article.id())));
		assertThat(post(admin, "/staff/articles/" + article.id()).params(form).exchange()).hasStatus(302);

		assertThat(publicPage(article.slug()))
			.contains("Reviewed by Valerie van Woudenberg on " + reviewed.format(
					java.time.format.DateTimeFormatter.ofPattern("MMMM d, yyyy", java.util.Locale.CANADA)))
			.contains("\"lastReviewed\":\"" + reviewed + "\"")
			.contains("\"reviewedBy\":{\"@id\":\"http://localhost:8080/team/valerie-van-woudenberg#person\"}");
	}

	@Test
	void nobodySignedOutReachesTheEditorOrChangesAnArticle() {
		Article article = created(admin, "Guarded notes " + UUID.randomUUID(), "Guarded words.\n");

		MvcTestResult list = mvc.get().uri("/staff/articles").exchange();
		assertThat(list).hasStatus(302);
		assertThat(list.getResponse().getRedirectedUrl()).endsWith("/login");
		for (String action : List.of("", "/publish", "/unpublish", "/delete", "/revisions/1/restore")) {
			assertThat(mvc.post().uri("/staff/articles/" + article.id() + action).with(csrf()).param("confirm", "true")
				.exchange()).as(action).hasStatus(302);
		}
		assertThat(articles.findById(article.id()).orElseThrow().state(Instant.now())).isEqualTo(ArticleState.DRAFT);
	}

	private Article created(RequestPostProcessor who, String title, String body) {
		MvcTestResult result = post(who, "/staff/articles").params(form(title, "", body)).exchange();
		return articles.findById(idOf(result)).orElseThrow();
	}

	private long idOf(MvcTestResult result) {
		assertThat(result).hasStatus(302);
		String location = result.getResponse().getRedirectedUrl();
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		made.add(id);
		return id;
	}

	private MvcTestResult save(RequestPostProcessor who, long id, long version, String slug, String body) {
		Article article = articles.findById(id).orElseThrow();
		return post(who, "/staff/articles/" + id).params(form(article.title(), slug, body))
			.param("version", String.valueOf(version))
			.exchange();
	}

	private MockMvcRequestBuilder post(RequestPostProcessor who, String path) {
		return mvc.post().uri(path).with(who).with(csrf());
	}

	private static org.springframework.util.MultiValueMap<String, String> form(String title, String slug, String body) {
		var form = new org.springframework.util.LinkedMultiValueMap<String, String>();
		form.add("title", title);
		form.add("slug", slug);
		form.add("summary", "A short summary of the notes.");
		form.add("category", "Health Tips");
		form.add("authorSlug", AUTHOR);
		form.add("reviewedBySlug", AUTHOR);
		form.add("lastReviewedOn", LocalDate.now(CLINIC).minusDays(1).toString());
		form.add("bodyMarkdown", body);
		return form;
	}

	private long version(long id) {
		return articles.findById(id).orElseThrow().version();
	}

	/** The number every instance polls to learn of a change made on another ({@code site.ContentVersion}). */
	private long contentVersion() {
		return jdbc.sql("select version from site_content_version where id = 1").query(Long.class).single();
	}

	private String publicPage(String slug) {
		MvcTestResult page = mvc.get().uri("/articles/" + slug).exchange();
		assertThat(page).hasStatusOk();
		return text(page);
	}

	private void assertMovedTo(String oldSlug, String newPath) {
		MvcTestResult moved = mvc.get().uri("/articles/" + oldSlug).exchange();
		assertThat(moved).hasStatus(301);
		assertThat(moved.getResponse().getHeader("Location")).isEqualTo(newPath);
	}

	private String adminList() {
		MvcTestResult list = mvc.get().uri("/staff/articles").with(admin).exchange();
		assertThat(list).hasStatusOk();
		return text(list);
	}

	private String fetch(String path) {
		return text(mvc.get().uri(path).exchange());
	}

	private static String text(MvcTestResult result) {
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	/** Whether the path is on the Health Tips list, in the feed and in the sitemap, in that order. */
	private List<Boolean> visibleEverywhere(String path) {
		return List.of(fetch("/articles").contains("href=\"" + path + "\""), fetch("/feed.xml").contains(path + "<"),
				fetch("/sitemap.xml").contains(path + "<"));
	}

}

package ca.gagephysio.article.staff;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.Race;
import ca.gagephysio.article.Article;
import ca.gagephysio.article.ArticleRepository;
import ca.gagephysio.article.TestArticles;
import ca.gagephysio.image.TestImages;
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
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Two editors pressing Save on one article at the same instant, and one editor double-clicking, through the real
 * path with two real signed-in sessions: two threads released together, never one after the other. Whatever the
 * database (H2, or PostgreSQL with {@code -Ppostgres}), nobody sees a 500: one save wins, the other gets the
 * conflict page with its text kept, and the article has one revision for it. The same hero image uploaded by two
 * editors at once is stored once.
 */
@ClinicIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArticleRaceTests {

	private static final ZoneId CLINIC = ZoneId.of("America/Toronto");

	@Autowired
	MockMvc mvc;

	@Autowired
	ArticleRepository articles;

	@Autowired
	ArticleRevisionRepository revisions;

	@Autowired
	JdbcClient jdbc;

	MockHttpSession admin;

	MockHttpSession staff;

	@BeforeAll
	void signInOnce(@Autowired StaffAccounts accounts) throws Exception {
		admin = StaffSessions.signIn(mvc, StaffTestAccounts.create(accounts, "Avery Racer", StaffRole.ADMIN));
		staff = StaffSessions.signIn(mvc, StaffTestAccounts.create(accounts, "Sam Racer", StaffRole.STAFF));
	}

	@Test
	void twoEditorsSavingOneArticleAtOnceGetOneSaveAndOneConflictPageWithTheLosersText() throws Exception {
		Article article = created("Shared race notes");
		long opened = article.version();

		List<MvcResult> results = Race.run(() -> save(admin, article, opened, "The administrator's words.\n"),
				() -> save(staff, article, opened, "The front desk's words.\n"));

		assertThat(results).extracting(result -> result.getResponse().getStatus()).containsExactlyInAnyOrder(302, 200);
		MvcResult loser = results.stream().filter(result -> result.getResponse().getStatus() == 200).findFirst()
			.orElseThrow();
		String losersText = loser == results.get(0) ? "The administrator&#39;s words." : "The front desk&#39;s words.";
		String winnersText = loser == results.get(0) ? "The front desk's words.\n" : "The administrator's words.\n";
		assertThat(loser.getResponse().getContentAsString())
			.contains("Someone else saved this article while you were editing it")
			.contains(losersText);
		assertThat(articles.findById(article.id()).orElseThrow().bodyMarkdown()).isEqualTo(winnersText);
		assertThat(revisions.findByArticleIdOrderByNumberDesc(article.id())).extracting(ArticleRevision::number)
			.containsExactly(2, 1);
	}

	@Test
	void aDoubleClickOnSaveSavesOnceAndBothClicksEndLikeTheFirst() throws Exception {
		Article article = created("Double-clicked notes");

		List<MvcResult> results = Race.run(() -> save(staff, article, article.version(), "Clicked twice.\n"),
				() -> save(staff, article, article.version(), "Clicked twice.\n"));

		assertThat(results).allSatisfy(result -> {
			assertThat(result.getResponse().getStatus()).isEqualTo(302);
			assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/staff/articles/" + article.id());
		});
		assertThat(revisions.findByArticleIdOrderByNumberDesc(article.id())).extracting(ArticleRevision::number)
			.containsExactly(2, 1);
	}

	@Test
	void twoNewArticlesWithOneAddressAtOnceMakeOneAndTellTheOtherWithItsTextKept() throws Exception {
		String slug = "race-" + UUID.randomUUID();

		List<MvcResult> results = Race.run(() -> create(admin, "First of two", slug, "The first one's text.\n"),
				() -> create(staff, "Second of two", slug, "The second one's text.\n"));

		assertThat(results).extracting(result -> result.getResponse().getStatus()).containsExactlyInAnyOrder(302, 200);
		MvcResult loser = results.stream().filter(result -> result.getResponse().getStatus() == 200).findFirst()
			.orElseThrow();
		assertThat(loser.getResponse().getContentAsString()).contains("Another article has (or had) the address")
			.contains(loser == results.get(0) ? "The first one&#39;s text." : "The second one&#39;s text.");
		assertThat(articles.findBySlug(slug)).isPresent();
	}

	@Test
	void twoPublishClicksAtOncePublishOnceAndBothEndOnTheEditor() throws Exception {
		Article article = created("Published twice");

		List<MvcResult> results = Race.run(() -> send(admin, "/staff/articles/" + article.id() + "/publish"),
				() -> send(admin, "/staff/articles/" + article.id() + "/publish"));

		assertThat(results).allSatisfy(result -> assertThat(result.getResponse().getRedirectedUrl())
			.isEqualTo("/staff/articles/" + article.id()));
		assertThat(articles.findById(article.id()).orElseThrow().publishedAt()).isNotNull();
	}

	@Test
	void twoRestoresAtOnceKeepOneRevisionEachWithNumbersThatNeverCollide() throws Exception {
		Article article = created("Restored twice");
		assertThat(save(admin, article, article.version(), "A second revision.\n").getResponse().getStatus())
			.isEqualTo(302);

		List<MvcResult> results = Race.run(
				() -> send(admin, "/staff/articles/" + article.id() + "/revisions/1/restore"),
				() -> send(staff, "/staff/articles/" + article.id() + "/revisions/1/restore"));

		assertThat(results).allSatisfy(result -> assertThat(result.getResponse().getStatus()).isEqualTo(302));
		assertThat(revisions.findByArticleIdOrderByNumberDesc(article.id())).extracting(ArticleRevision::number)
			.containsExactly(4, 3, 2, 1);
	}

	@Test
	void twoDeleteClicksAtOnceDeleteOnceAndBothEndOnTheList() throws Exception {
		Article article = created("Deleted twice");

		List<MvcResult> results = Race.run(
				() -> send(admin, "/staff/articles/" + article.id() + "/delete", "confirm", "true"),
				() -> send(admin, "/staff/articles/" + article.id() + "/delete", "confirm", "true"));

		assertThat(results).allSatisfy(result -> assertThat(result.getResponse().getRedirectedUrl())
			.isEqualTo("/staff/articles"));
		assertThat(articles.findById(article.id())).isEmpty();
	}

	@Test
	void twoEditorsUploadingOneImageAsTheHeroAtOnceStoreItOnceAndBothEndOnTheEditor() throws Exception {
		Article article = created("Hero raced");
		// Dimensions no other test uses, so the image is new to the database and both uploads insert it.
		byte[] image = TestImages.jpeg(1201 + new java.util.Random().nextInt(700), 801);

		List<MvcResult> results = Race.run(() -> hero(admin, article, image), () -> hero(staff, article, image));

		assertThat(results).allSatisfy(result -> assertThat(result.getResponse().getRedirectedUrl())
			.isEqualTo("/staff/articles/" + article.id()));
		Long hero = articles.findById(article.id()).orElseThrow().heroImageId();
		assertThat(hero).isNotNull();
		assertThat(jdbc.sql("select count(*) from image i join image j on i.hash = j.hash where j.id = ?")
			.param(hero)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	private MvcResult hero(MockHttpSession who, Article article, byte[] image) throws Exception {
		return mvc.perform(multipart("/staff/articles/" + article.id() + "/hero").file(
				new MockMultipartFile("image", "hero.jpg", "image/jpeg", image))
			.param("alt", "A treatment room with a window")
			.session(who)
			.with(csrf())).andReturn();
	}

	private Article created(String title) throws Exception {
		MvcResult result = create(admin, title + " " + UUID.randomUUID(), "", "The text both opened.\n");
		String location = result.getResponse().getRedirectedUrl();
		assertThat(location).as("created").startsWith("/staff/articles/");
		return articles.findById(Long.parseLong(location.substring(location.lastIndexOf('/') + 1))).orElseThrow();
	}

	private MvcResult create(MockHttpSession who, String title, String slug, String body) throws Exception {
		return mvc.perform(form(post("/staff/articles").session(who), title, slug, body)).andReturn();
	}

	private MvcResult save(MockHttpSession who, Article article, long version, String body) throws Exception {
		return mvc.perform(form(post("/staff/articles/" + article.id()).session(who), article.title(), article.slug(),
				body)
			.param("version", String.valueOf(version))).andReturn();
	}

	private MvcResult send(MockHttpSession who, String path, String... params) throws Exception {
		MockHttpServletRequestBuilder request = post(path).session(who).with(csrf());
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		return mvc.perform(request).andReturn();
	}

	private static MockHttpServletRequestBuilder form(MockHttpServletRequestBuilder request, String title, String slug,
			String body) {
		return request.with(csrf())
			.param("title", title)
			.param("slug", slug)
			.param("summary", "A short summary of the notes.")
			.param("category", "Health Tips")
			.param("authorSlug", TestArticles.AUTHOR)
			.param("reviewedBySlug", TestArticles.AUTHOR)
			.param("lastReviewedOn", LocalDate.now(CLINIC).minusDays(1).toString())
			.param("bodyMarkdown", body);
	}

}

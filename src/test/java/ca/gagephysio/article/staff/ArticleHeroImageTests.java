package ca.gagephysio.article.staff;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.article.Article;
import ca.gagephysio.article.ArticleRepository;
import ca.gagephysio.article.TestArticles;
import ca.gagephysio.image.TestImages;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * An article's hero image through the editor's own panel and what readers, share cards and search engines then get:
 * the image with every variant, its width, height and alt text above the article, the largest variant as the share
 * image and in the structured data, a revision for each change, and the same refusals as every upload.
 */
@ClinicIntegrationTest
class ArticleHeroImageTests {

	private static final ZoneId CLINIC = ZoneId.of("America/Toronto");

	private static final String ALT = "A therapist's hands on a client's lower back";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	ArticleRepository articles;

	@Autowired
	ArticleRevisionRepository revisions;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	TransactionTemplate transactions;

	RequestPostProcessor admin;

	RequestPostProcessor staff;

	static String adminEmail;

	static String staffEmail;

	private final List<Long> made = new ArrayList<>();

	@BeforeEach
	void signIn() {
		if (adminEmail == null) {
			adminEmail = StaffTestAccounts.create(accounts, "Hero Admin", StaffRole.ADMIN);
			staffEmail = StaffTestAccounts.create(accounts, "Hero Staff", StaffRole.STAFF);
		}
		admin = StaffTestAccounts.signedIn(adminEmail, "ADMIN", "STAFF");
		staff = StaffTestAccounts.signedIn(staffEmail, "STAFF");
	}

	@AfterEach
	void tidyUp() {
		transactions.executeWithoutResult(status -> made.forEach(id -> articles.findById(id).ifPresent(articles::delete)));
	}

	@Test
	void aHeroImageShowsAboveThePublishedArticleAndIsItsShareImageAndStructuredDataImage() {
		Article article = published("Hero notes " + UUID.randomUUID());
		String before = page(article);
		assertThat(before).doesNotContain(ALT);

		assertThat(hero(admin, article.id(), TestImages.jpegWithGps(2400, 1600, 1), ALT)).hasStatus(302);

		String html = page(article);
		Matcher img = Pattern.compile("<img [^>]*alt=\"A therapist&#39;s hands on a client&#39;s lower back\"[^>]*>")
			.matcher(html);
		assertThat(img.find()).as("the hero's img element in %s", html).isTrue();
		String tag = img.group();
		assertThat(attribute(tag, "srcset")).matches(
				"/images/[0-9a-f]{32}-480\\.jpg 480w, /images/[0-9a-f]{32}-960\\.jpg 960w, /images/[0-9a-f]{32}-1440\\.jpg 1440w");
		assertThat(attribute(tag, "width")).isEqualTo("1440");
		assertThat(attribute(tag, "height")).isEqualTo("960");
		assertThat(attribute(tag, "loading")).as("above the fold").isEqualTo("eager");
		String largest = attribute(tag, "srcset").replaceAll(".*, (\\S+) 1440w$", "$1");
		assertThat(html).contains("<meta property=\"og:image\" content=\"http://localhost:8080" + largest + "\">")
			.contains("\"image\":\"http://localhost:8080" + largest + "\"");
		byte[] served = mvc.get().uri(largest).exchange().getResponse().getContentAsByteArray();
		assertThat(new String(served, StandardCharsets.ISO_8859_1)).doesNotContain(TestImages.CAMERA_SERIAL);

		String list = new String(mvc.get().uri("/articles").exchange().getResponse().getContentAsByteArray(),
				StandardCharsets.UTF_8);
		Matcher card = Pattern.compile("<li class=\"card\">\\s*<img [^>]*alt=\"A therapist&#39;s hands[^>]*>\\s*<h2 class=\"card__title\"><a href=\""
				+ Pattern.quote(article.path()) + "\"").matcher(list);
		assertThat(card.find()).as("the hero on the article's card in the Health Tips list: %s", list).isTrue();
		assertThat(attribute(card.group(), "srcset")).isEqualTo(attribute(tag, "srcset"));
		assertThat(attribute(card.group(), "width")).isEqualTo("1440");
		assertThat(attribute(card.group(), "height")).isEqualTo("960");
		assertThat(attribute(card.group(), "sizes")).isEqualTo("(min-width: 48rem) 22rem, calc(100vw - 4rem)");

		Article saved = articles.findById(article.id()).orElseThrow();
		assertThat(saved.heroAlt()).isEqualTo(ALT);
		assertThat(revisions.findByArticleIdOrderByNumberDesc(article.id()).get(0).content().heroImageId())
			.isEqualTo(saved.heroImageId());
	}

	@Test
	void savingTheTextKeepsTheHeroImageAndRemovingItTakesItOffThePage() {
		Article article = published("Kept hero notes " + UUID.randomUUID());
		hero(admin, article.id(), TestImages.jpeg(1600, 900), ALT);
		Article withHero = articles.findById(article.id()).orElseThrow();

		MultiValueMap<String, String> text = form(withHero.title(), withHero.slug(), "New words of the notes.\n");
		assertThat(mvc.post().uri("/staff/articles/" + article.id()).with(admin).with(csrf()).params(text)
			.param("version", String.valueOf(withHero.version())).exchange()).hasStatus(302);
		Article saved = articles.findById(article.id()).orElseThrow();
		assertThat(saved.heroImageId()).isEqualTo(withHero.heroImageId());
		assertThat(page(article)).contains("New words of the notes.").contains("A therapist&#39;s hands");

		assertThat(mvc.post().multipart().uri("/staff/articles/" + article.id() + "/hero").with(admin).with(csrf())
			.param("imageId", String.valueOf(saved.heroImageId())).param("alt", ALT).param("remove", "true")
			.exchange()).hasStatus(302);
		assertThat(articles.findById(article.id()).orElseThrow().heroImageId()).isNull();
		assertThat(page(article)).doesNotContain("A therapist&#39;s hands").doesNotContain("/images/");
	}

	@Test
	void aHeroImageNeedsAltTextAndTheUploadIsKeptWhileTheMistakeIsFixed() {
		Article article = published("Alt notes " + UUID.randomUUID());

		MvcTestResult refused = hero(admin, article.id(), TestImages.jpeg(800, 600), " ");
		assertThat(refused).hasStatusOk();
		String editor = new String(refused.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
		assertThat(editor).contains("The hero image was not saved").contains("href=\"#alt\"")
			.contains("Describe the image in the alt text")
			.contains("value=\"" + article.title() + "\"");
		Matcher kept = Pattern.compile("name=\"imageId\" value=\"(\\d+)\"").matcher(editor);
		assertThat(kept.find()).as("the uploaded image kept for the next try").isTrue();
		assertThat(articles.findById(article.id()).orElseThrow().heroImageId()).isNull();

		assertThat(mvc.post().multipart().uri("/staff/articles/" + article.id() + "/hero").with(admin).with(csrf())
			.param("imageId", kept.group(1)).param("alt", ALT).exchange()).hasStatus(302);
		assertThat(articles.findById(article.id()).orElseThrow().heroImageId()).isEqualTo(Long.valueOf(kept.group(1)));
	}

	@Test
	void aFileThatIsNotReallyAnImageIsRefusedWithAClearMessageAndTheAltTextKept() {
		Article article = published("Refused notes " + UUID.randomUUID());

		MvcTestResult refused = hero(admin, article.id(), TestImages.text(), "Alt text typed in");

		assertThat(refused).hasStatusOk();
		assertThat(refused).bodyText().contains("href=\"#image\"").contains("not a JPEG, PNG or WebP")
			.contains("value=\"Alt text typed in\"");
		assertThat(articles.findById(article.id()).orElseThrow().heroImageId()).isNull();
	}

	@Test
	void aStaffAccountCannotChangeThePublishedArticlesHeroImage() {
		Article article = published("Staff hero notes " + UUID.randomUUID());

		assertThat(hero(staff, article.id(), TestImages.jpeg(800, 600), ALT)).hasStatus(302);

		assertThat(articles.findById(article.id()).orElseThrow().heroImageId()).isNull();
	}

	@Test
	void theHeroImageIsChosenWithTheNewArticleAndAnUploadSurvivesARefusedForm() {
		String title = "New hero notes " + UUID.randomUUID();
		MvcTestResult form = mvc.get().uri("/staff/articles/new").with(staff).exchange();
		assertThat(form).bodyText().contains("enctype=\"multipart/form-data\"").contains("name=\"image\"")
			.contains("id=\"alt\"");

		// no title: refused, but the picture is stored and offered again, so it need not be chosen twice
		MvcTestResult refused = mvc.post().multipart().uri("/staff/articles")
			.file(new MockMultipartFile("image", "hero.jpg", "image/jpeg", TestImages.jpegWithGps(1600, 1200, 1)))
			.params(form("", "", "First words of the notes.\n")).param("alt", ALT)
			.with(staff).with(csrf()).exchange();
		assertThat(refused).hasStatusOk();
		String again = new String(refused.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
		Matcher kept = Pattern.compile("name=\"imageId\" value=\"(\\d+)\"").matcher(again);
		assertThat(kept.find()).as("the uploaded picture's id in %s", again).isTrue();

		MvcTestResult created = mvc.post().multipart().uri("/staff/articles")
			.params(form(title, "", "First words of the notes.\n")).param("imageId", kept.group(1)).param("alt", ALT)
			.with(staff).with(csrf()).exchange();
		assertThat(created).hasStatus(302);
		String location = created.getResponse().getRedirectedUrl();
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		made.add(id);
		Article article = articles.findById(id).orElseThrow();
		assertThat(article.heroImageId()).isEqualTo(Long.parseLong(kept.group(1)));
		assertThat(article.heroAlt()).isEqualTo(ALT);
		assertThat(revisions.findByArticleIdOrderByNumberDesc(id).get(0).content().heroImageId())
			.isEqualTo(article.heroImageId());
	}

	@Test
	void aNewArticlesHeroWithoutAltTextIsRefusedWithTheTextKept() {
		MvcTestResult refused = mvc.post().multipart().uri("/staff/articles")
			.file(new MockMultipartFile("image", "hero.jpg", "image/jpeg", TestImages.jpegWithGps(1600, 1200, 1)))
			.params(form("Alt-less notes " + UUID.randomUUID(), "", "Words I typed.\n"))
			.with(staff).with(csrf()).exchange();

		assertThat(refused).hasStatusOk();
		assertThat(refused).bodyText().contains("Words I typed.").contains("id=\"alt-error\"");
	}

	private Article published(String title) {
		MvcTestResult created = mvc.post().uri("/staff/articles").with(admin).with(csrf())
			.params(form(title, "", "First words of the notes.\n")).exchange();
		assertThat(created).hasStatus(302);
		String location = created.getResponse().getRedirectedUrl();
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		made.add(id);
		assertThat(mvc.post().uri("/staff/articles/" + id + "/publish").with(admin).with(csrf()).exchange())
			.hasStatus(302);
		return articles.findById(id).orElseThrow();
	}

	private MvcTestResult hero(RequestPostProcessor who, long id, byte[] image, String alt) {
		return mvc.post().multipart().uri("/staff/articles/" + id + "/hero")
			.file(new MockMultipartFile("image", "hero.jpg", "image/jpeg", image))
			.param("alt", alt)
			.with(who).with(csrf()).exchange();
	}

	private String page(Article article) {
		MvcTestResult page = mvc.get().uri(article.path()).exchange();
		assertThat(page).hasStatusOk();
		return new String(page.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	private static MultiValueMap<String, String> form(String title, String slug, String body) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("title", title);
		form.add("slug", slug);
		form.add("summary", "A short summary of the notes.");
		form.add("category", "Health Tips");
		form.add("authorSlug", TestArticles.AUTHOR);
		form.add("reviewedBySlug", TestArticles.AUTHOR);
		form.add("lastReviewedOn", LocalDate.now(CLINIC).minusDays(1).toString());
		form.add("bodyMarkdown", body);
		return form;
	}

	private static String attribute(String tag, String name) {
		Matcher value = Pattern.compile(" " + name + "=\"([^\"]*)\"").matcher(tag);
		assertThat(value.find()).as("%s in %s", name, tag).isTrue();
		return value.group(1);
	}

}

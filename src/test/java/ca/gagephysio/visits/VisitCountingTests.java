package ca.gagephysio.visits;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.article.Article;
import ca.gagephysio.article.ArticleRepository;
import ca.gagephysio.article.ArticleSlugRedirect;
import ca.gagephysio.article.ArticleSlugRedirectRepository;
import ca.gagephysio.article.TestArticles;
import ca.gagephysio.LiveServer;
import ca.gagephysio.SettableClock;
import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Page views counted through the real front door ({@code CachedPageFilter}, the page cache, security), written to
 * the aggregate tables by a flush, as the owner's insights read them. Each test counts on a day of its own (the
 * application's clock moved there), so tests never see each other's counts.
 */
@ClinicIntegrationTest
class VisitCountingTests {

	static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
			+ "Chrome/131.0.0.0 Safari/537.36";

	static final String OTHER_BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
			+ "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

	static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

	static final String ARTICLE = "/articles/massage-for-back-pain";

	/** A host of Matomo's list that was not in the 28-host starter list this copy replaced. */
	static final String MAINTAINED_LIST_HOST = "anapa-inns.ru";

	private static final AtomicInteger DAYS = new AtomicInteger();

	@Autowired
	MockMvcTester mvc;

	@Autowired
	VisitCounter counter;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SettableClock clock;

	@Autowired
	ClinicFacts facts;

	@Autowired
	ApplicationContext context;

	@Autowired
	MessageSource messages;

	@Autowired
	ArticleRepository articles;

	@Autowired
	ArticleSlugRedirectRepository redirects;

	@LocalServerPort
	int port;

	LocalDate day;

	@BeforeEach
	void aDayOfItsOwn() {
		counter.flush();
		ZoneId zone = facts.timeZone();
		day = LocalDate.of(2031, 1, 1).plusDays(DAYS.incrementAndGet() * 3L + (UUID.randomUUID().hashCode() & 0xff) * 40L);
		clock.set(day.atTime(12, 0).atZone(zone).toInstant());
	}

	@AfterEach
	void backToNow() {
		counter.flush();
		clock.reset();
	}

	@Test
	void aPageViewByABrowserIsCountedOnceWhetherRenderedOrServedFromTheKeptResponse() {
		assertThat(view(ARTICLE, BROWSER, "198.51.100.1")).hasStatusOk();
		counter.flush();
		assertThat(page(ARTICLE)).containsExactly(1L, 1L);

		assertThat(view(ARTICLE, BROWSER, "198.51.100.1")).hasStatusOk();
		assertThat(view("/", BROWSER, "198.51.100.1")).hasStatusOk();
		counter.flush();

		assertThat(page(ARTICLE)).as("views, visitors").containsExactly(2L, 1L);
		assertThat(page("/")).containsExactly(1L, 1L);
		assertThat(site()).as("one visitor who read two pages").containsExactly(3L, 1L);
		assertThat(source(ARTICLE, "", "", "", "")).containsExactly(2L, 1L);
	}

	@Test
	void everyKindOfPublicPageIsCountedAndOnlyThoseNotFeedsOrFiles() {
		for (String path : List.of("/", "/articles", "/team", "/team/valerie-van-woudenberg", "/privacy", "/inquiry",
				"/feed.xml", "/sitemap.xml", "/robots.txt", "/css/site.css")) {
			assertThat(view(path, BROWSER, "198.51.100.2")).as(path).hasStatusOk();
		}
		counter.flush();

		assertThat(jdbc.sql("select path from visit_page_day where visit_day = ? order by path")
			.param(day)
			.query(String.class)
			.list()).containsExactly("/", "/articles", "/inquiry", "/privacy", "/team", "/team/valerie-van-woudenberg");
	}

	@Test
	void aCrawlerAScriptA404AHeadAPostAndARevalidationAreNotCounted() {
		assertThat(view(ARTICLE, GOOGLEBOT, "198.51.100.3")).hasStatusOk();
		assertThat(mvc.get().uri(ARTICLE).exchange()).as("no user agent, as a script").hasStatusOk();
		assertThat(view("/articles/no-such-article", BROWSER, "198.51.100.3")).hasStatus(404);
		assertThat(view("/no-such-page", BROWSER, "198.51.100.3")).hasStatus(404);
		assertThat(mvc.head().uri(ARTICLE).header("User-Agent", BROWSER).exchange()).hasStatusOk();
		// the form again, with what is missing: a page, but answering a POST
		assertThat(mvc.post().uri("/inquiry").header("User-Agent", BROWSER).with(from("198.51.100.3")).exchange())
			.hasStatusOk();
		String etag = view(ARTICLE, GOOGLEBOT, "198.51.100.3").getResponse().getHeader("ETag");
		assertThat(mvc.get().uri(ARTICLE).header("User-Agent", BROWSER).header("If-None-Match", etag).exchange())
			.hasStatus(304);
		counter.flush();

		assertThat(rows("visit_site_day")).isZero();
		assertThat(rows("visit_page_day")).isZero();
		assertThat(rows("visit_source_day")).isZero();
	}

	@Test
	void aSignedInStaffMemberIsNotCountedButTheSameBrowserSignedOutOfNothingIs() {
		String staff = StaffTestAccounts.create(context.getBean(StaffAccounts.class), "Visits Staff", StaffRole.STAFF);
		LiveServer server = new LiveServer(port);
		HttpResponse<String> login = server.get("/login", "User-Agent", BROWSER);
		String cookie = sessionCookie(login);
		Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login.body());
		assertThat(token.find()).isTrue();
		String form = "_csrf=" + encode(token.group(1)) + "&email=" + encode(staff) + "&password="
				+ encode(StaffTestAccounts.PASSWORD);
		HttpResponse<String> signedIn = server.send(HttpRequest.newBuilder(server.uri("/login"))
			.header("Cookie", cookie)
			.header("User-Agent", BROWSER)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build());
		assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(
				location -> assertThat(location).endsWith("/staff/inquiries"));
		cookie = sessionCookie(signedIn);

		assertThat(server.get(ARTICLE, "User-Agent", BROWSER, "Cookie", cookie).statusCode()).isEqualTo(200);
		assertThat(server.get(ARTICLE, "User-Agent", BROWSER, "Cookie", cookie).statusCode()).isEqualTo(200);
		assertThat(server.get(ARTICLE, "User-Agent", BROWSER).statusCode()).isEqualTo(200);

		// Over a real connection the server counts a page just after sending it, so the client can have the page
		// before the count is made: wait for the reader's count, then see that it stays the only one.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			counter.flush();
			assertThat(site()).as("a reader without the cookie").isNotEmpty();
		});
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
			counter.flush();
			assertThat(site()).as("the reader counted, the staff member's two readings not").containsExactly(1L, 1L);
		});
	}

	@Test
	void theSameVisitorTwiceADayIsOneVisitorAndAnotherAddressOrBrowserIsAnother() {
		view(ARTICLE, BROWSER, "198.51.100.4");
		view(ARTICLE, BROWSER, "198.51.100.4");
		view(ARTICLE, BROWSER, "198.51.100.5");
		view(ARTICLE, OTHER_BROWSER, "198.51.100.4");
		counter.flush();
		view(ARTICLE, BROWSER, "198.51.100.4");
		counter.flush();

		assertThat(page(ARTICLE)).containsExactly(5L, 3L);
		assertThat(site()).containsExactly(5L, 3L);
	}

	@Test
	void theReferringSitesHostAndTheUtmTagsAreRecordedAndTheClinicsOwnPagesAreNoReferrer() {
		mvc.get()
			.uri("/articles?utm_source=newsletter&utm_medium=email&utm_campaign=" + "spring".repeat(30))
			.header("User-Agent", BROWSER)
			.header("Referer", "https://www.facebook.com/groups/hamilton/posts/123?ref=share")
			.with(from("198.51.100.6"))
			.exchange();
		mvc.get()
			.uri("/articles")
			.header("User-Agent", BROWSER)
			.header("Referer", "http://localhost/articles/massage-for-back-pain")
			.with(from("198.51.100.6"))
			.exchange();
		counter.flush();

		assertThat(source("/articles", "www.facebook.com", "newsletter", "email", "spring".repeat(30).substring(0, 100)))
			.containsExactly(1L, 1L);
		assertThat(source("/articles", "", "", "", "")).as("from the clinic's own page").containsExactly(1L, 1L);
		assertThat(page("/articles")).containsExactly(2L, 1L);
	}

	@Test
	void prefetchPrerenderLinkPreviewsAndOfficeLinkChecksAreNotCountedButThePersonWhoOpensThePageIs() {
		List<String[]> notRead = List.of(new String[] { "Sec-Purpose", "prefetch" },
				new String[] { "Sec-Purpose", "prefetch;prerender" }, new String[] { "Purpose", "prefetch" },
				new String[] { "X-Moz", "prefetch" }, new String[] { "X-Purpose", "preview" });
		for (String[] header : notRead) {
			assertThat(mvc.get().uri(ARTICLE).header("User-Agent", BROWSER).header(header[0], header[1])
				.with(from("198.51.100.20")).exchange()).as(header[0]).hasStatusOk();
		}
		for (String office : List.of("Mozilla/4.0 (compatible; ms-office; MSOffice 16)",
				"Microsoft Office Existence Discovery",
				"Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 10.0; Win64; x64; Trident/7.0; .NET4.0C; .NET4.0E; "
						+ "Microsoft Outlook 16.0.17928; Microsoft Outlook 16.0.17928; ms-office; MSOffice 16)")) {
			assertThat(view(ARTICLE, office, "198.51.100.20")).as(office).hasStatusOk();
		}
		counter.flush();
		assertThat(rows("visit_page_day")).isZero();

		assertThat(view(ARTICLE, BROWSER, "198.51.100.20")).hasStatusOk();
		counter.flush();
		assertThat(page(ARTICLE)).as("the same browser opening the page itself").containsExactly(1L, 1L);
	}

	@Test
	void referrerSpamIsNeitherCountedNorListedAmongReferringSites() {
		for (String spam : List.of("https://semalt.com/", "http://www.semalt.com/project/crawler",
				"https://best-seo-offer.com/", "https://cheap-traffic.example/landing", "https://seo.example/")) {
			assertThat(mvc.get().uri(ARTICLE).header("User-Agent", BROWSER).header("Referer", spam)
				.with(from("198.51.100.21")).exchange()).as(spam).hasStatusOk();
		}
		assertThat(mvc.get().uri(ARTICLE).header("User-Agent", BROWSER)
			.header("Referer", "https://www.seoulphysio.example/links").with(from("198.51.100.21")).exchange())
			.hasStatusOk();
		counter.flush();

		assertThat(page(ARTICLE)).as("only the view from a real site").containsExactly(1L, 1L);
		assertThat(source(ARTICLE, "www.seoulphysio.example", "", "", "")).containsExactly(1L, 1L);

		// stored before the host was known as spam: kept in the table, never listed
		jdbc.sql("""
				insert into visit_source_day (visit_day, path, referrer_host, utm_source, utm_medium, utm_campaign,
				  views, visitors) values (?, ?, 'darodar.com', '', '', '', 40, 40)""").params(day, ARTICLE).update();
		assertThat(context.getBean(VisitFigures.class).perSource(day, day))
			.extracting(VisitFigures.SourceVisits::referrerHost)
			.containsExactly("www.seoulphysio.example");
		assertThat(context.getBean(ReferrerSpam.class).listed()).as("the maintained list was read, not a starter")
			.isGreaterThan(2000);
	}

	/**
	 * Issue 21, through the owner's insights: a subdomain of a host on the maintained list as vendored
	 * ({@code referrer-spam.txt}, Matomo's list; a host without a selling word in its name, so the list alone
	 * catches it) is not counted, and even stored from before the list knew it, is not among the referring sites
	 * the insights page and its CSV show; a real site beside it is.
	 */
	@Test
	void aSubdomainOfAHostOnTheMaintainedListIsNotAmongTheReferringSitesTheInsightsShow() throws IOException {
		String listed = MAINTAINED_LIST_HOST;
		assertThat(vendoredList()).as("a line of the vendored list").contains(listed);
		assertThat(List.of(listed.split("[.-]"))).doesNotContainAnyElementsOf(ReferrerSpam.SELLING_WORDS);
		String spam = "blog." + listed;
		String real = "www.hamilton-walking-club.example";
		assertThat(mvc.get().uri(ARTICLE).header("User-Agent", BROWSER).header("Referer", "https://" + spam + "/offer")
			.with(from("198.51.100.31")).exchange()).hasStatusOk();
		assertThat(mvc.get().uri(ARTICLE).header("User-Agent", BROWSER).header("Referer", "https://" + real + "/links")
			.with(from("198.51.100.32")).exchange()).hasStatusOk();
		counter.flush();
		assertThat(source(ARTICLE, spam, "", "", "")).as("the spam view, not counted").isEmpty();
		assertThat(source(ARTICLE, real, "", "", "")).containsExactly(1L, 1L);
		// stored before the host was on the list: kept in the table, never shown
		jdbc.sql("""
				insert into visit_source_day (visit_day, path, referrer_host, utm_source, utm_medium, utm_campaign,
				  views, visitors) values (?, ?, ?, '', '', '', 25, 25)""").params(day, ARTICLE, spam).update();

		String owner = StaffTestAccounts.create(context.getBean(StaffAccounts.class), "Spam Owner", StaffRole.ADMIN);
		var signedIn = StaffTestAccounts.signedIn(owner, "ADMIN", "STAFF");
		String period = "range=CUSTOM&from=" + day + "&to=" + day;
		for (String address : List.of("/staff/insights?" + period, "/staff/insights/visit-sources.csv?" + period)) {
			MvcTestResult shown = mvc.get().uri(address).with(signedIn).exchange();
			assertThat(shown).as(address).hasStatusOk();
			assertThat(new String(shown.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8)).as(address)
				.contains(real)
				.doesNotContain(listed);
		}
	}

	/** The hosts of the vendored list, as {@code ReferrerSpam} reads them. */
	private static List<String> vendoredList() throws IOException {
		try (var in = ReferrerSpam.class.getResourceAsStream("referrer-spam.txt")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::strip)
				.filter(line -> !line.isEmpty() && !line.startsWith("#"))
				.toList();
		}
	}

	@Test
	void aFormerArticleAddressRedirectsWithItsQueryStringSoTheCampaignIsCountedOnTheArticle() {
		String slug = "moved-" + UUID.randomUUID().toString().substring(0, 8);
		Instant published = day.minusDays(30).atStartOfDay(facts.timeZone()).toInstant();
		Article article = articles.save(TestArticles.published(slug + "-now", "Notes that moved", published,
				"A summary.", "Neutral text for a test.\n"));
		try {
			redirects.save(new ArticleSlugRedirect(slug, article.id(), published));
			MvcTestResult moved = mvc.get()
				// as sent, already percent-encoded (a String would be taken as a URI template and encoded again)
				.uri(java.net.URI.create("/articles/" + slug + "?utm_source=newsletter&utm_medium=email&utm_campaign=spring%20tips"))
				.header("User-Agent", BROWSER)
				.with(from("198.51.100.22"))
				.exchange();
			assertThat(moved).hasStatus(301);
			assertThat(moved.getResponse().getHeader("Location")).isEqualTo("/articles/" + slug
					+ "-now?utm_source=newsletter&utm_medium=email&utm_campaign=spring%20tips");
			MvcTestResult plain = mvc.get().uri("/articles/" + slug).header("User-Agent", BROWSER).exchange();
			assertThat(plain).hasStatus(301);
			assertThat(plain.getResponse().getHeader("Location")).as("no query, none added")
				.isEqualTo("/articles/" + slug + "-now");

			assertThat(mvc.get().uri(java.net.URI.create(moved.getResponse().getHeader("Location")))
				.header("User-Agent", BROWSER).with(from("198.51.100.22")).exchange()).hasStatusOk();
			counter.flush();
			assertThat(source("/articles/" + slug + "-now", "", "newsletter", "email", "spring tips"))
				.containsExactly(1L, 1L);
		}
		finally {
			articles.delete(articles.findById(article.id()).orElseThrow());
		}
	}

	@Test
	void onceTheDayIsOverNoTableHoldsAnAddressAUserAgentASaltOrAMark() {
		String address = "203.0.113.77";
		String userAgent = BROWSER + " Marker/" + UUID.randomUUID();
		view(ARTICLE, userAgent, address);
		view("/team", userAgent, address);
		counter.flush();
		List<String> kept = new ArrayList<>(jdbc.sql("select mark from visit_day_mark where visit_day = ?")
			.param(day)
			.query(String.class)
			.list());
		kept.addAll(jdbc.sql("select salt from visit_day_salt where visit_day = ?").param(day).query(String.class).list());
		assertThat(kept).as("marks and the salt during the day").hasSizeGreaterThanOrEqualTo(6);
		assertThat(everyValueInTheDatabase()).as("the user agent is never stored").noneMatch(v -> v.contains(userAgent))
			.noneMatch(v -> v.contains(address));

		clock.advance(Duration.ofDays(1));
		counter.flush();

		List<String> values = everyValueInTheDatabase();
		assertThat(values).noneMatch(v -> v.contains(address)).noneMatch(v -> v.contains("Marker/"));
		for (String secret : kept) {
			assertThat(values).noneMatch(v -> v.contains(secret));
		}
		assertThat(jdbc.sql("select count(*) from visit_day_mark where visit_day < ?").param(day.plusDays(1))
			.query(Long.class)
			.single()).isZero();
		assertThat(site()).as("the counts stay").containsExactly(2L, 1L);
	}

	@Test
	void twoInstancesOnOneDatabaseCountAVisitorOnce() {
		VisitCounter other = anotherInstance();

		view(ARTICLE, BROWSER, "198.51.100.8");
		other.pageViewed(request(BROWSER, "198.51.100.8"), ARTICLE);
		other.pageViewed(request(BROWSER, "198.51.100.9"), ARTICLE);
		other.flush();
		counter.flush();
		view(ARTICLE, BROWSER, "198.51.100.9");
		counter.flush();

		assertThat(page(ARTICLE)).containsExactly(4L, 2L);
		assertThat(site()).containsExactly(4L, 2L);
		assertThat(source(ARTICLE, "", "", "", "")).containsExactly(4L, 2L);
	}

	@Test
	void twoInstancesFlushingTheSameVisitorsAtTheSameMomentCountEachOnce() throws Exception {
		VisitCounter one = anotherInstance();
		VisitCounter two = anotherInstance();
		for (int i = 0; i < 200; i++) {
			one.pageViewed(request(BROWSER, "198.51.100." + (i % 100), "/articles"), "/articles");
			two.pageViewed(request(BROWSER + " n" + (i % 100), "198.51.100." + (i % 100), "/articles"), "/articles");
			two.pageViewed(request(BROWSER, "198.51.100." + (i % 100), "/articles"), "/articles");
		}

		ExecutorService instances = Executors.newFixedThreadPool(2);
		try {
			Future<?> first = instances.submit(one::flush);
			Future<?> second = instances.submit(two::flush);
			first.get(60, TimeUnit.SECONDS);
			second.get(60, TimeUnit.SECONDS);
		}
		finally {
			instances.shutdownNow();
		}

		assertThat(page("/articles")).as("views, visitors").containsExactly(600L, 200L);
		assertThat(site()).containsExactly(600L, 200L);
	}

	@Test
	void thePrivacyPageSaysWhatIsCountedAndWhatIsNever() throws Exception {
		String page = HtmlUtils.htmlUnescape(view("/privacy", BROWSER, "198.51.100.10").getResponse().getContentAsString());

		for (String key : List.of("privacy.visits.heading", "privacy.visits.kept.views", "privacy.visits.kept.visitors",
				"privacy.visits.kept.referrer", "privacy.visits.kept.campaign", "privacy.visits.howVisitors",
				"privacy.visits.notCounted", "privacy.visits.neverKept")) {
			assertThat(page).as(key).contains(messages.getMessage(key, null, Locale.CANADA));
		}
	}

	/** A second instance of the site, as far as counting goes: its own memory, the same database. */
	private VisitCounter anotherInstance() {
		return new VisitCounter(context.getBean(VisitorAgents.class), context.getBean(ReferrerSpam.class),
				context.getBean(VisitStore.class), facts,
				context.getBeanProvider(Clock.class), context.getBean(PlatformTransactionManager.class));
	}

	private MvcTestResult view(String path, String userAgent, String address) {
		return mvc.get().uri(path).header("User-Agent", userAgent).with(from(address)).exchange();
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	private static MockHttpServletRequest request(String userAgent, String address) {
		return request(userAgent, address, ARTICLE);
	}

	private static MockHttpServletRequest request(String userAgent, String address, String path) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.addHeader("User-Agent", userAgent);
		request.setRemoteAddr(address);
		return request;
	}

	private List<Long> page(String path) {
		return jdbc.sql("select views, visitors from visit_page_day where visit_day = ? and path = ?")
			.params(day, path)
			.query((row, n) -> List.of(row.getLong(1), row.getLong(2)))
			.optional()
			.orElse(List.of());
	}

	private List<Long> site() {
		return jdbc.sql("select views, visitors from visit_site_day where visit_day = ?")
			.param(day)
			.query((row, n) -> List.of(row.getLong(1), row.getLong(2)))
			.optional()
			.orElse(List.of());
	}

	private List<Long> source(String path, String host, String utmSource, String utmMedium, String utmCampaign) {
		return jdbc.sql("""
				select views, visitors from visit_source_day where visit_day = ? and path = ? and referrer_host = ?
				and utm_source = ? and utm_medium = ? and utm_campaign = ?""")
			.params(day, path, host, utmSource, utmMedium, utmCampaign)
			.query((row, n) -> List.of(row.getLong(1), row.getLong(2)))
			.optional()
			.orElse(List.of());
	}

	private long rows(String table) {
		return jdbc.sql("select count(*) from " + table + " where visit_day = ?").param(day).query(Long.class).single();
	}

	/** Every value of every row of every table of the application's schema, as text. */
	private List<String> everyValueInTheDatabase() {
		List<String> tables = jdbc.sql("""
				select table_name from information_schema.tables
				where table_schema = current_schema() and table_type = 'BASE TABLE'""").query(String.class).list();
		assertThat(tables).contains("visit_day_mark", "visit_day_salt", "visit_page_day", "inquiry");
		List<String> values = new ArrayList<>();
		for (String table : tables) {
			jdbc.sql("select * from " + table).query((ResultSet row) -> {
				ResultSetMetaData columns = row.getMetaData();
				for (int i = 1; i <= columns.getColumnCount(); i++) {
					String value = text(row, i);
					if (value != null) {
						values.add(value);
					}
				}
			});
		}
		return values;
	}

	private static String text(ResultSet row, int column) throws SQLException {
		try {
			return row.getString(column);
		}
		catch (SQLException ex) {
			return null;
		}
	}

	private static String sessionCookie(HttpResponse<String> response) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(set -> set.startsWith("JSESSIONID="))
			.map(set -> set.substring(0, set.indexOf(';')))
			.findFirst()
			.orElseThrow();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}

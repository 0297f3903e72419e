package ca.gagephysio.staff.session;

import ca.gagephysio.staff.signin.SignInEvents;
import ca.gagephysio.staff.signin.StaffSessions;
import ca.gagephysio.staff.account.UsersController;
import ca.gagephysio.staff.account.AccountController;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import ca.gagephysio.staff.signin.StaffHttpBrowser;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.LiveServer;
import ca.gagephysio.Race;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.config.annotation.web.http.JdbcHttpSessionConfiguration;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staff sessions as every instance shares them: in the database (Spring Session JDBC, table {@code spring_session}),
 * found by the browser's cookie. Through the real server, since only it runs Spring Session's filter for every
 * request (MockMvc tests keep MockMvc's own sessions, see {@code ClinicTestConfiguration}). What one instance writes
 * here, any other instance reads: that is what lets a sign-in through one work on the other.
 */
@ClinicIntegrationTest
class StaffSessionStoreTests {

	@LocalServerPort
	int port;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	ca.gagephysio.SettableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SessionRepository<? extends Session> sessions;

	/**
	 * A double click in one session on a button whose answer carries a message: both requests store the flash map,
	 * a new attribute of the session, at the same instant. Both must end as the first does (Spring Session's plain
	 * insert made the second a 500 on the attributes table's primary key). Several rounds, since two threads do
	 * not always meet within the same few milliseconds.
	 */
	@Test
	void aDoubleClickInOneSessionStoringTheSameNewAttributeEndsLikeTheFirstClickNeverA500() throws Exception {
		String staff = StaffTestAccounts.create(accounts, "Double Clicker", StaffRole.STAFF);
		Browser browser = new Browser(new LiveServer(port));
		browser.signIn(staff);
		String token = StaffHttpBrowser.csrfOf(browser.get(AccountController.PATH).body());
		for (int round = 0; round < 8; round++) {
			Map<String, String> form = Map.of("_csrf", token, "displayName", "Double Clicker " + round);
			List<HttpResponse<String>> both = Race.run(() -> browser.post(AccountController.PATH + "/name", form),
					() -> browser.post(AccountController.PATH + "/name", form));
			assertThat(both).as("round " + round).extracting(HttpResponse::statusCode).containsOnly(302);
			// the flash map is read (and removed) by the page it leads to, so the next round adds it anew
			assertThat(browser.get(AccountController.PATH).body()).contains("Double Clicker " + round);
		}
	}

	@Test
	void signInStoresTheSessionInTheDatabaseUnderANewIdAndSignOutDeletesItThere() {
		String staff = StaffTestAccounts.create(accounts, "Stored Session", StaffRole.STAFF);
		Browser browser = new Browser(new LiveServer(port));
		browser.get("/login");
		String before = browser.sessionId();
		assertThat(before).as("the sign-in page's session, for its CSRF token").isNotNull();

		browser.signIn(staff);

		String signedIn = browser.sessionId();
		assertThat(signedIn).as("a new id at sign-in (session fixation)").isNotEqualTo(before);
		assertThat(rowsFor(before)).as("the id before sign-in").isZero();
		assertThat(jdbc.sql("select principal_name, max_inactive_interval from spring_session where session_id = ?")
			.param(signedIn)
			.query((row, n) -> row.getString(1) + " " + row.getInt(2))
			.single()).as("the idle time-out is 30 minutes").isEqualTo(staff + " 1800");
		assertThat(browser.get("/staff/inquiries").statusCode()).isEqualTo(200);

		Browser stolenCookie = new Browser(new LiveServer(port));
		stolenCookie.cookie = browser.cookie;
		Matcher token = Browser.CSRF.matcher(browser.get("/staff/inquiries").body());
		assertThat(token.find()).isTrue();
		HttpResponse<String> signOut = browser.post("/logout", Map.of("_csrf", token.group(1)));

		assertThat(signOut.headers().firstValue("Location")).hasValueSatisfying(
				location -> assertThat(location).endsWith("/login?signedOut"));
		assertThat(rowsFor(signedIn)).as("the session, gone for every instance").isZero();
		assertThat(stolenCookie.get("/staff/inquiries").statusCode()).as("the old cookie, anywhere").isEqualTo(302);
	}

	/**
	 * A cookie the site never set (one left from before sessions moved to the database, or made up) is an ended
	 * session: sign-in, saying so, never an error. "AAAAAAAAAAAA" is the value that, Base64-decoded as Spring Session does by default,
	 * gives NUL bytes that PostgreSQL refuses.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "AAAAAAAAAAAA", "3F2A9C0B7E4D1A6C8B5E2F0A9D3C7B1E", "not-a-session" })
	void aSessionCookieTheSiteNeverSetLeadsToSignInNotAnError(String value) {
		Browser browser = new Browser(new LiveServer(port));
		browser.cookie = "JSESSIONID=" + value;

		HttpResponse<String> inbox = browser.get("/staff/inquiries");

		assertThat(inbox.statusCode()).isEqualTo(302);
		assertThat(inbox.headers().firstValue("Location")).hasValueSatisfying(
				location -> assertThat(location).endsWith("/login?expired"));
	}

	@Test
	void publicPagesNeverCreateASessionNorSendACookie() {
		String staff = StaffTestAccounts.create(accounts, "Public Reader", StaffRole.STAFF);
		Browser browser = new Browser(new LiveServer(port));
		browser.get("/login");
		browser.signIn(staff);
		int stored = jdbc.sql("select count(*) from spring_session").query(Integer.class).single();

		for (String path : new String[] { "/", "/inquiry", "/privacy" }) {
			HttpResponse<String> anonymous = new LiveServer(port).get(path);
			assertThat(anonymous.headers().allValues("Set-Cookie")).as(path).isEmpty();
			HttpResponse<String> signedIn = browser.get(path);
			assertThat(signedIn.headers().allValues("Set-Cookie")).as(path + " with a staff cookie").isEmpty();
		}

		assertThat(jdbc.sql("select count(*) from spring_session").query(Integer.class).single()).isEqualTo(stored);
	}

	@Test
	void theAbsoluteTimeOutEndsAStoredSessionHoweverBusy() {
		String staff = StaffTestAccounts.create(accounts, "Long Day", StaffRole.STAFF);
		Browser browser = new Browser(new LiveServer(port));
		browser.get("/login");
		browser.signIn(staff);
		String id = browser.sessionId();
		signedInAt(sessions, id, Instant.now().minus(Duration.ofHours(11)));

		HttpResponse<String> page = browser.get("/staff/inquiries");

		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location")).hasValueSatisfying(
				location -> assertThat(location).contains("/login"));
		assertThat(rowsFor(id)).isZero();
	}

	@Test
	void whatWasTypedWhenTheSessionEndedIsKeptInTheStoredSessionAndComesBackAfterSignIn() {
		String admin = StaffTestAccounts.create(accounts, "Draft Keeper", StaffRole.ADMIN);
		String newcomer = "stored-draft-" + UUID.randomUUID() + "@test.gagephysio.ca";
		Browser browser = new Browser(new LiveServer(port));
		browser.get("/login");
		browser.signIn(admin);
		String page = browser.get(UsersController.PATH).body();
		sessions.deleteById(browser.sessionId()); // the idle time-out, as another instance's clean-up does it

		Map<String, String> form = new LinkedHashMap<>(StaffSessions.hiddenFields(page, UsersController.PATH));
		form.put("email", newcomer);
		form.put("displayName", "Stored O'Draft");
		form.put("role", "STAFF");
		HttpResponse<String> refused = browser.post(UsersController.PATH, form);

		assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(
				location -> assertThat(location).endsWith("/login?sessionEnded"));
		assertThat(jdbc.sql("""
				select count(*) from spring_session_attributes a join spring_session s on s.primary_id = a.session_primary_id
				where s.session_id = ? and a.attribute_name = ?""")
			.params(browser.sessionId(), FormDrafts.SESSION_ATTRIBUTE)
			.query(Integer.class)
			.single()).as("the draft, serialised into the database").isOne();
		HttpResponse<String> signedIn = browser.signInFromHere(admin);
		assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(
				location -> assertThat(location).endsWith(UsersController.PATH));
		assertThat(browser.get(UsersController.PATH).body()).contains("value=\"" + newcomer + "\"")
			.contains("value=\"Stored O'Draft\"");
	}

	/**
	 * The store is {@link SessionStore}'s, not Spring Boot's: one repository, with Spring's usual SQL exception
	 * translator (not the error-code one that parses {@code sql-error-codes.xml} at start), Spring Session's
	 * every-minute clean-up, and expired sessions deleted by it while live ones stay.
	 */
	@Test
	void theStoreIsTheApplicationsOwnAndItsCleanUpDeletesOnlyExpiredSessions(@Autowired ApplicationContext context) {
		assertThat(context.getBeansOfType(SessionRepository.class)).containsOnlyKeys("sessionRepository");
		assertThat(context.getBeanNamesForType(JdbcHttpSessionConfiguration.class))
			.as("Spring Boot's JDBC session configuration backed off").isEmpty();
		JdbcIndexedSessionRepository repository = context.getBean(JdbcIndexedSessionRepository.class);
		JdbcTemplate template = (JdbcTemplate) ReflectionTestUtils.getField(repository, "jdbcOperations");
		assertThat(template.getExceptionTranslator()).isInstanceOf(SQLExceptionSubclassTranslator.class);
		assertThat(ReflectionTestUtils.getField(repository, "cleanupCron")).as("Spring Session's default")
			.isEqualTo(SessionStore.CLEANUP_CRON)
			.isEqualTo("0 * * * * *");

		Session live = repository.createSession();
		save(repository, live);
		Session expired = repository.createSession();
		expired.setLastAccessedTime(Instant.now().minus(Duration.ofMinutes(31)));
		save(repository, expired);
		repository.cleanUpExpiredSessions();

		assertThat(rowsFor(expired.getId())).as("idle longer than 30 minutes").isZero();
		assertThat(rowsFor(live.getId())).isOne();
		repository.deleteById(live.getId());
	}

	@SuppressWarnings("unchecked")
	private static <S extends Session> void save(SessionRepository<S> repository, Session session) {
		repository.save((S) session);
	}

	/** Rewrites when the stored session signed in, as if it had happened then. */
	private static <S extends Session> void signedInAt(SessionRepository<S> repository, String id, Instant when) {
		S stored = repository.findById(id);
		stored.setAttribute(SignInEvents.SIGNED_IN_AT, when);
		repository.save(stored);
	}

	private int rowsFor(String sessionId) {
		return jdbc.sql("select count(*) from spring_session where session_id = ?")
			.param(sessionId)
			.query(Integer.class)
			.single();
	}

	/** Just enough of a browser: one session cookie, forms sent with the page's CSRF token. */
	private final class Browser extends StaffHttpBrowser {

		Browser(LiveServer server) {
			super(server);
		}

		void signIn(String email) {
			signIn(email, clock);
		}

		HttpResponse<String> signInFromHere(String email) {
			return signIn(email, clock);
		}

	}

}

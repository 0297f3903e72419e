package ca.gagephysio.staff.signin;

import ca.gagephysio.staff.account.StaffTestAccounts;
import ca.gagephysio.staff.secondfactor.SecondFactorRule;
import ca.gagephysio.staff.secondfactor.SecurityPageController;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A back-office session the way a browser has one: signed in through the real sign-in form and second step (the one
 * helper every suite uses, so no test weakens the rule), pages fetched with it,
 * and ended as the idle time-out ends it (the session is gone; the browser posts the page it still shows, whose
 * CSRF token lived in that session).
 */
public final class StaffSessions {

	/** Words of the public error page, which a staff member must never see for their own session ending. */
	public static final String PUBLIC_ERROR_WORDING = "Something went wrong";

	private StaffSessions() {
	}

	/**
	 * Signs in the way a person does, both steps through the real pages: {@code POST /login}, then the second step
	 * (the first time for an account, enrolling an authenticator app on "Sign-in and security" with the key the page
	 * shows; after that, a code from it). Returns the signed-in session.
	 */
	public static MockHttpSession signIn(MockMvc mvc, String email) throws Exception {
		return signIn(mvc, new MockHttpSession(), email);
	}

	/** Signs in within the given session (as the browser does after being sent to sign-in); returns it. */
	public static MockHttpSession signIn(MockMvc mvc, MockHttpSession session, String email) throws Exception {
		return sessionOf(signInAgain(mvc, session, email));
	}

	/**
	 * Signs in within the given session with the sign-in page's own CSRF token, following where the browser is sent
	 * (the page it asked for, then the second step, then back); returns the last response, whose redirect is
	 * where the person lands. Stops after the password when the account must first choose a new password.
	 */
	public static MvcResult signInAgain(MockMvc mvc, MockHttpSession session, String email) throws Exception {
		MvcResult result = mvc.perform(post("/login").session(session)
			.with(csrf())
			.param("email", email)
			.param("password", StaffTestAccounts.PASSWORD)).andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).as("sign-in").doesNotContain("error", "throttled");
		MockHttpSession signedIn = sessionOf(result);
		MvcResult followed = mvc.perform(get(result.getResponse().getRedirectedUrl()).session(signedIn)).andReturn();
		if (!SecondFactorRule.STEP_PATH.equals(followed.getResponse().getRedirectedUrl())) {
			return result;
		}
		return secondStep(mvc, signedIn, email);
	}

	/**
	 * The second step of a password session: a code from the account's authenticator app, enrolled here first if
	 * it has none. Returns the response to the code (or to switching the app on).
	 */
	public static MvcResult secondStep(MockMvc mvc, MockHttpSession session, String email) throws Exception {
		MvcResult step = mvc.perform(get(SecondFactorRule.STEP_PATH).session(session)).andReturn();
		String redirect = step.getResponse().getRedirectedUrl();
		if (SecurityPageController.PATH.equals(redirect)) {
			return enrolApp(mvc, session, email);
		}
		assertThat(redirect).as("the second step for " + email).isNull();
		MvcResult done = mvc.perform(post(SecondFactorRule.STEP_PATH).session(session)
			.with(csrf())
			.param("code", StaffTestAccounts.nextCode(mvc, email))).andReturn();
		assertThat(done.getResponse().getRedirectedUrl()).as("the code step").doesNotContain("error", "throttled");
		return done;
	}

	/** Sets up an authenticator app through the real pages, reading its key off the page as a person would. */
	public static MvcResult enrolApp(MockMvc mvc, MockHttpSession session, String email) throws Exception {
		mvc.perform(post(SecurityPageController.PATH + "/app").session(session).with(csrf())).andReturn();
		String page = page(mvc, session, SecurityPageController.PATH + "/app");
		Matcher key = Pattern.compile("id=\"app-key\">([A-Z2-7 ]+)<").matcher(page);
		assertThat(key.find()).as("the authenticator-app key on the page").isTrue();
		StaffTestAccounts.rememberAppKey(email, key.group(1));
		MvcResult confirmed = mvc.perform(post(SecurityPageController.PATH + "/app/confirm").session(session)
			.with(csrf())
			.param("code", StaffTestAccounts.nextCode(mvc, email))).andReturn();
		assertThat(confirmed.getResponse().getRedirectedUrl()).as("switching the app on")
			.isEqualTo(SecurityPageController.PATH + "/recovery-codes");
		return confirmed;
	}

	/** A browser talking HTTP to the real server ({@code LiveServer}), keeping its own session cookie. */
	public interface HttpBrowser {

		HttpResponse<String> get(String path);

		HttpResponse<String> post(String path, Map<String, String> form);

	}

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	/**
	 * After {@code password}, the response to a password sign-in over HTTP, does what a person's browser then does:
	 * follows it to the page asked for and, sent on to the second step, completes it (enrolling an authenticator
	 * app first if the account has none). Returns the last response: where the person lands.
	 */
	public static HttpResponse<String> secondStep(HttpBrowser browser, Clock clock, String email,
			HttpResponse<String> password) {
		String to = location(password);
		assertThat(to).as("sign-in").doesNotContain("error", "throttled");
		if (!location(browser.get(path(to))).endsWith(SecondFactorRule.STEP_PATH)) {
			return password;
		}
		HttpResponse<String> step = browser.get(SecondFactorRule.STEP_PATH);
		if (location(step).endsWith(SecurityPageController.PATH)) {
			String security = browser.get(SecurityPageController.PATH).body();
			browser.post(SecurityPageController.PATH + "/app", Map.of("_csrf", csrfOf(security)));
			String app = browser.get(SecurityPageController.PATH + "/app").body();
			Matcher key = Pattern.compile("id=\"app-key\">([A-Z2-7 ]+)<").matcher(app);
			assertThat(key.find()).as("the authenticator-app key on the page").isTrue();
			StaffTestAccounts.rememberAppKey(email, key.group(1));
			return browser.post(SecurityPageController.PATH + "/app/confirm",
					Map.of("_csrf", csrfOf(app), "code", StaffTestAccounts.nextCode(clock, email)));
		}
		HttpResponse<String> done = browser.post(SecondFactorRule.STEP_PATH,
				Map.of("_csrf", csrfOf(step.body()), "code", StaffTestAccounts.nextCode(clock, email)));
		assertThat(location(done)).as("the code step").doesNotContain("error", "throttled");
		return done;
	}

	private static String location(HttpResponse<String> response) {
		return response.headers().firstValue("Location").orElse("");
	}

	private static String path(String location) {
		return location.startsWith("http") ? java.net.URI.create(location).getRawPath() : location;
	}

	private static String csrfOf(String html) {
		Matcher token = CSRF.matcher(html);
		assertThat(token.find()).as("a CSRF token on the page").isTrue();
		return org.springframework.web.util.HtmlUtils.htmlUnescape(token.group(1));
	}

	/** A page of the back office, as HTML. */
	public static String page(MockMvc mvc, MockHttpSession session, String path) throws Exception {
		return mvc.perform(get(path).session(session)).andReturn().getResponse().getContentAsString();
	}

	/**
	 * Ends {@code session} and then sends the form of {@code html} that posts to {@code action}, with the hidden
	 * fields the page gave it and what the person typed, as the browser would: no session any more, so no valid
	 * CSRF token. Returns the response.
	 */
	public static MvcResult sendAfterSessionEnded(MockMvc mvc, MockHttpSession session, String html, String action,
			Map<String, String> typed) throws Exception {
		session.invalidate();
		MockHttpServletRequestBuilder request = post(action);
		hiddenFields(html, action).forEach(request::param);
		typed.forEach(request::param);
		return mvc.perform(request).andReturn();
	}

	/**
	 * Sends the form of {@code html} that posts to {@code action} within {@code session}, with every field the page
	 * gave it (its CSRF token too) and what the person typed: pressing the button.
	 */
	public static MvcResult send(MockMvc mvc, MockHttpSession session, String html, String action,
			Map<String, String> typed) throws Exception {
		MockHttpServletRequestBuilder request = post(action).session(session);
		formFields(html, action, true).forEach(request::param);
		typed.forEach(request::param);
		return mvc.perform(request).andReturn();
	}

	/** The hidden fields of the form in {@code html} that posts to {@code action}, except its CSRF token. */
	public static Map<String, String> hiddenFields(String html, String action) {
		return formFields(html, action, false);
	}

	/** The hidden fields of the form in {@code html} that posts to {@code action}, its CSRF token included. */
	public static Map<String, String> formFieldsWithToken(String html, String action) {
		return formFields(html, action, true);
	}

	private static Map<String, String> formFields(String html, String action, boolean withCsrf) {
		Matcher form = Pattern.compile("<form[^>]*action=\"" + Pattern.quote(action) + "\"[^>]*>(.*?)</form>",
				Pattern.DOTALL).matcher(html);
		assertThat(form.find()).as("a form posting to " + action).isTrue();
		Matcher hidden = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")
			.matcher(form.group(1));
		Map<String, String> fields = new java.util.LinkedHashMap<>();
		while (hidden.find()) {
			if (withCsrf || !hidden.group(1).equals("_csrf")) {
				fields.put(hidden.group(1), org.springframework.web.util.HtmlUtils.htmlUnescape(hidden.group(2)));
			}
		}
		return fields;
	}

	/** The session the response left the browser with. */
	public static MockHttpSession sessionOf(MvcResult result) {
		return (MockHttpSession) result.getRequest().getSession(false);
	}

}

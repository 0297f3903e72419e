package ca.gagephysio.staff.signin;

import ca.gagephysio.staff.account.StaffTestAccounts;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import ca.gagephysio.LiveServer;

import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser talking HTTP to the real server ({@link LiveServer}) with the session cookie it was last given, as
 * tests need where MockMvc would hide the session store (Spring Session JDBC): its rows, its ids, a cookie copied to
 * another tab or stolen. Signs in through both steps like a person ({@link StaffSessions#secondStep}).
 */
public class StaffHttpBrowser implements StaffSessions.HttpBrowser {

	public static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Pattern COOKIE = Pattern.compile("JSESSIONID=([^;]+)");

	public final LiveServer server;

	/** The {@code Cookie} header sent with each request ({@code JSESSIONID=…}), or null before the first. */
	public String cookie;

	public StaffHttpBrowser(LiveServer server) {
		this.server = server;
	}

	/** The session id the cookie names (sent as it is, see {@code StaffSecurityConfig}); null before the first. */
	public String sessionId() {
		return cookie == null ? null : cookie.substring("JSESSIONID=".length());
	}

	/** Signs in from here through both steps; returns where the person lands. */
	public HttpResponse<String> signIn(String email, Clock clock) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("_csrf", csrf("/login"));
		form.put("email", email);
		form.put("password", StaffTestAccounts.PASSWORD);
		return StaffSessions.secondStep(this, clock, email, post("/login", form));
	}

	/** The CSRF token of the page at {@code path}, as a form or {@code passkeys.js} reads it. */
	public String csrf(String path) {
		return csrfOf(get(path).body());
	}

	public static String csrfOf(String html) {
		Matcher token = CSRF.matcher(html);
		assertThat(token.find()).as("a CSRF token on the page").isTrue();
		return HtmlUtils.htmlUnescape(token.group(1));
	}

	@Override
	public HttpResponse<String> get(String path) {
		return remember(server.send(request(path).GET().build()));
	}

	@Override
	public HttpResponse<String> post(String path, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		return remember(server.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build()));
	}

	/** As the passkey page's script posts: JSON, the CSRF token in a header. */
	public HttpResponse<String> postJson(String path, String csrf, String body) {
		return remember(server.send(request(path).header("Content-Type", "application/json")
			.header("X-CSRF-TOKEN", csrf)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build()));
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(10));
		return cookie == null ? request : request.header("Cookie", cookie);
	}

	private HttpResponse<String> remember(HttpResponse<String> response) {
		response.headers().allValues("Set-Cookie").forEach(set -> {
			Matcher session = COOKIE.matcher(set);
			if (session.find()) {
				cookie = "JSESSIONID=" + session.group(1);
			}
		});
		return response;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}

package ca.gagephysio.site.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.LiveServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The response headers the MDN HTTP Observatory grades, on every kind of response a visitor or an attacker can get
 * from the real server: public pages, staff pages, error pages, and requests the container itself refuses. None of
 * them may reveal a version number or a stack trace.
 */
@ClinicIntegrationTest
class SecurityHeadersTests {

	/** Directives the Content Security Policy must have, with exactly these sources. */
	private static final Map<String, String> REQUIRED_CSP = Map.of("default-src", "'none'", "script-src", "'self'",
			"style-src", "'self'", "img-src", "'self'", "form-action", "'self'", "frame-ancestors", "'none'",
			"base-uri", "'none'", "object-src", "'none'");

	private static final List<String> STRICT_REFERRER_POLICIES = List.of("no-referrer", "same-origin",
			"strict-origin", "strict-origin-when-cross-origin");

	/** Anything that tells an attacker what runs here or how it failed. */
	private static final Pattern DISCLOSURE = Pattern.compile(
			"Tomcat|Apache|Jetty|Whitelabel|Spring Boot|Spring Framework|Hibernate|Exception|\\tat |\\d+\\.\\d+\\.\\d+");

	@LocalServerPort
	int port;

	@Autowired
	MockMvcTester mvc;

	LiveServer server;

	@BeforeEach
	void connect() {
		server = new LiveServer(port);
	}

	/** Public pages: one line each. */
	static Stream<String> publicPages() {
		return Stream.of("/no-such-page", "/", "/articles", "/articles/massage-for-back-pain", "/team",
				"/team/valerie-van-woudenberg", "/privacy", "/sitemap.xml", "/feed.xml", "/robots.txt");
	}

	/** Pages that hold a person's data or a one-time token: never kept by a browser or a proxy cache. */
	static Stream<String> neverStoredPages() {
		return Stream.of("/login", "/inquiry", "/inquiry?from=home");
		// Still to add: the confirmation page, "/staff/inquiries" once signed in
	}

	/** Error responses rendered by the application, in the site's layout. */
	static Stream<Arguments> errorPages() {
		return Stream.of(Arguments.of("GET", "/no-such-page", 404), Arguments.of("GET", "/articles/no-such-article", 404),
				Arguments.of("DELETE", "/no-such-page", 404));
	}

	@ParameterizedTest
	@MethodSource("publicPages")
	void publicPageCarriesEverySecurityHeaderAndSetsNoCookie(String path) {
		HttpResponse<String> response = server.get(path, "Accept", "text/html");

		assertHardened(path, response);
		assertThat(response.headers().allValues("Set-Cookie")).as("cookies set by %s", path).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("neverStoredPages")
	void staffAndPersonalPagesCarryEverySecurityHeaderAndAreNeverStored(String path) {
		HttpResponse<String> response = server.get(path, "Accept", "text/html");

		assertHardened(path, response);
		assertThat(response.headers().firstValue("Cache-Control")).as("Cache-Control of %s", path)
			.hasValueSatisfying(cacheControl -> assertThat(cacheControl).contains("no-store"));
	}

	@ParameterizedTest
	@MethodSource("errorPages")
	void errorPageCarriesEverySecurityHeaderAndNoVersionOrStackTrace(String method, String path, int status) {
		HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri(path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.header("Accept", "text/html")
			.build());

		assertThat(response.statusCode()).isEqualTo(status);
		assertHardened(method + " " + path, response);
	}

	@Test
	void errorAnswerForAProgramIsJsonWithoutVersionOrStackTrace() {
		HttpResponse<String> response = server.get("/no-such-page", "Accept", "application/json");

		assertThat(response.statusCode()).isEqualTo(404);
		assertHardened("/no-such-page as JSON", response);
		assertThat(response.body()).doesNotContain("trace").doesNotContain("exception");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/no-such-page", "/login" })
	void strictTransportSecurityIsSentOverHttpsForTwoYearsWithSubdomains(String path) {
		MvcTestResult result = mvc.get().uri(path).secure(true).exchange();

		String hsts = result.getResponse().getHeader("Strict-Transport-Security");

		assertThat(hsts).as("Strict-Transport-Security of %s over HTTPS", path).contains("includeSubDomains");
		assertThat(Long.parseLong(hsts.replaceAll(".*max-age=(\\d+).*", "$1")))
			.as("HSTS max-age in seconds (the Observatory wants at least six months)")
			.isGreaterThanOrEqualTo(15_768_000);
	}

	@Test
	void traceIsRefusedWithoutEchoingTheRequestOrAVersion() {
		HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/"))
			.method("TRACE", HttpRequest.BodyPublishers.noBody())
			.header("Accept", "text/html")
			.header("X-Echo-Check", "secret-cookie-value")
			.build());

		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.body()).doesNotContain("secret-cookie-value");
		assertNoDisclosure("TRACE /", response.headers(), response.body());
	}

	/**
	 * Tomcat refuses TRACE before the request reaches Spring Security's filters, so only the error dispatch that
	 * renders the 405 page can add the headers.
	 */
	@Test
	void traceRefusalCarriesEverySecurityHeader() {
		HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/"))
			.method("TRACE", HttpRequest.BodyPublishers.noBody())
			.header("Accept", "text/html")
			.build());

		assertHardened("TRACE /", response);
	}

	/**
	 * Requests too broken for the application to see are answered by Tomcat itself: a plain 400, which must not
	 * name the server or its version either.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedRequests")
	void malformedRequestGets400WithoutVersion(String what, String request) {
		RawResponse response = sendRaw(request);

		assertThat(response.status()).as(what).isEqualTo(400);
		assertNoDisclosure(what, response.headers(), response.body());
	}

	/** Tomcat's own report has an inline {@code <style>}, which the CSP would block, and no security headers. */
	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedRequests")
	void malformedRequestGetsAStaticPageWithEverySecurityHeaderAndNoInlineStyle(String what, String request) {
		RawResponse response = sendRaw(request);

		assertHardened(what, response.headers(), response.body());
		assertThat(response.headers().get("content-type")).as("Content-Type of %s", what)
			.singleElement()
			.satisfies(type -> assertThat(type).startsWith("text/html"));
		assertThat(response.body()).as(what)
			.contains("<title>This request could not be answered</title>")
			.doesNotContain("<style", "style=", "<script");
	}

	static Stream<Arguments> malformedRequests() {
		String headers = "Host: 127.0.0.1\r\nAccept: text/html\r\nConnection: close\r\n";
		return Stream.of(Arguments.of("an invalid character in the path", "GET /<x> HTTP/1.1\r\n" + headers + "\r\n"),
				Arguments.of("a broken percent-encoding", "GET /%zz HTTP/1.1\r\n" + headers + "\r\n"),
				Arguments.of("no HTTP at all", "HELLO\r\n\r\n"),
				Arguments.of("a header over the 16 KB limit",
						"GET / HTTP/1.1\r\n" + headers + "X-Padding: " + "a".repeat(20_000) + "\r\n\r\n"));
	}

	@Test
	void formPostOverTheSizeLimitGets413PageWithoutVersion() {
		String body = "username=" + "a".repeat(300_000);
		RawResponse response = sendRaw("POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n"
				+ "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
				+ "\r\nConnection: close\r\n\r\n" + body);

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.body()).contains("That was more than we can accept");
		assertHardened("an oversized form", response.headers(), response.body());
	}

	/**
	 * The staff chain's CSRF check stores a new token in a new session before it reads the form; a form too large
	 * to read must be refused before that, or every refused anonymous post leaves a session behind.
	 */
	@Test
	void formPostOverTheSizeLimitCreatesNoSession() {
		String body = "username=" + "a".repeat(300_000);
		RawResponse response = sendRaw("POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n"
				+ "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
				+ "\r\nConnection: close\r\n\r\n" + body);

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.headers()).doesNotContainKey("set-cookie");
	}

	/** Only {@code classpath:/static/} is served: no file from any other classic location of any jar. */
	@ParameterizedTest
	@ValueSource(strings = { "/served-from-public.txt" })
	void fileOutsideTheStaticFolderIsNotServed(String path) {
		HttpResponse<String> response = server.get(path, "Accept", "text/html");

		assertThat(response.statusCode()).as(path).isEqualTo(404);
		assertHardened(path, response);
	}

	@Test
	void stylesheetIsServedWithAndWithoutItsContentHash() {
		HttpResponse<String> page = server.get("/no-such-page", "Accept", "text/html");
		String hashed = page.body().replaceAll("(?s).*href=\"(/css/site-[0-9a-f]{32}\\.css)\".*", "$1");

		assertThat(hashed).as("content-hashed stylesheet link of the error page").matches("/css/site-[0-9a-f]{32}\\.css");
		assertThat(server.get(hashed).statusCode()).as(hashed).isEqualTo(200);
		assertThat(server.get("/css/site.css").statusCode()).isEqualTo(200);
	}

	private static void assertHardened(String what, HttpResponse<String> response) {
		assertHardened(what, response.headers().map(), response.body());
	}

	private static void assertHardened(String what, Map<String, List<String>> headerMap, String body) {
		HttpHeaders headers = HttpHeaders.of(headerMap, (name, value) -> true);
		assertThat(csp(headers.firstValue("Content-Security-Policy").orElse(""))).as("CSP of %s", what)
			.containsAllEntriesOf(REQUIRED_CSP)
			.allSatisfy((directive, sources) -> assertThat(sources).as("%s of %s", directive, what)
				.doesNotContain("unsafe-inline", "unsafe-eval", "*", "data:", "http:", "https:"));
		assertThat(headers.firstValue("X-Content-Type-Options")).as("X-Content-Type-Options of %s", what)
			.hasValue("nosniff");
		assertThat(headers.firstValue("X-Frame-Options")).as("X-Frame-Options of %s", what).hasValue("DENY");
		assertThat(headers.firstValue("Referrer-Policy")).as("Referrer-Policy of %s", what)
			.hasValueSatisfying(policy -> assertThat(STRICT_REFERRER_POLICIES).contains(policy));
		assertThat(headers.firstValue("Permissions-Policy")).as("Permissions-Policy of %s", what)
			.hasValueSatisfying(policy -> assertThat(policy).contains("camera=()", "microphone=()", "geolocation=()",
					"payment=()", "usb=()"));
		assertThat(headers.firstValue("Cross-Origin-Resource-Policy")).as("CORP of %s", what).hasValue("same-origin");
		assertThat(headers.firstValue("Cross-Origin-Opener-Policy")).as("COOP of %s", what).hasValue("same-origin");
		assertThat(headers.firstValue("Access-Control-Allow-Origin")).as("CORS of %s", what).isEmpty();
		assertNoDisclosure(what, headers.map(), body);
	}

	private static void assertNoDisclosure(String what, HttpHeaders headers, String body) {
		assertNoDisclosure(what, headers.map(), body);
	}

	private static void assertNoDisclosure(String what, Map<String, List<String>> headers, String body) {
		Map<String, List<String>> named = new LinkedHashMap<>();
		headers.forEach((name, values) -> named.put(name.toLowerCase(), values));
		assertThat(named).as("headers of %s", what).doesNotContainKeys("server", "x-powered-by");
		assertThat(named.values().stream().flatMap(List::stream).filter(value -> DISCLOSURE.matcher(value).find()))
			.as("header values of %s that name the software or its version", what)
			.isEmpty();
		assertThat(DISCLOSURE.matcher(body).results().map(match -> match.group()).toList())
			.as("what the body of %s gives away", what)
			.isEmpty();
	}

	private static Map<String, String> csp(String policy) {
		return Arrays.stream(policy.split(";"))
			.map(String::strip)
			.filter(directive -> !directive.isEmpty())
			.map(directive -> directive.split("\\s+", 2))
			.collect(Collectors.toMap(parts -> parts[0], parts -> (parts.length > 1) ? parts[1] : ""));
	}

	/** Sends bytes no well-behaved HTTP client would, and reads the whole answer (the server closes). */
	private RawResponse sendRaw(String request) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
			socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return RawResponse.parse(readAll(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
				bytes.write(buffer, 0, read);
			}
		}
		catch (SocketTimeoutException ex) {
			// The server kept the connection open: what arrived so far is the answer.
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private record RawResponse(int status, Map<String, List<String>> headers, String body) {

		static RawResponse parse(String raw) {
			int end = raw.indexOf("\r\n\r\n");
			String head = (end < 0) ? raw : raw.substring(0, end);
			String[] lines = head.split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			Map<String, List<String>> headers = new LinkedHashMap<>();
			for (String line : Arrays.copyOfRange(lines, 1, lines.length)) {
				int colon = line.indexOf(':');
				headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(), name -> new ArrayList<>())
					.add(line.substring(colon + 1).strip());
			}
			return new RawResponse(status, headers, (end < 0) ? "" : raw.substring(end + 4));
		}

	}

}

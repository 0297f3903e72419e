package ca.gagephysio.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver by explicit path so Selenium Manager never tries
 * to download a browser or a driver. One instance serves the whole run (see {@link ChromiumExtension}); it quits and
 * deletes its throw-away profile when closed.
 */
public final class Chromium implements AutoCloseable {

	static final String BROWSER = System.getProperty("chromium.binary", "/usr/bin/chromium");

	static final String DRIVER = System.getProperty("chromium.driver", "/usr/bin/chromedriver");

	/** A desktop window; page checks change the viewport through device-metrics emulation and restore it. */
	static final int WIDTH = 1280;

	static final int HEIGHT = 800;

	/**
	 * Switches off work a browser does for a person, which no check here looks at, beyond what chromedriver
	 * ({@code --disable-default-apps}, {@code --disable-hang-monitor}, {@code --disable-client-side-phishing-detection},
	 * ...) and Debian's {@code /usr/bin/chromium} ({@code --media-router=0}, {@code --disable-pings}) already switch
	 * off: extensions (the component ones with background pages too), audio output, crash reports, domain-reliability
	 * reports, and the translation, optimisation-guide and autofill-server features ({@code --disable-features};
	 * chromedriver adds its own to the list). The back-forward cache goes too: no test goes back, and it kept each
	 * page left alive in the renderer. And one renderer process for every page ({@code --renderer-process-limit=1}
	 * with {@code --disable-site-isolation-trials}): every page here comes from one origin (127.0.0.1, or a
	 * {@code data:} URL), yet each navigation from {@link #startOver()}'s {@code about:blank} started a new renderer
	 * (115 for the 54 tests of {@code StaffPageQualityTests}), which paid its start-up and parsed axe-core's 550 KB
	 * again; with one kept, 4, and Chromium with chromedriver used 190 CPU-seconds instead of 219 for that class,
	 * which took 181 s instead of 208 (docs/performance.md, "CI time, sixth pass"). Nothing here changes how a page
	 * is laid out, styled or run (images, fonts, timers and rendering are left as they are), so every check sees what
	 * it saw before.
	 */
	static final List<String> LESS_BACKGROUND_WORK = List.of("--disable-extensions",
			"--disable-component-extensions-with-background-pages", "--mute-audio", "--disable-breakpad",
			"--disable-domain-reliability", "--renderer-process-limit=1", "--disable-site-isolation-trials",
			"--disable-features=Translate,OptimizationHints,OptimizationGuideModelDownloading,"
					+ "OptimizationHintsFetching,OptimizationTargetPrediction,AutofillServerCommunication,"
					+ "BackForwardCache");

	private static final ObjectMapper JSON = new ObjectMapper();

	private final ChromeDriver driver;

	private final Path profile;

	private Chromium(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	static Chromium start() {
		Path profile = createProfileDirectory();
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
			.usingAnyFreePort()
			.withSilent(true)
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BROWSER);
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=" + WIDTH + "," + HEIGHT, "--user-data-dir=" + profile);
		options.addArguments(LESS_BACKGROUND_WORK);
		// The performance log carries the network events, so the test can ask for the body the server really sent.
		// Only those: chromedriver would otherwise log every page-lifecycle event as well, for the test to read
		// through and throw away at every page.
		LoggingPreferences logging = new LoggingPreferences();
		logging.enable(LogType.PERFORMANCE, Level.ALL);
		options.setCapability("goog:loggingPrefs", logging);
		options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(60));
		return new Chromium(driver, profile);
	}

	public ChromeDriver driver() {
		return driver;
	}

	/** Opens a page and returns what the server sent for it. */
	public Document open(String url) {
		drainNetworkLog();
		driver.get(url);
		return currentDocument();
	}

	/**
	 * Does what a person does to leave the page (follows a link, sends a form), waits until the next page is shown,
	 * and returns what the server sent for it (after any redirect).
	 */
	public Document navigateBy(Runnable action) {
		drainNetworkLog();
		script("window.clinicPageLeft = false;");
		action.run();
		// Looked for every 50 ms, not Selenium's default 500. A page left by a click or a key press is usually found
		// at the first look, which chromedriver holds until the next page has loaded (12 of 12 in InquiryJourneyTests);
		// one left by a script after an exchange with the server (a passkey's sign-in) may not be, and would then be
		// found up to half a second late. Each look is one small script.
		new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(50)).until(any -> Boolean.TRUE.equals(
				script("return window.clinicPageLeft === undefined && document.readyState === 'complete';")));
		return currentDocument();
	}

	/**
	 * The response behind the page now shown (after a click, a submit or a redirect too): its status and the HTML
	 * exactly as served, which is what the HTML checker must read, not the browser's re-serialised DOM.
	 */
	public Document currentDocument() {
		String requestId = null;
		String url = null;
		int status = 0;
		List<String> requested = new ArrayList<>();
		for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
			JsonNode message = readJson(entry.getMessage()).path("message");
			JsonNode params = message.path("params");
			if ("Network.requestWillBeSent".equals(message.path("method").asText())) {
				requested.add(params.path("request").path("url").asText());
			}
			if ("Network.responseReceived".equals(message.path("method").asText())
					&& "Document".equals(params.path("type").asText())) {
				requestId = params.path("requestId").asText();
				url = params.path("response").path("url").asText();
				status = params.path("response").path("status").asInt();
			}
		}
		if (requestId == null) {
			throw new IllegalStateException("No document response was seen for " + driver.getCurrentUrl());
		}
		Map<String, Object> body = driver.executeCdpCommand("Network.getResponseBody", Map.of("requestId", requestId));
		String text = (String) body.get("body");
		if (Boolean.TRUE.equals(body.get("base64Encoded"))) {
			text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
		}
		return new Document(url, status, text, List.copyOf(requested));
	}

	/**
	 * Lays the page out as a device of this many CSS pixels would, with this many device pixels to a CSS pixel.
	 * Browser zoom works the same way: at 200% a 1280 px window has 640 CSS px of width and a device pixel ratio of
	 * 2, so media queries, wrapping and scrolling are what a person zooming in gets.
	 */
	public void emulateViewport(int width, int height, double deviceScaleFactor, boolean mobile) {
		driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
				"deviceScaleFactor", deviceScaleFactor, "mobile", mobile));
	}

	public void resetViewport() {
		driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
	}

	/**
	 * Forgets cookies, the HTTP cache and any viewport emulation, and leaves the page, as a new visitor would arrive.
	 * The cache too: public pages may be kept for minutes ({@code Cache-Control: public, max-age}), so a page an
	 * earlier test opened (in this class or another of the run, which shares this browser) would otherwise be shown
	 * from the browser's copy after a journey changed it on the server.
	 */
	public void startOver() {
		driver.get("about:blank");
		// WebDriver's deleteAllCookies only reaches the current page's domain; this clears every site's.
		driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
		driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
		resetViewport();
	}

	/**
	 * The cookies the browser holds for {@code url} (name, value, path and flags), to be put back with
	 * {@link #restoreCookies} after a {@link #startOver()}.
	 */
	@SuppressWarnings("unchecked")
	public List<Map<String, Object>> cookies(String url) {
		Map<String, Object> answer = driver.executeCdpCommand("Network.getCookies", Map.of("urls", List.of(url)));
		List<Map<String, Object>> kept = new ArrayList<>();
		for (Map<String, Object> cookie : (List<Map<String, Object>>) answer.get("cookies")) {
			Map<String, Object> copy = new HashMap<>();
			copy.put("url", url);
			for (String field : List.of("name", "value", "path", "httpOnly", "secure", "sameSite")) {
				if (cookie.containsKey(field)) {
					copy.put(field, cookie.get(field));
				}
			}
			// A session cookie says "expires: -1", which Network.setCookie would take as a date long past.
			if (Boolean.FALSE.equals(cookie.get("session"))) {
				copy.put("expires", cookie.get("expires"));
			}
			kept.add(copy);
		}
		return kept;
	}

	/** Puts back cookies read with {@link #cookies}, as if the browser had never let go of them. */
	public void restoreCookies(List<Map<String, Object>> cookies) {
		// A cookie the browser refuses is a protocol error, which Selenium throws.
		cookies.forEach(cookie -> driver.executeCdpCommand("Network.setCookie", cookie));
	}

	public Object script(String script, Object... args) {
		return ((JavascriptExecutor) driver).executeScript(script, args);
	}

	/** Keeps a picture of what was checked, for a person to look at when a check fails. */
	public void screenshot(String name) {
		try {
			Path folder = Path.of("target", "browser-screenshots");
			Files.createDirectories(folder);
			Files.write(folder.resolve(name.replaceAll("[^A-Za-z0-9._-]+", "-") + ".png"),
					driver.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void drainNetworkLog() {
		driver.manage().logs().get(LogType.PERFORMANCE);
	}

	@Override
	public void close() {
		try {
			driver.quit();
		}
		finally {
			deleteProfile();
		}
	}

	private void deleteProfile() {
		try (Stream<Path> files = Files.walk(profile)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete the browser profile " + profile, ex);
		}
	}

	private static Path createProfileDirectory() {
		try {
			return Files.createTempDirectory("clinic-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static JsonNode readJson(String text) {
		try {
			return JSON.readTree(text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A response as the server sent it, with every URL the browser requested since the previous look (the
	 * document, its stylesheet, images, and any redirect on the way).
	 */
	public record Document(String url, int status, String html, List<String> requests) {

	}

}

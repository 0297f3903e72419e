package ca.gagephysio.visits;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser-or-robot verdict on real user agents: today's browsers on phones and computers are people; search
 * engines, AI crawlers, headless browsers, link previews and scripts are not.
 */
class VisitorAgentsTests {

	/** What benchmark/wrk-vs-nginx.sh sends, so the benchmark measures a counted page view. */
	static final String BENCHMARK_BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";

	private final VisitorAgents agents = new VisitorAgents();

	@ParameterizedTest
	@ValueSource(strings = {
			"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
			"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
			"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
			"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
			"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
			"Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1",
			BENCHMARK_BROWSER })
	void aPersonsBrowserIsCounted(String userAgent) {
		assertThat(agents.isBrowser(userAgent)).isTrue();
		assertThat(agents.isBrowser(userAgent)).as("the kept verdict").isTrue();
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
			"Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
			"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
			"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
			"facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
			"Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", "curl/8.5.0",
			"python-requests/2.31.0", "Java-http-client/17.0.2", "wrk",
			// office suites checking a link pasted into a document or an email
			"Mozilla/4.0 (compatible; ms-office; MSOffice 16)", "Microsoft Office Existence Discovery",
			"Microsoft Office Protocol Discovery",
			"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Microsoft Outlook 16.0.17928" })
	void aRobotOrAScriptIsNot(String userAgent) {
		assertThat(agents.isBrowser(userAgent)).isFalse();
	}

	@org.junit.jupiter.api.Test
	void aMadeUpUserAgentFarLongerThanAnyBrowsersIsNot() {
		assertThat(agents.isBrowser("Mozilla/5.0 " + "x".repeat(VisitorAgents.MAX_LENGTH))).isFalse();
	}

}

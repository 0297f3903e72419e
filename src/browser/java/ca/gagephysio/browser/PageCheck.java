package ca.gagephysio.browser;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every page and every state a person can reach must pass, checked on the page the browser shows now:
 * <ul>
 * <li>axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules (contrast included) reports no violation, on a desktop
 * window and on a 320 px phone;</li>
 * <li>the Nu HTML Checker finds no error in the HTML as served;</li>
 * <li>the browser requested nothing from another origin (no fonts, scripts or analytics from elsewhere);</li>
 * <li>at 320 CSS px wide (WCAG 1.4.10 reflow) and at 200% zoom of a 1280 × 800 window nothing needs a horizontal
 * scroll bar;</li>
 * <li>every element reached with the Tab key shows a focus indicator (the browser's ring, an outline of at least
 * 2 px or a box shadow) that it does not show unfocused, and sits inside the viewport.</li>
 * </ul>
 * Journeys call {@link #assertMeetsTheBar} after each step; the page list in {@code PageQualityTests} calls it for
 * every URL.
 */
public final class PageCheck {

	static final List<String> WCAG_22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

	/** Enough to reach every link and control on the longest page without looping forever. */
	private static final int MAX_TAB_STOPS = 150;

	/**
	 * Tab presses sent in one action sequence: more than most pages have stops, so most walks take one or two round
	 * trips; the presses after the walk's end only move the focus on and are not looked at.
	 */
	private static final int TABS_PER_ROUND_TRIP = 25;

	/** The axe-core that {@code com.deque.html.axe-core:selenium} ships and its {@link AxeBuilder} injects. */
	private static final String AXE_SOURCE = "/axe.min.js";

	private static final com.fasterxml.jackson.databind.ObjectMapper AXE_RESULTS = new com.fasterxml.jackson.databind.ObjectMapper()
		.configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

	private static String axeSource;

	private final Chromium chromium;

	public PageCheck(Chromium chromium) {
		this.chromium = chromium;
	}

	/** Runs every check on the state the browser shows now, whose served response is {@code document}. */
	public void assertMeetsTheBar(String name, Chromium.Document document) {
		assertValidHtml(name, document);
		assertNoThirdPartyRequests(name, document);
		assertNoAccessibilityViolations(name);
		assertFocusIsVisible(name);
		assertReflowsAt320Pixels(name);
		assertUsableAtDoubleZoom(name);
	}

	public void assertValidHtml(String name, Chromium.Document document) {
		HtmlChecker.Report report = HtmlChecker.check(document.html());
		report.warnings().forEach(warning -> System.out.println("[Nu HTML Checker warning] " + name + ", " + warning));
		assertThat(report.errors()).as("Nu HTML Checker errors on %s (%s)", name, document.url()).isEmpty();
	}

	public void assertNoThirdPartyRequests(String name, Chromium.Document document) {
		String origin = origin(document.url());
		assertThat(document.requests().stream().filter(url -> !url.startsWith("data:") && !origin(url).equals(origin)))
			.as("requests %s made to other origins than %s", name, origin)
			.isEmpty();
	}

	private static String origin(String url) {
		URI uri = URI.create(url);
		return uri.getScheme() + "://" + uri.getAuthority();
	}

	public void assertNoAccessibilityViolations(String name) {
		assertNoViolations(name + " (1280 px)");
		chromium.emulateViewport(320, 640, 1, true);
		try {
			assertNoViolations(name + " (320 px)");
		}
		finally {
			chromium.resetViewport();
		}
	}

	private void assertNoViolations(String name) {
		Results results = hasFrames() ? new AxeBuilder().withTags(WCAG_22_AA).analyze(chromium.driver()) : runAxe();
		assertThat(results.isErrored()).as("axe-core could not run on %s: %s", name, results.getErrorMessage())
			.isFalse();
		assertThat(describe(results.getViolations())).as("axe-core WCAG 2.2 A/AA violations on %s", name).isEmpty();
	}

	/**
	 * Whether the page has frames, which only {@link AxeBuilder} goes into (with axe-core's {@code runPartial} in
	 * each frame and {@code finishRun} in a new browser tab). The back office and the public site have none.
	 */
	private boolean hasFrames() {
		return Boolean.TRUE.equals(chromium.script("return document.querySelector('iframe, frame, object') !== null;"));
	}

	/**
	 * axe-core's {@code axe.run} on the page as {@link AxeBuilder} runs it ({@code withTags}: the same rules, from the
	 * axe-core it ships, {@value #AXE_SOURCE}), on a page without frames, but cheaper: the script (550 KB) is put
	 * into the page once for both widths instead of once per run and again into a tab opened for {@code finishRun},
	 * and only the violations come back ({@code resultTypes}: axe then keeps one node per rule that passed instead of
	 * every one, which is all that came back before to be thrown away; the violations are complete). This took each
	 * staff page's two runs from 6 to 22 s to about 60 % of that on this machine; a comparison on one page gave the
	 * same violations, node for node, both ways.
	 * <p>
	 * The run that decides is made without the parts of the report only a failure needs: each node's HTML, which
	 * axe otherwise copies ({@code outerHTML}) for every element every rule looks at, passing or not
	 * ({@code configure({noHtml: true})}), and the CSS selector of the one node kept per rule that passed
	 * ({@code selectors: false}). Neither changes what a rule finds. Only when it finds a violation is the page run
	 * again with both, after {@code axe.reset()} (which {@code noHtml: false} alone does not undo), so a failure
	 * reports every node with its selector and HTML as before.
	 */
	private Results runAxe() {
		if (!Boolean.TRUE.equals(chromium.script("return typeof window.axe === 'object';"))) {
			chromium.script(axeSource());
		}
		String answer = (String) chromium.driver().executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				const rules = {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']};
				axe.configure({noHtml: true});
				axe.run(document, Object.assign({selectors: false}, rules))
				  .then(found => {
				    if (found.violations.length === 0) return found;
				    axe.reset();
				    return axe.run(document, rules);
				  })
				  .then(results => done(JSON.stringify({violations: results.violations})))
				  .catch(error => done(JSON.stringify({errorMessage: String(error && error.stack || error)})));
				""", WCAG_22_AA);
		try {
			com.fasterxml.jackson.databind.JsonNode read = AXE_RESULTS.readTree(answer);
			if (read.has("errorMessage")) {
				Results failed = new Results();
				failed.setErrorMessage(new IllegalStateException(read.path("errorMessage").asText()));
				return failed;
			}
			return AXE_RESULTS.treeToValue(read, Results.class);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException("axe-core's answer could not be read: " + answer, ex);
		}
	}

	private static synchronized String axeSource() {
		if (axeSource == null) {
			try (java.io.InputStream in = AxeBuilder.class.getResourceAsStream(AXE_SOURCE)) {
				axeSource = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}
		return axeSource;
	}

	public void assertReflowsAt320Pixels(String name) {
		assertNoHorizontalScroll(name + " at 320 px", 320, 640, 1, true);
	}

	/**
	 * 200% zoom of a 1280 × 800 window is a 640 × 400 CSS px viewport with two device pixels to a CSS pixel, which is
	 * what device-metrics emulation sets; text grows with it because every size is in rem or em.
	 */
	public void assertUsableAtDoubleZoom(String name) {
		assertNoHorizontalScroll(name + " at 200% zoom", Chromium.WIDTH / 2, Chromium.HEIGHT / 2, 2, false);
	}

	private void assertNoHorizontalScroll(String name, int width, int height, double scale, boolean mobile) {
		chromium.emulateViewport(width, height, scale, mobile);
		try {
			@SuppressWarnings("unchecked")
			Map<String, Object> layout = (Map<String, Object>) chromium.script("""
					const root = document.documentElement;
					const wide = [...document.querySelectorAll('body *')]
					  .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1)
					  .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
					return {viewport: root.clientWidth, content: root.scrollWidth, wide: wide.join(', ')};
					""");
			// A picture for a person to look at when the check fails; only then, as each one costs a capture.
			if (((Number) layout.get("content")).intValue() > ((Number) layout.get("viewport")).intValue()) {
				chromium.screenshot(name);
			}
			assertThat(((Number) layout.get("content")).intValue())
				.as("%s: content is %s px wide in a %s px viewport (too wide: %s)", name, layout.get("content"),
						layout.get("viewport"), layout.get("wide"))
				.isLessThanOrEqualTo(((Number) layout.get("viewport")).intValue());
		}
		finally {
			chromium.resetViewport();
		}
	}

	/**
	 * Presses Tab from the top of the page through every focusable element, as a keyboard user does, and checks each
	 * one shows where the focus is: the first one looks different focused than not, and each one, as it is when the
	 * Tab key comes up, has an outline of at least 2 px, the browser's own ring or a box shadow, and lies inside the
	 * viewport (WCAG 2.4.7 focus visible, 2.4.11 focus not obscured).
	 * <p>
	 * The walk ends where the focus leaves the page or comes back to the first element, after at most
	 * {@value #MAX_TAB_STOPS} presses. The presses go {@value #TABS_PER_ROUND_TRIP} at a time in one action sequence,
	 * and each one's state is taken by a listener in the page when its key comes up ({@link #TAB_STOP_RECORDER}):
	 * what a script run after each press read before, in two round trips to the browser per press (a third of the
	 * browser lane's page checks went into them). A press the page saw go down and not come up moved the focus out of
	 * the page, which ends the walk as a press that left it on nothing did.
	 */
	public void assertFocusIsVisible(String name) {
		chromium.script(TAB_STOP_RECORDER);
		List<String> invisible = new ArrayList<>();
		boolean reachedOne = false;
		boolean ended = false;
		for (int pressed = 0; !ended && pressed < MAX_TAB_STOPS; pressed += TABS_PER_ROUND_TRIP) {
			Actions presses = new Actions(chromium.driver());
			for (int i = 0; i < Math.min(TABS_PER_ROUND_TRIP, MAX_TAB_STOPS - pressed); i++) {
				presses.sendKeys(Keys.TAB);
			}
			presses.perform();
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> events = (List<Map<String, Object>>) chromium
				.script("const events = window.clinicTabStops; window.clinicTabStops = []; return events;");
			for (int i = 0; i < events.size() && !ended; i++) {
				Map<String, Object> event = events.get(i);
				if ("down".equals(event.get("key"))) {
					boolean cameUp = i + 1 < events.size() && "up".equals(events.get(i + 1).get("key"));
					ended = !cameUp;
					continue;
				}
				if (!Boolean.TRUE.equals(event.get("focused")) || Boolean.TRUE.equals(event.get("backToFirst"))) {
					ended = true;
					continue;
				}
				reachedOne = true;
				Map<String, Object> style = new LinkedHashMap<>(event);
				style.keySet().removeAll(List.of("key", "focused", "backToFirst"));
				if (!showsFocus(style)) {
					invisible.add(style.get("element") + " " + style);
				}
			}
		}
		assertThat(reachedOne).as("%s: Tab reaches at least one link", name).isTrue();
		@SuppressWarnings("unchecked")
		Map<String, Object> unfocusedFirst = (Map<String, Object>) chromium.script("""
				const e = window.clinicFirstTabStop;
				e.blur();
				const s = getComputedStyle(e);
				return {outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0,
				  boxShadow: s.boxShadow, inViewport: true};
				""");
		assertThat(showsFocus(unfocusedFirst)).as("%s: the focus indicator only appears on focus (%s)", name,
				unfocusedFirst)
			.isFalse();
		assertThat(invisible).as("%s: elements without a visible focus indicator or outside the viewport", name)
			.isEmpty();
	}

	/**
	 * Puts into the page (once per document) the listeners {@link #assertFocusIsVisible} reads: for each Tab key going
	 * down {@code {key: "down"}}, and for each coming up the element it left focused with its focus style, or
	 * {@code focused: false} when that is the page itself; {@code backToFirst} when it is the first element again.
	 * Then starts from the top of the page with nothing focused. Capturing listeners on the document: they run before
	 * any of the page's own.
	 */
	private static final String TAB_STOP_RECORDER = """
			if (!window.clinicTabStops) {
			  document.addEventListener('keydown', event => {
			    if (event.key === 'Tab') window.clinicTabStops.push({key: 'down'});
			  }, true);
			  document.addEventListener('keyup', event => {
			    if (event.key !== 'Tab') return;
			    const e = document.activeElement;
			    if (!e || e === document.body) { window.clinicTabStops.push({key: 'up', focused: false}); return; }
			    const backToFirst = window.clinicFirstTabStop === e;
			    if (!window.clinicFirstTabStop) window.clinicFirstTabStop = e;
			    const s = getComputedStyle(e), r = e.getBoundingClientRect();
			    window.clinicTabStops.push({key: 'up', focused: true, backToFirst: backToFirst,
			      element: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' "' + e.textContent.trim().slice(0, 40) + '"',
			      outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0, boxShadow: s.boxShadow,
			      inViewport: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth});
			  }, true);
			}
			window.clinicTabStops = [];
			window.clinicFirstTabStop = null;
			window.scrollTo(0, 0);
			document.activeElement && document.activeElement.blur();
			""";

	private static boolean showsFocus(Map<String, Object> style) {
		// "auto" is the browser's own focus ring, which Chromium draws at least 2 px wide whatever the width says.
		boolean outline = "auto".equals(style.get("outlineStyle")) || (!"none".equals(style.get("outlineStyle"))
				&& ((Number) style.get("outlineWidth")).doubleValue() >= 2);
		boolean shadow = !"none".equals(style.get("boxShadow"));
		return (outline || shadow) && Boolean.TRUE.equals(style.get("inViewport"));
	}

	private static List<String> describe(List<Rule> violations) {
		List<String> lines = new ArrayList<>();
		for (Rule rule : violations) {
			lines.add("%s (%s): %s%n    %s".formatted(rule.getId(), rule.getImpact(), rule.getHelp(),
					rule.getHelpUrl()));
			for (CheckedNode node : rule.getNodes()) {
				lines.add("    at %s%n      %s%n      %s".formatted(node.getTarget(), node.getHtml(),
						String.valueOf(node.getFailureSummary()).replace("\n", "\n      ")));
			}
		}
		return lines;
	}

}

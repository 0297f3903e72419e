package ca.gagephysio.browser;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Proves each check of {@link PageCheck} catches what it is there to catch, on small pages made to break exactly one
 * rule, so a green page list means something.
 */
@Tag("browser")
@ExtendWith(ChromiumExtension.class)
class PageCheckSelfTests {

	private static final String GOOD_HEAD = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
			+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Test</title>";

	private static final String GOOD_BODY = "<main><h1>Test</h1><p><a href=\"#x\">A link</a></p></main>";

	@Test
	void passesAPageThatBreaksNoRule(Chromium chromium) {
		Chromium.Document document = open(chromium, GOOD_HEAD + "</head><body>" + GOOD_BODY + "</body></html>");

		assertThatCode(() -> new PageCheck(chromium).assertMeetsTheBar("a good page", document))
			.doesNotThrowAnyException();
	}

	@Test
	void reportsInvalidHtml(Chromium chromium) {
		Chromium.Document document = open(chromium, GOOD_HEAD + "</head><body><main><h1>Test</h1>"
				+ "<p><div>a block inside a paragraph</div></p><span id=\"twice\"></span><span id=\"twice\"></span>"
				+ "</main></body></html>");

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> new PageCheck(chromium).assertValidHtml("an invalid page", document))
			.withMessageContaining("Duplicate ID");
	}

	@Test
	void reportsARequestToAnotherOrigin(Chromium chromium) {
		// Another loopback address is another origin, and nothing listens there, so nothing leaves the machine.
		Chromium.Document document = open(chromium, GOOD_HEAD + "<link rel=\"stylesheet\" "
				+ "href=\"http://127.0.0.2:9/font.css\"></head><body>" + GOOD_BODY + "</body></html>");

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> new PageCheck(chromium).assertNoThirdPartyRequests("a page with a foreign font",
					document))
			.withMessageContaining("127.0.0.2:9");
	}

	@Test
	void reportsAnImageWithoutAltTextAndLowContrast(Chromium chromium) {
		open(chromium, GOOD_HEAD + "</head><body><main><h1>Test</h1><img src=\"data:,\" width=\"10\" height=\"10\">"
				+ "<p style=\"color:#bbb;background:#fff\">hard to read</p></main></body></html>");

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> new PageCheck(chromium).assertNoAccessibilityViolations("an inaccessible page"))
			.withMessageContaining("image-alt")
			.withMessageContaining("color-contrast")
			// each node with its selector and its HTML, which the run that decides leaves out (PageCheck.runAxe)
			.withMessageContaining("at [img]")
			.withMessageContaining("<img src=\"data:,\"");
	}

	@Test
	void reportsContentWiderThanAPhone(Chromium chromium) {
		open(chromium, GOOD_HEAD + "</head><body><main><h1>Test</h1><p style=\"width:600px\">wide</p></main>"
				+ "</body></html>");

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> new PageCheck(chromium).assertReflowsAt320Pixels("a wide page"))
			.withMessageContaining("at 320 px");
	}

	@Test
	void reportsContentThatDoesNotReflowWhenZoomed(Chromium chromium) {
		open(chromium, GOOD_HEAD + "</head><body><main><h1>Test</h1><p style=\"width:1000px\">wide</p></main>"
				+ "</body></html>");

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> new PageCheck(chromium).assertUsableAtDoubleZoom("a fixed-width page"))
			.withMessageContaining("at 200% zoom");
	}

	@Test
	void reportsAFocusIndicatorThatWasRemoved(Chromium chromium) {
		open(chromium, GOOD_HEAD + "<style>a:focus, a:focus-visible { outline: none; }</style></head><body>"
				+ GOOD_BODY + "</body></html>");

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> new PageCheck(chromium).assertFocusIsVisible("a page without focus styles"));
	}

	@Test
	void reportsAFocusIndicatorShownWithoutFocusToo(Chromium chromium) {
		open(chromium, GOOD_HEAD + "<style>a { outline: 3px solid #000; }</style></head><body>" + GOOD_BODY
				+ "</body></html>");

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> new PageCheck(chromium).assertFocusIsVisible("a page that outlines every link"))
			.withMessageContaining("only appears on focus");
	}

	@Test
	void reportsALinkFocusedOutsideTheViewport(Chromium chromium) {
		open(chromium, GOOD_HEAD + "</head><body>" + GOOD_BODY.replace("</main>",
				"<a href=\"#y\" style=\"position:absolute;left:-9999px\">off the screen</a></main>") + "</body></html>");

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> new PageCheck(chromium).assertFocusIsVisible("a page with a link off the screen"))
			.withMessageContaining("off the screen");
	}

	/**
	 * Far more stops than {@link PageCheck} sends Tab presses in one round trip: every one is looked at, the last
	 * rounds' too, and the walk ends where it comes back round.
	 */
	@Test
	void looksAtEveryStopOfALongPage(Chromium chromium) {
		String links = manyLinks(-1);
		open(chromium, GOOD_HEAD + "</head><body><main><h1>Test</h1>" + links + "</main></body></html>");
		assertThatCode(() -> new PageCheck(chromium).assertFocusIsVisible("a long page"))
			.doesNotThrowAnyException();

		open(chromium, GOOD_HEAD + "<style>a.bare:focus, a.bare:focus-visible { outline: none; }</style></head>"
				+ "<body><main><h1>Test</h1>" + manyLinks(58) + "</main></body></html>");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> new PageCheck(chromium).assertFocusIsVisible("a long page, one link bare"))
			.withMessageContaining("Link 58")
			.withMessageNotContaining("Link 57");
	}

	/** Sixty links, "Link 1" to "Link 60"; the one numbered {@code bare} (if any) with the class {@code bare}. */
	private static String manyLinks(int bare) {
		StringBuilder links = new StringBuilder("<ul>");
		for (int i = 1; i <= 60; i++) {
			links.append("<li><a href=\"#l").append(i).append('"').append(i == bare ? " class=\"bare\"" : "")
				.append(">Link ").append(i).append("</a></li>");
		}
		return links.append("</ul>").toString();
	}

	private static Chromium.Document open(Chromium chromium, String html) {
		return chromium.open("data:text/html;charset=utf-8,"
				+ URLEncoder.encode(html, StandardCharsets.UTF_8).replace("+", "%20"));
	}

}

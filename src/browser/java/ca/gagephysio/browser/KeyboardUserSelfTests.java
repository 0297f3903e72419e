package ca.gagephysio.browser;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Proves {@link KeyboardUser} stops the focus on the control it was sent to, however many round trips of Tab presses
 * that takes, so what is typed next goes where a person who stopped pressing Tab there would type it.
 */
@Tag("browser")
@ExtendWith(ChromiumExtension.class)
class KeyboardUserSelfTests {

	/** Thirty links, "Link 1" to "Link 30", then a field labelled "Name", then one more link. */
	private static final String PAGE;

	static {
		StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
				+ "<title>Test</title></head><body><main><h1>Test</h1><ul>");
		for (int i = 1; i <= 30; i++) {
			html.append("<li><a href=\"#l").append(i).append("\">Link ").append(i).append("</a></li>");
		}
		PAGE = html.append("</ul><label for=\"name\">Name</label> <input id=\"name\">")
			.append("<p><a href=\"#after\">After</a></p></main></body></html>")
			.toString();
	}

	@Test
	void stopsOnTheControlSoughtAndTypesIntoIt(Chromium chromium) {
		open(chromium);

		new KeyboardUser(chromium).tabTo("Name").type("Ada");

		assertThat(chromium.script("return document.activeElement.id;")).isEqualTo("name");
		assertThat(chromium.script("return document.getElementById('name').value;")).isEqualTo("Ada");
	}

	@Test
	void goesBackUpThePageWithShiftTab(Chromium chromium) {
		open(chromium);
		KeyboardUser person = new KeyboardUser(chromium).tabTo("Name");

		person.tabBackTo("Link 12");

		assertThat(chromium.script("return document.activeElement.textContent;")).isEqualTo("Link 12");
		person.tabTo("Link 13");
		assertThat(chromium.script("return document.activeElement.textContent;")).isEqualTo("Link 13");
	}

	@Test
	void failsNamingWhatItReachedWhenNoControlHasTheLabel(Chromium chromium) {
		open(chromium);

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> new KeyboardUser(chromium).tabTo("Nowhere"))
			.withMessageContaining("No control labelled \"Nowhere\"")
			.withMessageContaining("Link 30")
			.withMessageContaining("Name");
	}

	private static void open(Chromium chromium) {
		chromium.open("data:text/html;charset=utf-8," + URLEncoder.encode(PAGE, StandardCharsets.UTF_8).replace("+", "%20"));
	}

}

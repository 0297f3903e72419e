package ca.gagephysio.browser;

import ca.gagephysio.ClinicIntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Keys;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Journeys a person makes with the keyboard alone, in a real browser. Each step that shows a new page or state is
 * held to the same bar as every page ({@link PageCheck}).
 */
@Tag("browser")
@ClinicIntegrationTest
@ExtendWith(ChromiumExtension.class)
class KeyboardJourneyTests {

	@LocalServerPort
	int port;

	@Test
	void skipLinkTakesAKeyboardUserPastTheHeaderToTheContent(Chromium chromium) {
		chromium.open(url("/no-such-page"));
		KeyboardUser person = new KeyboardUser(chromium);

		person.tabTo("Skip to main content").pressEnter().press(Keys.TAB);

		assertThat(chromium.script("return document.querySelector('main').contains(document.activeElement);"))
			.as("focus after following the skip link and pressing Tab (on %s)", person.focused().getText())
			.isEqualTo(true);
	}

	@Test
	void aKeyboardUserCanLeaveTheNotFoundPageForTheHomePage(Chromium chromium) {
		chromium.open(url("/no-such-page"));

		new KeyboardUser(chromium).tabTo("Go to the home page").pressEnter();

		assertThat(chromium.driver().getCurrentUrl()).isEqualTo(url("/"));
	}

	private String url(String path) {
		return "http://127.0.0.1:" + port + path;
	}

}

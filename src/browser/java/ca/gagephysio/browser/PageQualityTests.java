package ca.gagephysio.browser;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.fees.SavedFees;
import ca.gagephysio.image.Images;
import ca.gagephysio.image.StoredImage;
import ca.gagephysio.notification.UnsubscribeLinks;
import ca.gagephysio.shared.PublicContentChanged;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every public page a person can open by its address, in a real browser: accessible (WCAG 2.2 AA), valid HTML,
 * usable at 320 px and at 200% zoom, with visible focus. The back office is checked signed in by
 * {@code StaffPageQualityTests}; states reached by a journey (the form with errors, the confirmation, the 429 page, a
 * failed sign-in, an inquiry's timeline, signed out) by {@code InquiryJourneyTests} and {@code StaffJourneyTests},
 * with the same {@link PageCheck}.
 */
@Tag("browser")
@ClinicIntegrationTest
@ExtendWith(ChromiumExtension.class)
class PageQualityTests {

	private static final String SEED_ARTICLE = "massage-for-back-pain";

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	/** One line per page: a name for the report, its path, and the status it answers with. */
	static Stream<Arguments> pages() {
		return Stream.of(page("the not-found page", "/no-such-page", 404), page("the home page", "/", 200),
				page("the Health Tips list", "/articles", 200),
				page("the article", "/articles/massage-for-back-pain", 200), page("the team", "/team", 200),
				page("the physiotherapist's bio", "/team/valerie-van-woudenberg", 200),
				page("the privacy page", "/privacy", 200),
				page("the fees page, once an administrator saved fees", "/fees", 200),
				page("the inquiry form", "/inquiry?from=massage-for-back-pain", 200),
				page("the staff sign-in page", "/login", 200),
				page("the sign-in page after too many attempts", "/login?throttled", 200),
				page("the sign-in page saying how long to wait", "/login?throttled=600", 200),
				page("the sign-in page when an attempt could not be counted", "/login?unavailable", 200),
				page("the sign-in page after the session ended", "/login?expired", 200),
				page("the unsubscribe page with its button", "{unsubscribe}", 200),
				page("the unsubscribe page once done", "{unsubscribe}?done", 200),
				page("the unsubscribe page for a link that is not the clinic's", "/unsubscribe/not-a-clinic-link",
						400));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("pages")
	void meetsTheAccessibilityValidityAndLayoutBar(String name, String path, int status, Chromium chromium) {
		// The seed has no fees (none is invented): the fees page exists only once some are saved.
		boolean fees = path.equals("/fees");
		if (fees) {
			SavedFees.publishExample(context);
		}
		try {
			String resolved = path.replace("{unsubscribe}",
					UnsubscribeLinks.pathFor(context, "unsubscribe.page@example.com"));
			Chromium.Document document = chromium.open("http://127.0.0.1:" + port + resolved);

			assertThat(document.status()).as("status of %s", path).isEqualTo(status);
			new PageCheck(chromium).assertMeetsTheBar(name, document);
		}
		finally {
			if (fees) {
				SavedFees.forget(context);
			}
		}
	}

	/**
	 * Issue 21: a portrait hero photo is shown in a landscape frame on a phone, on the Health Tips list and on the
	 * article itself, rather than as a whole screen (cropped, its proportions kept). The seed article gets a tall
	 * picture for the check and has none again after it.
	 */
	@Test
	void aPortraitHeroIsShownInALandscapeFrameOnAPhone(Chromium chromium) throws IOException {
		JdbcClient jdbc = context.getBean(JdbcClient.class);
		ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
		ImageIO.write(new BufferedImage(900, 1600, BufferedImage.TYPE_INT_RGB), "jpg", jpeg);
		StoredImage tall = context.getBean(Images.class)
			.store(new ByteArrayInputStream(jpeg.toByteArray()), "browser.test@example.com");
		jdbc.sql("update article set hero_image_id = ?, hero_alt = 'A tall test picture' where slug = ?")
			.params(tall.id(), SEED_ARTICLE)
			.update();
		context.publishEvent(PublicContentChanged.everyPage("article"));
		chromium.emulateViewport(390, 844, 3, true);
		try {
			for (String path : List.of("/articles", "/articles/" + SEED_ARTICLE)) {
				chromium.open("http://127.0.0.1:" + port + path);
				@SuppressWarnings("unchecked")
				Map<String, Object> box = (Map<String, Object>) chromium.script("""
						const box = document.querySelector("main img[alt='A tall test picture']").getBoundingClientRect();
						return {width: box.width, height: box.height, screen: window.innerHeight};""");
				double width = ((Number) box.get("width")).doubleValue();
				double height = ((Number) box.get("height")).doubleValue();
				chromium.screenshot("a portrait hero on a phone, " + path.replace('/', ' ').strip());
				assertThat(width).as("the hero's width on %s", path).isGreaterThan(height);
				assertThat(height).as("the hero's height on %s", path)
					.isLessThan(((Number) box.get("screen")).doubleValue() / 2);
			}
		}
		finally {
			chromium.resetViewport();
			jdbc.sql("update article set hero_image_id = null, hero_alt = null where slug = ?")
				.param(SEED_ARTICLE)
				.update();
			context.publishEvent(PublicContentChanged.everyPage("article"));
		}
	}

	private static Arguments page(String name, String path, int status) {
		return Arguments.of(name, path, status);
	}

}

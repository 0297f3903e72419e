package ca.gagephysio.image;

import java.io.ByteArrayInputStream;

import ca.gagephysio.ClinicIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

@ClinicIntegrationTest
class ImageServingTests {

	@Autowired
	Images images;

	@Autowired
	MockMvcTester mvc;

	@Test
	void eachVariantIsServedUnderItsContentHashForAYearWithItsTypeAndNoSniffing() {
		StoredImage image = images.store(new ByteArrayInputStream(TestImages.jpeg(2000, 1500)), "test@example.com");

		assertThat(image.widths()).containsExactly(480, 960, 1440);
		assertThat(image.width()).isEqualTo(1440);
		assertThat(image.height()).isEqualTo(1080);
		for (int width : image.widths()) {
			MvcTestResult served = mvc.get().uri(image.url(width)).exchange();

			assertThat(served).hasStatusOk().hasContentType("image/jpeg");
			assertThat(served).headers()
				.hasValue("Cache-Control", "max-age=31536000, public, immutable")
				.hasValue("X-Content-Type-Options", "nosniff")
				.containsHeader("Content-Security-Policy");
			assertThat(TestImages.size(served.getResponse().getContentAsByteArray())[0]).isEqualTo(width);
		}
		assertThat(image.url(960)).matches("/images/[0-9a-f]{32}-960\\.jpg");
		assertThat(image.srcset()).isEqualTo(image.url(480) + " 480w, " + image.url(960) + " 960w, "
				+ image.url(1440) + " 1440w");
		assertThat(image.src()).isEqualTo(image.url(960));
	}

	@Test
	void aTransparentImageIsServedAsPng() {
		StoredImage image = images.store(new ByteArrayInputStream(TestImages.transparentPng(700, 500)),
				"test@example.com");

		assertThat(image.url(700)).endsWith(".png");
		assertThat(mvc.get().uri(image.url(700)).exchange()).hasStatusOk().hasContentType("image/png");
		assertThat(mvc.get().uri(image.url(700).replace(".png", ".jpg")).exchange()).hasStatus(404);
	}

	@Test
	void aVariantOfSeveralMegabytesIsStoredAndServedWhole() {
		byte[] upload = TestImages.noisyTransparentPng(1440, 1000);
		assertThat(upload.length).isBetween(4_000_000, 10 * 1024 * 1024);

		StoredImage image = images.store(new ByteArrayInputStream(upload), "test@example.com");

		byte[] served = mvc.get().uri(image.url(1440)).exchange().getResponse().getContentAsByteArray();
		assertThat(served.length).isGreaterThan(4_000_000);
		assertThat(TestImages.size(served)).containsExactly(1440, 1000);
	}

	@Test
	void theSamePictureUploadedTwiceIsStoredOnce() {
		byte[] photo = TestImages.jpeg(900, 600);

		StoredImage first = images.store(new ByteArrayInputStream(photo), "one@example.com");
		StoredImage second = images.store(new ByteArrayInputStream(photo), "two@example.com");

		assertThat(second).isEqualTo(first);
		assertThat(images.find(first.id())).contains(first);
	}

	@Test
	void anUnknownHashOrWidthIsNotFound() {
		StoredImage image = images.store(new ByteArrayInputStream(TestImages.jpeg(500, 500)), "test@example.com");

		assertThat(mvc.get().uri(image.url(480).replace("-480", "-481")).exchange()).hasStatus(404);
		assertThat(mvc.get().uri("/images/0123456789abcdef0123456789abcdef-480.jpg").exchange()).hasStatus(404);
	}

}

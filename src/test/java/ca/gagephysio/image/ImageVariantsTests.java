package ca.gagephysio.image;

import java.nio.charset.StandardCharsets;
import java.util.List;

import ca.gagephysio.image.ImageVariants.Converted;
import ca.gagephysio.image.ImageVariants.Variant;
import org.apache.commons.imaging.Imaging;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageVariantsTests {

	@Test
	void aPhotoIsServedAt480960And1440PixelsWide() {
		Converted converted = ImageVariants.convert(TestImages.jpeg(3000, 2000));

		assertThat(converted.mediaType()).isEqualTo("image/jpeg");
		assertThat(converted.variants()).extracting(Variant::width).containsExactly(480, 960, 1440);
		assertThat(converted.variants()).extracting(Variant::height).containsExactly(320, 640, 960);
		for (Variant variant : converted.variants()) {
			assertThat(TestImages.size(variant.bytes())).containsExactly(variant.width(), variant.height());
		}
	}

	@Test
	void aVeryTallImageIsDecodedWithinThePixelBudgetAndKeepsItsShape() {
		// 1,500 x 9,000 whole would be 13.5 megapixels; decoded at every other pixel it is 750 x 4,500.
		List<Variant> variants = ImageVariants.convert(TestImages.jpeg(1500, 9000)).variants();

		assertThat(variants).extracting(Variant::width).containsExactly(480, 750);
		assertThat(variants).extracting(Variant::height).containsExactly(2880, 4500);
	}

	@Test
	void aSmallImageIsNeverEnlarged() {
		assertThat(ImageVariants.convert(TestImages.jpeg(1000, 500)).variants()).extracting(Variant::width)
			.containsExactly(480, 960, 1000);
		assertThat(ImageVariants.convert(TestImages.jpeg(300, 300)).variants()).extracting(Variant::width)
			.containsExactly(300);
	}

	@Test
	void aJpegWithGpsAndASerialNumberComesOutWithNoMetadataAtAll() throws Exception {
		byte[] upload = TestImages.jpegWithGps(1600, 1200, 1);
		assertThat(Imaging.getMetadata(upload).toString()).contains("GPS").contains(TestImages.CAMERA_SERIAL);

		for (Variant variant : ImageVariants.convert(upload).variants()) {
			String bytes = new String(variant.bytes(), StandardCharsets.ISO_8859_1);
			assertThat(bytes).doesNotContain("Exif").doesNotContain(TestImages.CAMERA_SERIAL);
			assertThat(Imaging.getMetadata(variant.bytes())).as("metadata of the %d px variant", variant.width())
				.satisfiesAnyOf(metadata -> assertThat(metadata).isNull(),
						metadata -> assertThat(metadata.toString()).doesNotContain("GPS"));
		}
	}

	@Test
	void aPhotoTakenWithThePhoneTurnedComesOutUpright() {
		// Stored 1600 x 1200 with orientation 6: the camera says "turn it a quarter clockwise to view it".
		List<Variant> variants = ImageVariants.convert(TestImages.jpegWithGps(1600, 1200, 6)).variants();

		assertThat(variants).last().satisfies(largest -> {
			assertThat(largest.width()).isEqualTo(1200);
			assertThat(largest.height()).isEqualTo(1600);
		});
		assertThat(variants).extracting(Variant::width).containsExactly(480, 960, 1200);
	}

	@Test
	void transparencyIsKeptAsPng() {
		Converted converted = ImageVariants.convert(TestImages.transparentPng(800, 600));

		assertThat(converted.mediaType()).isEqualTo("image/png");
		assertThat(converted.variants()).extracting(Variant::width).containsExactly(480, 800);
	}

	@Test
	void webpIsReadAndServedAsJpegOrPngSinceJavaCannotWriteWebp() {
		assertThat(ImageVariants.convert(TestImages.resource("photo-600x400.webp"))).satisfies(photo -> {
			assertThat(photo.mediaType()).isEqualTo("image/jpeg");
			assertThat(photo.variants()).extracting(Variant::width).containsExactly(480, 600);
			assertThat(photo.variants()).extracting(Variant::height).containsExactly(320, 400);
		});
		assertThat(ImageVariants.convert(TestImages.resource("transparent-300x200.webp")).mediaType())
			.isEqualTo("image/png");
	}

	@Test
	void aRenamedTextFileIsRefusedAsNotAnImage() {
		assertRefused(TestImages.text(), "image.rejected.type");
	}

	@Test
	void anSvgIsRefusedEvenThoughBrowsersShowIt() {
		assertRefused(TestImages.svg(), "image.rejected.svg");
	}

	@Test
	void aPdfIsRefused() {
		assertRefused(TestImages.pdf(), "image.rejected.pdf");
	}

	@Test
	void anImageBombIsRefusedFromItsHeaderBeforeAnyPixelIsDecoded() {
		byte[] bomb = TestImages.pngBomb();
		assertThat(bomb.length).isLessThan(200_000);

		assertThatThrownBy(() -> ImageVariants.convert(bomb)).isInstanceOfSatisfying(ImageRejected.class,
				rejected -> {
					assertThat(rejected.messageKey()).isEqualTo("image.rejected.too-many-pixels");
					assertThat(rejected.arguments()).startsWith(20_000, 20_000);
				});
	}

	@Test
	void aFileOverTenMegabytesIsRefused() {
		assertRefused(TestImages.overTenMegabytes(), "image.rejected.too-large");
	}

	@Test
	void aTruncatedJpegIsRefusedAsUnreadable() {
		byte[] jpeg = TestImages.jpeg(400, 300);
		assertRefused(java.util.Arrays.copyOf(jpeg, 200), "image.rejected.unreadable");
	}

	@Test
	void anEmptyFileIsRefused() {
		assertRefused(new byte[0], "image.rejected.empty");
	}

	private static void assertRefused(byte[] upload, String messageKey) {
		assertThatThrownBy(() -> ImageVariants.convert(upload)).isInstanceOfSatisfying(ImageRejected.class,
				rejected -> assertThat(rejected.messageKey()).isEqualTo(messageKey));
	}

}

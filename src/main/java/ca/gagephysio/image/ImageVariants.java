package ca.gagephysio.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.ExifUtils;
import net.coobird.thumbnailator.util.exif.Orientation;

/**
 * Turns uploaded bytes into the variants the site serves, or refuses them. The order matters for safety: the type
 * is decided from the bytes themselves (never the file name or the declared type), the dimensions are read from the
 * header before a single pixel is decoded (a 20,000 x 20,000 "image bomb" would need 1.6 GB), and what is served is
 * re-encoded from pixels alone, so EXIF (GPS position, camera serial), XMP and ICC data never leave the server.
 * <p>
 * Reading is done by TwelveMonkeys ImageIO (JPEG, including CMYK and broken profiles the JDK reader fails on; WebP,
 * which the JDK cannot read at all) and scaling by Thumbnailator. Output is JPEG, or PNG when the image has
 * transparency: there is no pure-Java WebP encoder, so WebP uploads come out as one of those two.
 */
final class ImageVariants {

	/** The largest upload accepted: 10 MB (10 x 1024 x 1024 bytes). */
	static final long MAX_BYTES = 10L * 1024 * 1024;

	/** Longest side accepted, in pixels; larger ones are almost always a mistake or an attack. */
	static final int MAX_SIDE = 12_000;

	/** Most pixels accepted: 50 megapixels, more than any phone's ordinary photo. */
	static final long MAX_PIXELS = 50_000_000L;

	/** Widths served, in pixels; an image narrower than one of them is never enlarged to it. */
	static final List<Integer> WIDTHS = List.of(480, 960, 1440);

	/** The width of the fallback {@code src}. */
	static final int DEFAULT_WIDTH = 960;

	private static final int LARGEST = 1440;

	/** Most pixels decoded at once: 6 megapixels, 24 MB as ARGB. */
	private static final long DECODE_BUDGET_PIXELS = 6_000_000L;

	private static final float JPEG_QUALITY = 0.82f;

	private ImageVariants() {
	}

	/**
	 * Checks and converts one upload.
	 * @param bytes the whole upload, at most {@link #MAX_BYTES}
	 * @return the variants, smallest first, all in one media type
	 * @throws ImageRejected if the bytes are not a JPEG, PNG or WebP that can be decoded within the limits
	 */
	static Converted convert(byte[] bytes) {
		if (bytes.length > MAX_BYTES) {
			throw new ImageRejected("image.rejected.too-large", MAX_BYTES / (1024 * 1024));
		}
		Kind kind = Kind.sniff(bytes);
		BufferedImage upright = decode(bytes, kind);
		boolean transparent = upright.getColorModel().hasAlpha();
		String format = transparent ? "png" : "jpg";
		List<Variant> variants = new ArrayList<>();
		for (int width : widthsFor(upright.getWidth())) {
			variants.add(encode(upright, width, format, transparent));
		}
		return new Converted(transparent ? "image/png" : "image/jpeg", variants);
	}

	/** The standard widths below the image's own, then its own width capped at the largest: never upscaled. */
	static List<Integer> widthsFor(int originalWidth) {
		List<Integer> widths = new ArrayList<>();
		for (int width : WIDTHS) {
			if (width < originalWidth && width < LARGEST) {
				widths.add(width);
			}
		}
		widths.add(Math.min(originalWidth, LARGEST));
		return widths;
	}

	private static BufferedImage decode(byte[] bytes, Kind kind) {
		ImageReader reader = reader(kind);
		try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
			reader.setInput(in, true, true);
			int width = reader.getWidth(0);
			int height = reader.getHeight(0);
			if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
				throw new ImageRejected("image.rejected.too-many-pixels", width, height, MAX_SIDE,
						MAX_PIXELS / 1_000_000);
			}
			Orientation orientation = kind == Kind.JPEG ? exifOrientation(bytes) : null;
			boolean turned = orientation != null && orientation.ordinal() >= Orientation.LEFT_TOP.ordinal();
			int uprightWidth = turned ? height : width;
			ImageReadParam param = reader.getDefaultReadParam();
			// Decoding a 12-megapixel photo whole takes about 48 MB; the site runs in a 96 MB heap. Skipping rows and
			// columns while decoding keeps at least the largest variant's width where the pixel budget allows (a very
			// tall image comes out narrower), and Thumbnailator's progressive downscaling then smooths what
			// subsampling alone would alias.
			int step = Math.max(1, uprightWidth / LARGEST);
			while ((long) (width / step) * (height / step) > DECODE_BUDGET_PIXELS) {
				step++;
			}
			param.setSourceSubsampling(step, step, 0, 0);
			BufferedImage image = reader.read(0, param);
			return orientation == null ? image : ExifFilterUtils.getFilterForOrientation(orientation).apply(image);
		}
		catch (ImageRejected rejected) {
			throw rejected;
		}
		catch (IOException | RuntimeException ex) {
			throw new ImageRejected("image.rejected.unreadable", ex);
		}
		finally {
			reader.dispose();
		}
	}

	private static ImageReader reader(Kind kind) {
		Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(kind.formatName);
		if (!readers.hasNext()) {
			throw new IllegalStateException("No ImageIO reader for " + kind + ": is TwelveMonkeys on the class path?");
		}
		return readers.next();
	}

	/**
	 * The EXIF orientation, found by walking the JPEG's segments to its APP1 "Exif" segment. Done by hand rather than
	 * through the reader's metadata tree, whose layout differs between the JDK's and TwelveMonkeys' readers.
	 */
	static Orientation exifOrientation(byte[] jpeg) {
		int at = 2;
		while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
			int marker = jpeg[at + 1] & 0xFF;
			if (marker == 0xDA || marker == 0xD9) {
				return null;
			}
			int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
			if (length < 2 || at + 2 + length > jpeg.length) {
				return null;
			}
			if (marker == 0xE1 && length > 8) {
				byte[] segment = Arrays.copyOfRange(jpeg, at + 4, at + 2 + length);
				try {
					Orientation orientation = ExifUtils.getOrientationFromExif(segment);
					if (orientation != null) {
						return orientation;
					}
				}
				catch (RuntimeException malformed) {
					return null;
				}
			}
			at += 2 + length;
		}
		return null;
	}

	private static Variant encode(BufferedImage image, int width, String format, boolean transparent) {
		try {
			BufferedImage scaled = Thumbnails.of(image)
				.width(width)
				// Drawn afresh into plain RGB (or ARGB): a CMYK or grey source would otherwise give a JPEG some
				// browsers show in the wrong colours.
				.imageType(transparent ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB)
				.asBufferedImage();
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			// Written from pixels alone, with no metadata object: nothing of the upload's EXIF, XMP or ICC survives.
			ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
			try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
				writer.setOutput(stream);
				ImageWriteParam param = writer.getDefaultWriteParam();
				if (!transparent) {
					param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
					param.setCompressionQuality(JPEG_QUALITY);
				}
				writer.write(null, new IIOImage(scaled, null, null), param);
			}
			finally {
				writer.dispose();
			}
			return new Variant(scaled.getWidth(), scaled.getHeight(), out.toByteArray());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not encode an image variant", ex);
		}
	}

	/** What the bytes begin with, which is all that decides the type. */
	enum Kind {

		JPEG("jpeg"), PNG("png"), WEBP("webp");

		private final String formatName;

		Kind(String formatName) {
			this.formatName = formatName;
		}

		static Kind sniff(byte[] bytes) {
			if (bytes.length == 0) {
				throw new ImageRejected("image.rejected.empty");
			}
			if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
				return JPEG;
			}
			if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
				return PNG;
			}
			if (startsWith(bytes, 0, 'R', 'I', 'F', 'F') && startsWith(bytes, 8, 'W', 'E', 'B', 'P')) {
				return WEBP;
			}
			if (startsWith(bytes, 0, '%', 'P', 'D', 'F', '-')) {
				throw new ImageRejected("image.rejected.pdf");
			}
			String head = new String(bytes, 0, Math.min(bytes.length, 2048), StandardCharsets.ISO_8859_1)
				.toLowerCase(Locale.ROOT);
			if (head.contains("<svg")) {
				throw new ImageRejected("image.rejected.svg");
			}
			throw new ImageRejected("image.rejected.type");
		}

		private static boolean startsWith(byte[] bytes, int offset, int... expected) {
			if (bytes.length < offset + expected.length) {
				return false;
			}
			for (int i = 0; i < expected.length; i++) {
				if ((bytes[offset + i] & 0xFF) != expected[i]) {
					return false;
				}
			}
			return true;
		}

	}

	/**
	 * One resized, re-encoded copy.
	 *
	 * @param width in pixels
	 * @param height in pixels
	 * @param bytes the encoded image
	 */
	record Variant(int width, int height, byte[] bytes) {
	}

	/**
	 * An accepted upload.
	 *
	 * @param mediaType {@code image/jpeg} or {@code image/png}
	 * @param variants smallest first
	 */
	record Converted(String mediaType, List<Variant> variants) {
	}

}

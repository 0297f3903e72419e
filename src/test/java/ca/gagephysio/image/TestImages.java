package ca.gagephysio.image;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import javax.imageio.ImageIO;

import org.apache.commons.imaging.ImagingException;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/**
 * Files for upload tests, made here so each test shows what it sends: real JPEGs (with EXIF GPS, a camera serial
 * and an orientation), PNGs, a decompression bomb, and the things that only pretend to be images.
 */
public final class TestImages {

	/** The camera serial number written into {@link #jpegWithGps}, to look for in what comes out. */
	public static final String CAMERA_SERIAL = "SERIAL-4417-GAGE";

	private TestImages() {
	}

	/** A JPEG photo (a gradient, so it compresses like one) of this size, with no metadata. */
	public static byte[] jpeg(int width, int height) {
		return encode(picture(width, height, BufferedImage.TYPE_INT_RGB), "jpg");
	}

	/**
	 * A JPEG that gives away where it was taken: EXIF GPS (Gage Park, Hamilton), a camera body serial number and
	 * the given EXIF orientation (1 = upright, 6 = turn 90 degrees clockwise to view).
	 */
	public static byte[] jpegWithGps(int width, int height, int orientation) {
		try {
			TiffOutputSet exif = new TiffOutputSet();
			exif.setGpsInDegrees(-79.8289, 43.2417);
			exif.getOrCreateExifDirectory().add(ExifTagConstants.EXIF_TAG_BODY_SERIAL_NUMBER, CAMERA_SERIAL);
			exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) orientation);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			new ExifRewriter().updateExifMetadataLossless(jpeg(width, height), out, exif);
			return out.toByteArray();
		}
		catch (ImagingException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A PNG with a transparent part. */
	public static byte[] transparentPng(int width, int height) {
		return encode(picture(width, height, BufferedImage.TYPE_INT_ARGB), "png");
	}

	/**
	 * A PNG of random semi-transparent noise: it cannot be compressed, so even its variants are megabytes, which
	 * shows the database column holds more than a small binary would.
	 */
	public static byte[] noisyTransparentPng(int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
		java.util.Random random = new java.util.Random(42);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.setRGB(x, y, random.nextInt());
			}
		}
		return encode(image, "png");
	}

	/** A test resource's bytes, such as {@code photo-600x400.webp} (made with libwebp's cwebp). */
	public static byte[] resource(String name) {
		try (InputStream in = TestImages.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalArgumentException("No test resource " + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A valid 20,000 x 20,000 PNG of about 60 KB: one-bit grey, all black, so it compresses to almost nothing, but
	 * decoded it would take 400 megapixels (1.6 GB as ordinary RGBA).
	 */
	public static byte[] pngBomb() {
		int side = 20_000;
		ByteArrayOutputStream idat = new ByteArrayOutputStream();
		byte[] row = new byte[1 + side / 8];
		try (DeflaterOutputStream deflate = new DeflaterOutputStream(idat, new Deflater(9))) {
			for (int y = 0; y < side; y++) {
				deflate.write(row);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		png.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A });
		chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(side).putInt(side).put((byte) 1).put((byte) 0)
			.put((byte) 0).put((byte) 0).put((byte) 0).array());
		chunk(png, "IDAT", idat.toByteArray());
		chunk(png, "IEND", new byte[0]);
		return png.toByteArray();
	}

	/** A text file, as if renamed to photo.jpg. */
	public static byte[] text() {
		return "Dear clinic, here is my photo.\n".getBytes(StandardCharsets.UTF_8);
	}

	/** An SVG drawing carrying a script. */
	public static byte[] svg() {
		return """
				<?xml version="1.0" encoding="UTF-8"?>
				<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(1)</script>
				<circle cx="50" cy="50" r="40"/></svg>
				""".getBytes(StandardCharsets.UTF_8);
	}

	/** The start of a PDF document. */
	public static byte[] pdf() {
		return "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
	}

	/** A JPEG of ten megabytes and one byte: its own image followed by padding, as a camera's large file would be. */
	public static byte[] overTenMegabytes() {
		byte[] jpeg = jpeg(64, 64);
		byte[] big = new byte[10 * 1024 * 1024 + 1];
		System.arraycopy(jpeg, 0, big, 0, jpeg.length);
		return big;
	}

	/** Width and height of an encoded image, read back with ImageIO. */
	public static int[] size(byte[] image) {
		try {
			BufferedImage read = ImageIO.read(new java.io.ByteArrayInputStream(image));
			return new int[] { read.getWidth(), read.getHeight() };
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static BufferedImage picture(int width, int height, int type) {
		BufferedImage image = new BufferedImage(width, height, type);
		Graphics2D g = image.createGraphics();
		g.setPaint(new GradientPaint(0, 0, new Color(30, 90, 160), width, height, new Color(240, 200, 80)));
		g.fillRect(0, 0, width, height);
		if (type == BufferedImage.TYPE_INT_ARGB) {
			g.setComposite(java.awt.AlphaComposite.Clear);
			g.fillRect(0, 0, width / 2, height / 2);
		}
		g.dispose();
		return image;
	}

	private static byte[] encode(BufferedImage image, String format) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ImageIO.write(image, format, out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
		byte[] name = type.getBytes(StandardCharsets.US_ASCII);
		CRC32 crc = new CRC32();
		crc.update(name);
		crc.update(data);
		png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
		png.writeBytes(name);
		png.writeBytes(data);
		png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

}

package ca.gagephysio.image;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An image as pages use it: its variants' URLs and its intrinsic size, for an {@code <img>} that reserves its space
 * before it loads (see {@code templates/image/fragments/stored-image.html}).
 *
 * @param id its id, to keep in the record that shows it
 * @param hash hex digest of its variants' bytes; part of every URL, so a URL never changes what it shows
 * @param width width in pixels of the largest variant (upright, after EXIF orientation)
 * @param height height in pixels of the largest variant
 * @param mediaType {@code image/jpeg} or {@code image/png}
 * @param widths the variants' widths in pixels, smallest first; the last is {@link #width()}
 */
public record StoredImage(long id, String hash, int width, int height, String mediaType, List<Integer> widths) {

	public StoredImage {
		widths = List.copyOf(widths);
	}

	/** The URL of the variant of this width, for example {@code /images/3f2a…-960.jpg}. */
	public String url(int variantWidth) {
		return ImageController.PATH + hash + "-" + variantWidth + "." + extension();
	}

	/** The fallback {@code src}: the variant closest to 960 px, enough for most screens. */
	public String src() {
		int chosen = widths.get(0);
		for (int w : widths) {
			if (w <= ImageVariants.DEFAULT_WIDTH) {
				chosen = w;
			}
		}
		return url(chosen);
	}

	/** Every variant as a {@code srcset} candidate: {@code /images/…-480.jpg 480w, …}. */
	public String srcset() {
		return widths.stream().map(w -> url(w) + " " + w + "w").collect(Collectors.joining(", "));
	}

	String extension() {
		return "image/png".equals(mediaType) ? "png" : "jpg";
	}

}

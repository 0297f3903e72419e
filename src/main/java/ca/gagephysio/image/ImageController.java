package ca.gagephysio.image;

import java.time.Duration;

import ca.gagephysio.site.error.NotFoundException;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Serves image variants. The URL holds the image's content hash, so what a URL shows never changes and browsers
 * and proxies may keep it for a year without asking again. The site's security headers (among them
 * {@code X-Content-Type-Options: nosniff}) apply here as everywhere.
 */
@Controller
class ImageController {

	static final String PATH = "/images/";

	private static final CacheControl FOR_A_YEAR = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

	private final Images images;

	ImageController(Images images) {
		this.images = images;
	}

	@GetMapping(PATH + "{hash:[0-9a-f]{32}}-{width:[0-9]{1,5}}.{extension:jpg|png}")
	ResponseEntity<byte[]> variant(@PathVariable String hash, @PathVariable int width,
			@PathVariable String extension) {
		MediaType type = "png".equals(extension) ? MediaType.IMAGE_PNG : MediaType.IMAGE_JPEG;
		byte[] bytes = images.variant(hash, width, type.toString())
			.orElseThrow(() -> new NotFoundException("Image " + hash + "-" + width));
		return ResponseEntity.ok().contentType(type).cacheControl(FOR_A_YEAR).body(bytes);
	}

}

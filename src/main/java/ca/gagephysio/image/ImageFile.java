package ca.gagephysio.image;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One accepted upload: what pages need to point at its variants. The bytes live in {@link ImageVariant} rows, so
 * listing images never loads them. Never changed once stored: a new picture is a new row with a new hash.
 */
@Entity
@Table(name = "image")
class ImageFile {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String hash;

	private String mediaType;

	private int width;

	private int height;

	/** The variants' widths, smallest first, comma-separated: "480,960,1440". */
	private String widths;

	private String uploadedBy;

	private Instant uploadedAt;

	protected ImageFile() {
	}

	ImageFile(String hash, String mediaType, int width, int height, List<Integer> widths, String uploadedBy,
			Instant uploadedAt) {
		this.hash = hash;
		this.mediaType = mediaType;
		this.width = width;
		this.height = height;
		this.widths = widths.stream().map(String::valueOf).collect(Collectors.joining(","));
		this.uploadedBy = uploadedBy;
		this.uploadedAt = uploadedAt;
	}

	Long id() {
		return id;
	}

	StoredImage toStoredImage() {
		List<Integer> list = Arrays.stream(widths.split(",")).map(Integer::valueOf).toList();
		return new StoredImage(id, hash, width, height, mediaType, list);
	}

}

package ca.gagephysio.image;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The encoded bytes of one width of an image, as served.
 */
@Entity
@Table(name = "image_variant")
class ImageVariant {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long imageId;

	private int width;

	private int height;

	/** Mapped as plain binary (bytea on PostgreSQL), not a LOB, which PostgreSQL would keep apart as an oid. */
	private byte[] bytes;

	protected ImageVariant() {
	}

	ImageVariant(long imageId, int width, int height, byte[] bytes) {
		this.imageId = imageId;
		this.width = width;
		this.height = height;
		this.bytes = bytes;
	}

	byte[] bytes() {
		return bytes;
	}

}

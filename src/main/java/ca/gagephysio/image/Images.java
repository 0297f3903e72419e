package ca.gagephysio.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import ca.gagephysio.image.ImageVariants.Converted;
import ca.gagephysio.image.ImageVariants.Variant;
import ca.gagephysio.staff.AccessTrail;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

/**
 * The site's images, for any feature that shows one (clinicians' photos, articles). Uploads are checked and
 * converted by {@link ImageVariants}; accepted ones are kept in the database (see {@code V42__image.sql} for why
 * there and not in a folder) and written to the access trail.
 */
@Service
public class Images {

	private static final int HASH_HEX_DIGITS = 32;

	private final ImageRepository images;

	private final ImageVariantRepository variants;

	private final AccessTrail trail;

	private final TransactionTemplate transactions;

	private final Clock clock = Clock.systemUTC();

	Images(ImageRepository images, ImageVariantRepository variants, AccessTrail trail,
			PlatformTransactionManager transactionManager) {
		this.images = images;
		this.variants = variants;
		this.trail = trail;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * Checks, converts and stores an uploaded image. The same picture uploaded twice is stored once.
	 * @param upload the uploaded file; its name and declared content type are ignored
	 * @param uploadedBy the uploader's staff email, kept with the image
	 * @return the stored image
	 * @throws ImageRejected when the file is empty, larger than 10 MB, not really a JPEG, PNG or WebP (a renamed
	 * file, an SVG, a PDF), larger than 12,000 px a side or 50 megapixels, or cannot be decoded
	 */
	public StoredImage store(MultipartFile upload, String uploadedBy) {
		if (upload.getSize() > ImageVariants.MAX_BYTES) {
			throw tooLarge();
		}
		try (InputStream in = upload.getInputStream()) {
			return store(in, uploadedBy);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The same as {@link #store(MultipartFile, String)} for bytes from elsewhere. Reads at most 10 MB and one byte.
	 * @param upload the image's bytes; not closed here
	 * @param uploadedBy the uploader's staff email
	 * @return the stored image
	 * @throws ImageRejected as {@link #store(MultipartFile, String)}
	 * @throws UncheckedIOException if the stream cannot be read
	 */
	public StoredImage store(InputStream upload, String uploadedBy) {
		byte[] bytes;
		try {
			bytes = upload.readNBytes((int) ImageVariants.MAX_BYTES + 1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (bytes.length > ImageVariants.MAX_BYTES) {
			throw tooLarge();
		}
		// Decoding and scaling take a second or so: done before the transaction, so no connection waits on them.
		Converted converted = ImageVariants.convert(bytes);
		String hash = hash(converted);
		try {
			return transactions.execute(status -> save(converted, hash, uploadedBy));
		}
		catch (DataIntegrityViolationException sameUploadAtTheSameTime) {
			return images.findByHash(hash).map(ImageFile::toStoredImage).orElseThrow(() -> sameUploadAtTheSameTime);
		}
	}

	private StoredImage save(Converted converted, String hash, String uploadedBy) {
		Optional<ImageFile> existing = images.findByHash(hash);
		if (existing.isPresent()) {
			return existing.get().toStoredImage();
		}
		Variant largest = converted.variants().get(converted.variants().size() - 1);
		ImageFile image = images.save(new ImageFile(hash, converted.mediaType(), largest.width(), largest.height(),
				converted.variants().stream().map(Variant::width).toList(), uploadedBy, Instant.now(clock)));
		for (Variant variant : converted.variants()) {
			variants.save(new ImageVariant(image.id(), variant.width(), variant.height(), variant.bytes()));
		}
		trail.record("IMAGE_UPLOADED", "IMAGE", image.id(),
				converted.mediaType() + " " + largest.width() + "x" + largest.height());
		return image.toStoredImage();
	}

	/**
	 * An image by id.
	 * @param id the id {@link StoredImage#id()} gave
	 * @return the image, or empty if there is none with that id
	 */
	@Transactional(readOnly = true)
	public Optional<StoredImage> find(long id) {
		return images.findById(id).map(ImageFile::toStoredImage);
	}

	/** The encoded bytes of one variant, for {@link ImageController}. */
	@Transactional(readOnly = true)
	Optional<byte[]> variant(String hash, int width, String mediaType) {
		return images.findVariant(hash, width, mediaType).map(ImageVariant::bytes);
	}

	private static ImageRejected tooLarge() {
		return new ImageRejected("image.rejected.too-large", ImageVariants.MAX_BYTES / (1024 * 1024));
	}

	/** Hashes the variants' bytes: the same upload always converts to the same bytes, so the same hash. */
	private static String hash(Converted converted) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(converted.mediaType().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			for (Variant variant : converted.variants()) {
				digest.update(variant.bytes());
			}
			return HexFormat.of().formatHex(digest.digest()).substring(0, HASH_HEX_DIGITS);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

package ca.gagephysio.image;

import java.util.Optional;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface ImageRepository extends Repository<ImageFile, Long> {

	Optional<ImageFile> findById(long id);

	Optional<ImageFile> findByHash(String hash);

	ImageFile save(ImageFile image);

	@Query("""
			select v from ImageVariant v, ImageFile i
			where v.imageId = i.id and i.hash = :hash and v.width = :width and i.mediaType = :mediaType""")
	Optional<ImageVariant> findVariant(String hash, int width, String mediaType);

}

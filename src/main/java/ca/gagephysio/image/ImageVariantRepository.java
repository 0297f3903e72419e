package ca.gagephysio.image;

import org.springframework.data.repository.Repository;

interface ImageVariantRepository extends Repository<ImageVariant, Long> {

	ImageVariant save(ImageVariant variant);

}

package ca.gagephysio.article;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.Repository;

/**
 * Former addresses of articles.
 */
public interface ArticleSlugRedirectRepository extends Repository<ArticleSlugRedirect, String> {

	Optional<ArticleSlugRedirect> findByOldSlug(String oldSlug);

	/** Every former address: a handful per renamed article, so a clinic has a few dozen at most. */
	List<ArticleSlugRedirect> findAll();

	ArticleSlugRedirect save(ArticleSlugRedirect redirect);

	void delete(ArticleSlugRedirect redirect);

}

package ca.gagephysio.article;

import java.util.Optional;

import org.springframework.data.repository.Repository;

/**
 * Former addresses of articles.
 */
public interface ArticleSlugRedirectRepository extends Repository<ArticleSlugRedirect, String> {

	Optional<ArticleSlugRedirect> findByOldSlug(String oldSlug);

	ArticleSlugRedirect save(ArticleSlugRedirect redirect);

	void delete(ArticleSlugRedirect redirect);

}

package ca.gagephysio.article;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * Articles readers may see are those published on or before today; later dates are scheduled.
 */
interface ArticleRepository extends Repository<Article, Long> {

	@Query("select a from Article a where a.slug = :slug and a.publishedOn <= :today")
	Optional<Article> findPublished(String slug, LocalDate today);

	@Query("select a from Article a where a.publishedOn <= :today order by a.publishedOn desc, a.id desc")
	Page<Article> findPublishedNewestFirst(LocalDate today, Pageable pageable);

	@Query("select a from Article a where a.publishedOn <= :today order by a.publishedOn desc, a.id desc")
	List<Article> findAllPublishedNewestFirst(LocalDate today);

	@Query("""
			select a from Article a
			where a.category = :category and a.slug <> :slug and a.publishedOn <= :today
			order by a.publishedOn desc, a.id desc""")
	List<Article> findRelated(String category, String slug, LocalDate today, Pageable limit);

	Article save(Article article);

}

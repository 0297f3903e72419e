package ca.gagephysio.article.staff;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * An article's saved versions.
 */
interface ArticleRevisionRepository extends Repository<ArticleRevision, Long> {

	List<ArticleRevision> findByArticleIdOrderByNumberDesc(long articleId);

	Optional<ArticleRevision> findByArticleIdAndNumber(long articleId, int number);

	@Query("select coalesce(max(r.number), 0) from ArticleRevision r where r.articleId = :articleId")
	int findLastNumber(long articleId);

	ArticleRevision save(ArticleRevision revision);

}

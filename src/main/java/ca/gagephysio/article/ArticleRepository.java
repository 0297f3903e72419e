package ca.gagephysio.article;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import ca.gagephysio.site.cache.PageCache;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * Articles readers may see are those {@code PUBLISHED} with a {@code publishedAt} that has come; a later one is
 * scheduled. Every public query takes the current instant, so a scheduled article appears without any job running.
 */
public interface ArticleRepository extends Repository<Article, Long>, PageCache.ChangeSchedule {

	@Query("""
			select a from Article a
			where a.slug = :slug and a.status = ca.gagephysio.article.Article.Status.PUBLISHED
			and a.publishedAt <= :now""")
	Optional<Article> findPublished(String slug, Instant now);

	@Query("""
			select a from Article a where a.status = ca.gagephysio.article.Article.Status.PUBLISHED
			and a.publishedAt <= :now order by a.publishedAt desc, a.id desc""")
	Page<Article> findPublishedNewestFirst(Instant now, Pageable pageable);

	@Query("""
			select a from Article a where a.status = ca.gagephysio.article.Article.Status.PUBLISHED
			and a.publishedAt <= :now order by a.publishedAt desc, a.id desc""")
	List<Article> findAllPublishedNewestFirst(Instant now);

	@Query("""
			select a from Article a
			where a.category = :category and a.slug <> :slug
			and a.status = ca.gagephysio.article.Article.Status.PUBLISHED and a.publishedAt <= :now
			order by a.publishedAt desc, a.id desc""")
	List<Article> findRelated(String category, String slug, Instant now, Pageable limit);

	/** The earliest time still to come at which a scheduled article goes public, if any is scheduled. */
	@Query("""
			select min(a.publishedAt) from Article a
			where a.status = ca.gagephysio.article.Article.Status.PUBLISHED and a.publishedAt > :now""")
	Optional<Instant> findNextScheduledAfter(Instant now);

	/** The article pages change when a scheduled article goes public: it appears, and joins lists and feeds. */
	@Override
	default Optional<Instant> nextPageChangeAfter(Instant now) {
		return findNextScheduledAfter(now);
	}

	/** Public articles whose last medical review was before {@code reviewedBefore}, longest-unreviewed first. */
	@Query("""
			select a from Article a
			where a.status = ca.gagephysio.article.Article.Status.PUBLISHED and a.lastReviewedOn < :reviewedBefore
			order by a.lastReviewedOn, a.id""")
	List<Article> findPublishedReviewedBefore(LocalDate reviewedBefore);

	Optional<Article> findBySlug(String slug);

	Optional<Article> findById(long id);

	/**
	 * The article, its row locked until the transaction ends ({@code select ... for update}): a second editor's
	 * change waits for the first to commit and then sees its version, so two saves at the same instant end in one
	 * save and one conflict page rather than two revisions with the same number.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select a from Article a where a.id = :id")
	Optional<Article> findByIdForUpdate(long id);

	List<Article> findAllByOrderByUpdatedAtDescIdDesc();

	boolean existsBySlugAndIdNot(String slug, long id);

	boolean existsBySlug(String slug);

	Article save(Article article);

	/** Writes pending changes now, so a violated unique key is reported where it can be told apart. */
	void flush();

	void delete(Article article);

	/** The articles with these ids; ids of deleted ones are left out. */
	List<Article> findAllById(Iterable<Long> ids);

}

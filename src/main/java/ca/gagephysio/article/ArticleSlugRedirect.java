package ca.gagephysio.article;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A former address of an article that has been public: it answers 301 to the article's current address, forever.
 * Pointing at the article (not at its slug) means a second change of slug never makes a chain of redirects.
 */
@Entity
@Table(name = "article_slug_redirect")
public class ArticleSlugRedirect {

	@Id
	private String oldSlug;

	private long articleId;

	private Instant createdAt;

	protected ArticleSlugRedirect() {
	}

	public ArticleSlugRedirect(String oldSlug, long articleId, Instant createdAt) {
		this.oldSlug = oldSlug;
		this.articleId = articleId;
		this.createdAt = createdAt;
	}

	String oldSlug() {
		return oldSlug;
	}

	public long articleId() {
		return articleId;
	}

}

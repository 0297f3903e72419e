package ca.gagephysio.article;

import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

import ca.gagephysio.site.cache.ContentVersion;
import ca.gagephysio.site.cache.PageCache;

import org.springframework.stereotype.Component;

/**
 * Drops the cached public pages whenever JPA writes an article, however the change was made. All of them, not just
 * the article's: every article page lists its related articles, and the home page, the Health Tips list, the feed
 * and the sitemap list the articles. {@link PageCache#dropAll()} drops at once and again after the transaction, so a
 * reader who re-renders a page between the flush and the commit (still seeing the old row) cannot leave the old page
 * in the cache.
 */
@Component
public class ArticleChangeListener {

	private final PageCache pages;

	private final ContentVersion contentVersion;

	ArticleChangeListener(PageCache pages, ContentVersion contentVersion) {
		this.pages = pages;
		this.contentVersion = contentVersion;
	}

	@PostPersist
	@PostUpdate
	@PostRemove
	void articleChanged(Article article) {
		pages.dropAll();
		// in the writing transaction: the other instances drop theirs once it commits
		contentVersion.bump();
	}

}

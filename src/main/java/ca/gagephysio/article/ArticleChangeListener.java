package ca.gagephysio.article;

import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Drops an article's cached page whenever JPA writes the article, however the change was made. Evicts at once and
 * again after commit, so a reader who re-renders the page between the flush and the commit (still seeing the old
 * row) cannot leave the old page in the cache.
 */
@Component
class ArticleChangeListener {

	private final ArticlePageCache pages;

	ArticleChangeListener(ArticlePageCache pages) {
		this.pages = pages;
	}

	@PostPersist
	@PostUpdate
	@PostRemove
	void articleChanged(Article article) {
		String slug = article.slug();
		pages.evict(slug);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					pages.evict(slug);
				}
			});
		}
	}

}

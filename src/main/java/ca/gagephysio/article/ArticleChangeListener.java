package ca.gagephysio.article;

import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Drops the cached article pages whenever JPA writes an article, however the change was made. All of them, not
 * just the one that changed: every page lists its related articles, whose titles and dates may have moved. Evicts
 * at once and again after the transaction, so a reader who re-renders a page between the flush and the commit
 * (still seeing the old row) cannot leave the old page in the cache.
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
		pages.evictAll();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					pages.evictAll();
				}
			});
		}
	}

}

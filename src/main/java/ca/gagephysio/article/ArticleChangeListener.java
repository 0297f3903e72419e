package ca.gagephysio.article;

import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

import ca.gagephysio.shared.PublicContentChanged;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Announces every write of an article readers have seen or will see as a {@link PublicContentChanged}, however the
 * change was made: published, scheduled (the cache must learn the new time), unpublished, deleted, edited, or given
 * a new slug (its former address now answers 301). Every cached page goes with it, not just the article's: every
 * article page lists its related articles, and the home page, the Health Tips list, the feed and the sitemap list
 * the articles. A draft never published is on no public page, so writing one announces nothing.
 * <p>
 * A JPA entity listener that Spring creates, so it can publish events; it runs when JPA writes the row, inside the
 * writing transaction, which is where the event must be published.
 */
@Component
public class ArticleChangeListener {

	static final String KIND = "article";

	private final ApplicationEventPublisher events;

	ArticleChangeListener(ApplicationEventPublisher events) {
		this.events = events;
	}

	@PostPersist
	@PostUpdate
	@PostRemove
	void articleChanged(Article article) {
		if (article.hasBeenPublished()) {
			events.publishEvent(PublicContentChanged.at(KIND, article.path()));
		}
	}

}

package ca.gagephysio.article.staff;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import ca.gagephysio.article.Article;
import ca.gagephysio.article.ArticleChangeListener;
import ca.gagephysio.article.ArticleContent;
import ca.gagephysio.article.ArticleRepository;
import ca.gagephysio.article.ArticleSlugRedirect;
import ca.gagephysio.article.ArticleSlugRedirectRepository;
import ca.gagephysio.site.error.NotFoundException;
import ca.gagephysio.staff.AccessTrail;
import ca.gagephysio.staff.StaffDirectory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every change an editor makes to an article, each in one transaction with its revision and its line in the access
 * trail (subject type {@code ARTICLE}). Who may do what is decided before this is called: the back office's URL
 * rules let only administrators publish, schedule, unpublish and delete, and {@link ArticleAdminController} lets
 * other staff save only articles that are not public. Saving never changes whether an article is public.
 * <p>
 * The page cache follows every change on its own ({@link ArticleChangeListener}), so no method here mentions it.
 * <p>
 * Two people at the same instant: every change first locks the article's row ({@code select ... for update}), so
 * the second waits for the first to commit and then sees what it saved. A save from an older version is then an
 * {@link ArticleConflictException} (the conflict page, with the loser's text), a second identical save (a double
 * click) changes nothing, and revision numbers never collide. A slug taken by another article at the same instant
 * surfaces as the unique key's violation and is reported as {@link SlugTakenException}, like a slug taken earlier.
 */
@Service
@Transactional
class ArticleEditor {

	static final String SUBJECT = "ARTICLE";

	private final ArticleRepository articles;

	private final ArticleRevisionRepository revisions;

	private final ArticleSlugRedirectRepository redirects;

	private final ArticleQualityCheck quality;

	private final AccessTrail trail;

	private final StaffDirectory staff;

	private final Clock clock;

	ArticleEditor(ArticleRepository articles, ArticleRevisionRepository revisions,
			ArticleSlugRedirectRepository redirects, ArticleQualityCheck quality, AccessTrail trail,
			StaffDirectory staff, ObjectProvider<Clock> clock) {
		this.articles = articles;
		this.revisions = revisions;
		this.redirects = redirects;
		this.quality = quality;
		this.trail = trail;
		this.staff = staff;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/**
	 * Stores a new draft and its first revision.
	 * @throws SlugTakenException if another article has, or once had, that slug
	 */
	Article create(ArticleContent content) {
		requireFreeSlug(content.slug(), null);
		Article article;
		try {
			article = articles.save(Article.draft(content, who(), clock.instant()));
		}
		catch (DataIntegrityViolationException sameSlugAtTheSameInstant) {
			throw new SlugTakenException(content.slug());
		}
		keepRevision(article, null);
		trail.record("ARTICLE_CREATED", SUBJECT, article.id(), "revision 1");
		return article;
	}

	/**
	 * Saves new text over the version the editor started from, keeping a revision. A changed slug of an article that
	 * has been published leaves its old address answering 301 to the new one.
	 * @param startedFrom the article's version when the editor was opened
	 * @return the article, unchanged (and no revision kept) when nothing differed, whatever its version: a second
	 * click on Save, or someone else saving the very same text, is not a conflict
	 * @throws ArticleConflictException if someone saved other text since {@code startedFrom}
	 * @throws SlugTakenException if another article has, or once had, the new slug
	 */
	Article save(long id, long startedFrom, ArticleContent content) {
		Article article = locked(id);
		if (article.content().equals(content)) {
			return article;
		}
		if (article.version() != startedFrom) {
			throw new ArticleConflictException(id);
		}
		return apply(article, content, null);
	}

	/**
	 * Sets, replaces or removes the article's hero image, keeping its text as it is now, as a new revision. Only the
	 * hero changes, so nobody's saved text is overwritten and no version check is needed.
	 * @param imageId an image stored by the image module, or {@code null} for none
	 * @param alt its alt text, not blank with an image (the form checks it); dropped without one
	 * @return the article, unchanged (and no revision kept) when nothing differed
	 */
	Article setHero(long id, Long imageId, String alt) {
		Article article = locked(id);
		ArticleContent content = article.content().withHero(imageId, alt);
		if (article.content().equals(content)) {
			return article;
		}
		return apply(article, content, null);
	}

	/**
	 * Saves an older revision's text as the newest revision; everything between stays in the history.
	 * @throws SlugTakenException if the revision's slug went to another article since
	 */
	Article restore(long id, int number) {
		Article article = locked(id);
		ArticleRevision revision = revisions.findByArticleIdAndNumber(id, number)
			.orElseThrow(() -> new NotFoundException("Revision " + number + " of article " + id));
		return apply(article, revision.content(), number);
	}

	private Article apply(Article article, ArticleContent content, Integer restoredFrom) {
		String oldSlug = article.slug();
		if (!oldSlug.equals(content.slug())) {
			requireFreeSlug(content.slug(), article.id());
			if (article.hasBeenPublished()) {
				redirects.findByOldSlug(content.slug()).ifPresent(redirects::delete);
				redirects.save(new ArticleSlugRedirect(oldSlug, article.id(), clock.instant()));
				trail.record("ARTICLE_SLUG_CHANGED", SUBJECT, article.id(), oldSlug + " -> " + content.slug());
			}
		}
		article.edit(content, who(), clock.instant());
		try {
			// Written now, inside this method, so a slug another article took at the same instant is reported here.
			articles.flush();
		}
		catch (DataIntegrityViolationException sameSlugAtTheSameInstant) {
			throw new SlugTakenException(content.slug());
		}
		ArticleRevision revision = keepRevision(article, restoredFrom);
		trail.record(restoredFrom == null ? "ARTICLE_SAVED" : "ARTICLE_RESTORED", SUBJECT, article.id(),
				"revision " + revision.number() + (restoredFrom == null ? "" : " from revision " + restoredFrom));
		return article;
	}

	/**
	 * Makes the article public now. One that was public before keeps its first publication date.
	 * @throws PublishingRefusedException if the quality check finds something that blocks publishing
	 */
	Article publishNow(long id) {
		Article article = publishable(id);
		Instant now = clock.instant();
		Instant from = article.publishedAt() != null && !article.publishedAt().isAfter(now)
				? article.publishedAt() : now;
		article.publish(from, who(), now);
		trail.record("ARTICLE_PUBLISHED", SUBJECT, id, null);
		return article;
	}

	/**
	 * Makes the article public from {@code at}, a time still to come; until then it stays as readers see it now
	 * (a draft stays unseen; an article already public is taken down until then).
	 * @throws PublishingRefusedException if the quality check blocks publishing, or {@code at} has passed
	 */
	Article schedule(long id, Instant at) {
		Article article = publishable(id);
		if (!at.isAfter(clock.instant())) {
			throw new PublishingRefusedException("articles.admin.schedule.past");
		}
		article.publish(at, who(), clock.instant());
		trail.record("ARTICLE_SCHEDULED", SUBJECT, id, at.toString());
		return article;
	}

	/** Takes the article down: its address answers 410 Gone until it is published again. */
	Article unpublish(long id) {
		Article article = locked(id);
		article.unpublish(who(), clock.instant());
		trail.record("ARTICLE_UNPUBLISHED", SUBJECT, id, null);
		return article;
	}

	/**
	 * Deletes the article with its revisions and former addresses; its address then answers 404. An article already
	 * gone (a second click on Delete, or someone else deleting it at the same time) is left as it is: the result the
	 * person asked for.
	 */
	void delete(long id) {
		Article article = articles.findByIdForUpdate(id).orElse(null);
		if (article == null) {
			return;
		}
		articles.delete(article);
		trail.record("ARTICLE_DELETED", SUBJECT, id, article.slug());
	}

	@Transactional(readOnly = true)
	Article find(long id) {
		return articles.findById(id).orElseThrow(() -> new NotFoundException("Article " + id));
	}

	@Transactional(readOnly = true)
	List<ArticleRevision> revisions(long id) {
		return revisions.findByArticleIdOrderByNumberDesc(id);
	}

	@Transactional(readOnly = true)
	ArticleRevision revision(long id, int number) {
		return revisions.findByArticleIdAndNumber(id, number)
			.orElseThrow(() -> new NotFoundException("Revision " + number + " of article " + id));
	}

	/** The article, its row locked until this transaction ends, so changes to it happen one after the other. */
	private Article locked(long id) {
		return articles.findByIdForUpdate(id).orElseThrow(() -> new NotFoundException("Article " + id));
	}

	private Article publishable(long id) {
		Article article = locked(id);
		if (ArticleQualityCheck.blocksPublishing(quality.check(article.content()))) {
			throw new PublishingRefusedException("articles.admin.publish.blocked");
		}
		return article;
	}

	private ArticleRevision keepRevision(Article article, Integer restoredFrom) {
		int number = revisions.findLastNumber(article.id()) + 1;
		return revisions.save(new ArticleRevision(article.id(), number, article.content(), who(), clock.instant(),
				restoredFrom));
	}

	/** A slug is free if no other article has it now and none had it before (old addresses answer forever). */
	private void requireFreeSlug(String slug, Long articleId) {
		boolean taken = articleId == null ? articles.existsBySlug(slug) : articles.existsBySlugAndIdNot(slug, articleId);
		boolean reserved = redirects.findByOldSlug(slug)
			.filter(redirect -> !Objects.equals(redirect.articleId(), articleId))
			.isPresent();
		if (taken || reserved) {
			throw new SlugTakenException(slug);
		}
	}

	private String who() {
		return staff.current().displayName();
	}

	/**
	 * Someone saved the article after this editor opened it; nothing was written.
	 */
	static class ArticleConflictException extends RuntimeException {

		ArticleConflictException(long id) {
			super("Article " + id + " changed since the editor was opened");
		}

	}

	/**
	 * The slug belongs, or once belonged, to another article.
	 */
	static class SlugTakenException extends RuntimeException {

		SlugTakenException(String slug) {
			super("Slug " + slug + " is taken");
		}

	}

	/**
	 * The article may not be published as it is.
	 */
	static class PublishingRefusedException extends RuntimeException {

		private final String messageKey;

		PublishingRefusedException(String messageKey) {
			super(messageKey);
			this.messageKey = messageKey;
		}

		String messageKey() {
			return messageKey;
		}

	}

}

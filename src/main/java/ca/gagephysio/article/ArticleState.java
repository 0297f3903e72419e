package ca.gagephysio.article;

/**
 * Where an article is in its life, as the back office shows it. Only {@link #DRAFT}, {@link #PUBLISHED} and
 * {@link #UNPUBLISHED} are stored; an article is {@link #SCHEDULED} while it is published for a time still to come,
 * so it becomes public at that instant without anything having to run.
 */
public enum ArticleState {

	/** Never public; staff are still writing it. */
	DRAFT,

	/** Published for a future time: public from then on. */
	SCHEDULED,

	/** Public. */
	PUBLISHED,

	/** Taken down: its address answers 410 Gone. */
	UNPUBLISHED

}

package ca.gagephysio.article.reading;

/**
 * A reader asked for an article by a former slug; {@link ArticleController} answers 301 to its current address.
 */
class ArticleMovedException extends RuntimeException {

	private final String path;

	ArticleMovedException(String path) {
		super("Article moved to " + path);
		this.path = path;
	}

	String path() {
		return path;
	}

}

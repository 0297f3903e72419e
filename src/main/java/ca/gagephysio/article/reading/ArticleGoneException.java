package ca.gagephysio.article.reading;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A reader asked for an article that was published and has been taken down: 410 Gone (rendered by the site's error
 * page), so search engines drop it rather than retry it as they would a 404.
 */
@ResponseStatus(HttpStatus.GONE)
class ArticleGoneException extends RuntimeException {

	ArticleGoneException(String slug) {
		super("Article " + slug + " was unpublished");
	}

}

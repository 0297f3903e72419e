package ca.gagephysio.fees;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.thymeleaf.context.LazyContextVariable;

/**
 * Puts the fees page's address in every model as {@code feesPath} once it is public, and nothing before: the
 * footer (in the site's layout, a module below this one), the inquiry form and the articles' call to action link it
 * only when it exists, so no link ever leads to a 404.
 *
 * <p>
 * The value is a Thymeleaf {@link LazyContextVariable}: whether the page is public is read from the database only
 * when a template being rendered asks for {@code feesPath}, never on a request whose page is not rendered. An advice's
 * {@code @ModelAttribute} runs before every handler, including the inquiry form's, whose page comes from the page
 * cache and is rendered only when the cache has none: read eagerly, this one query per request cut the form's rate
 * to under a third (2,904 req/s against 9,477 before the fees module, {@code benchmark/wrk-vs-nginx.sh}, issue 24).
 */
@ControllerAdvice
class FeesLinkAdvice {

	private final Fees fees;

	FeesLinkAdvice(Fees fees) {
		this.fees = fees;
	}

	/**
	 * {@code feesPath}: {@link Fees#PATH} once fees are published, else {@code null}; read at most once per
	 * rendering, when a template first uses it.
	 */
	@ModelAttribute("feesPath")
	LazyContextVariable<String> feesPath() {
		return new LazyContextVariable<>() {
			@Override
			protected String loadValue() {
				return fees.isPublished() ? Fees.PATH : null;
			}
		};
	}

}

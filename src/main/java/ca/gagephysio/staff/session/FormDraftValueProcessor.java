package ca.gagephysio.staff.session;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.RequestDataValueProcessor;

/**
 * Spring Security's CSRF field on every {@code th:action} form, plus what {@link FormDrafts} needs on a back-office
 * page: the page to return to and who it was rendered for. Also fills a kept draft back into the form it came from,
 * for every field rendered with {@code th:field} or {@code th:value} (so the shared field fragment, and any form
 * added later that uses it, needs nothing of its own). A select or a hand-written textarea reads {@code ${draft}}.
 */
class FormDraftValueProcessor implements RequestDataValueProcessor {

	/** Request attribute: the action of the form being rendered (fields are rendered after their form's action). */
	private static final String CURRENT_ACTION = FormDraftValueProcessor.class.getName() + ".ACTION";

	/**
	 * Request attribute: whether the form being rendered posts. A search form (GET) gets no draft fields, which would
	 * otherwise end up in its address, the browser's history and the server's access log.
	 */
	private static final String CURRENT_POSTS = FormDraftValueProcessor.class.getName() + ".POSTS";

	private final RequestDataValueProcessor csrf;

	private final FormDrafts drafts;

	FormDraftValueProcessor(RequestDataValueProcessor csrf, FormDrafts drafts) {
		this.csrf = csrf;
		this.drafts = drafts;
	}

	@Override
	public String processAction(HttpServletRequest request, String action, String httpMethod) {
		String processed = csrf.processAction(request, action, httpMethod);
		request.setAttribute(CURRENT_ACTION, processed);
		request.setAttribute(CURRENT_POSTS, "post".equalsIgnoreCase(httpMethod));
		return processed;
	}

	@Override
	public String processFormFieldValue(HttpServletRequest request, String name, String value, String type) {
		String processed = csrf.processFormFieldValue(request, name, value, type);
		Object action = request.getAttribute(CURRENT_ACTION);
		return FormDrafts.renderedValue(request, action instanceof String path ? path : null, name, processed, type);
	}

	@Override
	public Map<String, String> getExtraHiddenFields(HttpServletRequest request) {
		Map<String, String> fields = new LinkedHashMap<>();
		Map<String, String> fromCsrf = csrf.getExtraHiddenFields(request);
		if (fromCsrf != null) {
			fields.putAll(fromCsrf);
		}
		if (Boolean.TRUE.equals(request.getAttribute(CURRENT_POSTS))) {
			fields.putAll(drafts.hiddenFields(request));
		}
		return fields;
	}

	@Override
	public String processUrl(HttpServletRequest request, String url) {
		return csrf.processUrl(request, url);
	}

	/**
	 * Wraps the processor Spring Security registers (as {@code requestDataValueProcessor}, the name Spring MVC and
	 * Thymeleaf look up), rather than replacing its definition, so its CSRF field stays exactly as it is.
	 */
	@Component
	static class Installer implements BeanPostProcessor {

		static final String BEAN_NAME = "requestDataValueProcessor";

		private final ObjectProvider<FormDrafts> drafts;

		Installer(ObjectProvider<FormDrafts> drafts) {
			this.drafts = drafts;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (BEAN_NAME.equals(beanName) && bean instanceof RequestDataValueProcessor csrf
					&& !(bean instanceof FormDraftValueProcessor)) {
				return new FormDraftValueProcessor(csrf, drafts.getObject());
			}
			return bean;
		}

	}

}

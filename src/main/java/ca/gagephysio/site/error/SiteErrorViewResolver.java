package ca.gagephysio.site.error;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

import ca.gagephysio.site.PageMeta;

/**
 * Renders every error, whatever raised it (a missing article, a malformed post, Tomcat refusing an oversized body),
 * as a page in the site's own layout with a plain explanation and the clinic's phone: never a stack trace, never a
 * version number.
 */
@Component
class SiteErrorViewResolver implements ErrorViewResolver {

	/** Statuses with words of their own in {@code i18n/site.properties}; the rest share the generic text. */
	private static final Set<Integer> EXPLAINED = Set.of(400, 404, 405, 410, 413, 429);

	static final String VIEW = "site/error";

	private final MessageSource messages;

	SiteErrorViewResolver(MessageSource messages) {
		this.messages = messages;
	}

	@Override
	public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
		String key = EXPLAINED.contains(status.value()) ? String.valueOf(status.value()) : "generic";
		boolean staff = isStaffArea(request);
		if (staff && status == HttpStatus.CONTENT_TOO_LARGE) {
			// a photo or an article too big for the back office: say what fits, and that the browser kept the rest
			key = "413-staff";
		}
		String title = messages.getMessage("error." + key + ".title", null, LocaleContextHolder.getLocale());
		Map<String, Object> errorModel = new HashMap<>();
		errorModel.put("status", status.value());
		errorModel.put("errorKey", key);
		errorModel.put("staffArea", staff);
		errorModel.put("page", PageMeta.of(title, title, "/").notIndexed());
		return new ModelAndView(VIEW, errorModel, status);
	}

	/** Whether the request that failed was for the back office (the error dispatch keeps its address). */
	private static boolean isStaffArea(HttpServletRequest request) {
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String path = uri instanceof String failed ? failed : request.getRequestURI();
		return path.startsWith(request.getContextPath() + "/staff/");
	}

}

package ca.gagephysio.site;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;

/**
 * The error summary a back-office form shows above itself: each field's first message, in the form's order, keyed
 * by the id Thymeleaf's {@code th:field} gives the field's input ({@code days[2].opens} becomes {@code days2.opens}),
 * so each message links to its field.
 */
public final class FormErrors {

	private FormErrors() {
	}

	/**
	 * @param model the model holding the form's binding result
	 * @param form the form's model attribute name
	 * @param messages where the messages are resolved, in the request's locale
	 * @return field id to message; empty if the form has no errors (or was not bound)
	 */
	public static Map<String, String> summary(Model model, String form, MessageSource messages) {
		Object result = model.asMap().get(BindingResult.MODEL_KEY_PREFIX + form);
		if (!(result instanceof BindingResult binding)) {
			return Map.of();
		}
		return binding.getFieldErrors()
			.stream()
			.collect(Collectors.toMap(error -> error.getField().replace("[", "").replace("]", ""),
					error -> messages.getMessage(error, LocaleContextHolder.getLocale()), (first, second) -> first,
					LinkedHashMap::new));
	}

}

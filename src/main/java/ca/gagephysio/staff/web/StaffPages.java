package ca.gagephysio.staff.web;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import ca.gagephysio.site.PageMeta;

/**
 * Page titles for back-office pages: resolved from the message files, never indexed.
 */
@Component
public class StaffPages {

	private final MessageSource messages;

	StaffPages(MessageSource messages) {
		this.messages = messages;
	}

	public PageMeta meta(String titleKey, String path) {
		String title = messages.getMessage(titleKey, null, LocaleContextHolder.getLocale());
		return PageMeta.of(title, title, path).notIndexed();
	}

}

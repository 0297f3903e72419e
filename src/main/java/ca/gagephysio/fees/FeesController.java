package ca.gagephysio.fees;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;

import ca.gagephysio.site.PageMeta;
import ca.gagephysio.site.cache.PageCache;
import ca.gagephysio.site.error.NotFoundException;
import ca.gagephysio.site.seo.StructuredData;

/**
 * The public "Fees and insurance" page, rendered once and served from the site's {@link PageCache} (dropped when
 * the fees are saved). Until an administrator saves fees it answers 404, like a page that does not exist.
 */
@Controller
class FeesController {

	private final Fees fees;

	private final MessageSource messages;

	private final StructuredData structuredData;

	private final PageCache pages;

	FeesController(Fees fees, MessageSource messages, StructuredData structuredData, PageCache pages) {
		this.fees = fees;
		this.messages = messages;
		this.structuredData = structuredData;
		this.pages = pages;
	}

	@GetMapping(Fees.PATH)
	ResponseEntity<byte[]> fees(
			@RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		return pages.serve(Fees.PATH, PageCache.HTML, acceptEncoding, () -> {
			FeeSchedule schedule = fees.published().orElseThrow(() -> new NotFoundException("Fees not published"));
			String title = text("fees.title");
			PageMeta page = PageMeta.of(title, text("fees.description"), Fees.PATH)
				.withBreadcrumbs(List.of(new PageMeta.Breadcrumb(text("fees.heading"), Fees.PATH)));
			model.addAttribute("page", page.withJsonLd(structuredData.forPage(page)));
			model.addAttribute("schedule", schedule);
			return pages.render("fees/fees", model.asMap(), request, response);
		});
	}

	private String text(String key) {
		return messages.getMessage(key, null, LocaleContextHolder.getLocale());
	}

}

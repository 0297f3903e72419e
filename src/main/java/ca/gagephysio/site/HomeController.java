package ca.gagephysio.site;

import java.util.Comparator;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The home page and the privacy page: the clinic's own words, not a feature's.
 */
@Controller
class HomeController {

	private static final int LATEST_TIPS = 3;

	private final List<PublishedContent> content;

	private final MessageSource messages;

	private final StructuredData structuredData;

	private final RetentionProperties retention;

	private final ClinicFacts clinic;

	HomeController(List<PublishedContent> content, MessageSource messages, StructuredData structuredData,
			RetentionProperties retention, ClinicFacts clinic) {
		this.clinic = clinic;
		this.content = content;
		this.messages = messages;
		this.structuredData = structuredData;
		this.retention = retention;
	}

	@GetMapping("/")
	String home(Model model, HttpServletResponse response) {
		PageMeta page = PageMeta.of(
				text("home.title", clinic.name(), clinic.address().city(), clinic.address().region()),
				text("home.description", clinic.address().city()), "/");
		model.addAttribute("page", page.withJsonLd(structuredData.forPage(page)));
		model.addAttribute("latestTips", content.stream()
			.flatMap(source -> source.publishedPages().stream())
			.filter(PublishedPage::healthTip)
			.sorted(Comparator.comparing(PublishedPage::published).reversed())
			.limit(LATEST_TIPS)
			.toList());
		PublicCaching.cacheable(response);
		return "home";
	}

	@GetMapping("/privacy")
	String privacy(Model model, HttpServletResponse response) {
		PageMeta page = PageMeta.of(text("privacy.title"), text("privacy.description"), "/privacy")
			.withBreadcrumbs(List.of(new PageMeta.Breadcrumb(text("privacy.heading"), "/privacy")));
		model.addAttribute("page", page.withJsonLd(structuredData.forPage(page)));
		model.addAttribute("retentionMonths", retention.inquiryMonths());
		PublicCaching.cacheable(response);
		return "privacy";
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, LocaleContextHolder.getLocale());
	}

}

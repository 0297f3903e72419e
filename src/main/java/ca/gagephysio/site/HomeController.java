package ca.gagephysio.site;

import java.util.Comparator;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;

import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.site.cache.PageCache;
import ca.gagephysio.site.seo.PublishedContent;
import ca.gagephysio.site.seo.PublishedPage;
import ca.gagephysio.site.seo.StructuredData;

/**
 * The home page and the privacy page: the clinic's own words, not a feature's. Served from the {@link PageCache}.
 */
@Controller
class HomeController {

	private static final int LATEST_TIPS = 3;

	private final List<PublishedContent> content;

	private final MessageSource messages;

	private final StructuredData structuredData;

	/**
	 * {@code clinic.retention.inquiry-months}, which the inquiry module binds and validates ({@code RetentionProperties}):
	 * read here by its name, so the web shell stays below the inquiry module, which depends on it.
	 */
	private final int retentionMonths;

	private final ClinicFacts clinic;

	private final PageCache pages;

	HomeController(List<PublishedContent> content, MessageSource messages, StructuredData structuredData,
			@Value("${clinic.retention.inquiry-months}") int retentionMonths, ClinicFacts clinic, PageCache pages) {
		this.clinic = clinic;
		this.pages = pages;
		this.content = content;
		this.messages = messages;
		this.structuredData = structuredData;
		this.retentionMonths = retentionMonths;
	}

	@GetMapping("/")
	ResponseEntity<byte[]> home(@RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding,
			Model model, HttpServletRequest request, HttpServletResponse response) {
		return pages.serve("/", PageCache.HTML, acceptEncoding, () -> {
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
			return pages.render("site/home", model.asMap(), request, response);
		});
	}

	@GetMapping("/privacy")
	ResponseEntity<byte[]> privacy(
			@RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		return pages.serve("/privacy", PageCache.HTML, acceptEncoding, () -> {
			PageMeta page = PageMeta.of(text("privacy.title"), text("privacy.description"), "/privacy")
				.withBreadcrumbs(List.of(new PageMeta.Breadcrumb(text("privacy.heading"), "/privacy")));
			model.addAttribute("page", page.withJsonLd(structuredData.forPage(page)));
			model.addAttribute("retentionMonths", retentionMonths);
			return pages.render("site/privacy", model.asMap(), request, response);
		});
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, LocaleContextHolder.getLocale());
	}

}

package ca.gagephysio.team;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.site.PageMeta.Breadcrumb;
import ca.gagephysio.site.PageMeta;
import ca.gagephysio.site.cache.PageCache;
import ca.gagephysio.site.error.NotFoundException;
import ca.gagephysio.site.seo.StructuredData;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * The team list and each clinician's bio page, rendered once and served from the site's {@link PageCache} (dropped
 * on the change {@link TeamMemberChangeListener} announces whenever a clinician is written).
 */
@Controller
class TeamController {

	private final Team team;

	private final MessageSource messages;

	private final StructuredData structuredData;

	private final ClinicFacts clinic;

	private final PageCache pages;

	TeamController(Team team, MessageSource messages, StructuredData structuredData, ClinicFacts clinic,
			PageCache pages) {
		this.clinic = clinic;
		this.pages = pages;
		this.team = team;
		this.messages = messages;
		this.structuredData = structuredData;
	}

	@GetMapping("/team")
	ResponseEntity<byte[]> team(@RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding,
			Model model, HttpServletRequest request, HttpServletResponse response) {
		return pages.serve("/team", PageCache.HTML, acceptEncoding, () -> {
			PageMeta page = PageMeta
				.of(text("team.title"), text("team.description", clinic.name(), clinic.address().city()), "/team")
				.withBreadcrumbs(List.of(new Breadcrumb(text("team.heading"), "/team")));
			model.addAttribute("page", page.withJsonLd(structuredData.forPage(page)));
			model.addAttribute("people", team.published());
			return pages.render("team/team", model.asMap(), request, response);
		});
	}

	@GetMapping("/team/{slug}")
	ResponseEntity<byte[]> bio(@PathVariable String slug,
			@RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		return pages.serve("/team/" + slug, PageCache.HTML, acceptEncoding, () -> {
			// An unpublished clinician answers like one who never existed: a draft bio is nobody's business yet.
			Clinician person = team.findPublished(slug).orElseThrow(() -> new NotFoundException("Clinician " + slug));
			PageMeta page = PageMeta
				.of(text("team.bio.title", person.name(), person.jobTitle()), person.summary(), person.path())
				.withOgType("profile", person.photo() == null ? null : person.photo().src())
				.withBreadcrumbs(List.of(new Breadcrumb(text("team.heading"), "/team"),
						new Breadcrumb(person.name(), person.path())));
			StructuredData.Person schemaPerson = new StructuredData.Person(person.path(), person.name(),
					person.profession(), person.summary(), person.credentials(),
					person.photo() == null ? null : person.photo().src());
			model.addAttribute("page", page.withJsonLd(structuredData.forProfile(page, schemaPerson)));
			model.addAttribute("person", person);
			return pages.render("team/bio", model.asMap(), request, response);
		});
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, LocaleContextHolder.getLocale());
	}

}

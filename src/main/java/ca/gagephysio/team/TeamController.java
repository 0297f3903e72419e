package ca.gagephysio.team;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import ca.gagephysio.site.ClinicFacts;
import ca.gagephysio.site.NotFoundException;
import ca.gagephysio.site.PageMeta;
import ca.gagephysio.site.PageMeta.Breadcrumb;
import ca.gagephysio.site.PublicCaching;
import ca.gagephysio.site.StructuredData;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The team list and each clinician's bio page.
 */
@Controller
class TeamController {

	private final Team team;

	private final MessageSource messages;

	private final StructuredData structuredData;

	private final ClinicFacts clinic;

	TeamController(Team team, MessageSource messages, StructuredData structuredData, ClinicFacts clinic) {
		this.clinic = clinic;
		this.team = team;
		this.messages = messages;
		this.structuredData = structuredData;
	}

	@GetMapping("/team")
	String team(Model model, HttpServletResponse response) {
		PageMeta page = PageMeta.of(text("team.title"), text("team.description", clinic.name(), clinic.address().city()), "/team")
			.withBreadcrumbs(List.of(new Breadcrumb(text("team.heading"), "/team")));
		model.addAttribute("page", page.withJsonLd(structuredData.forPage(page)));
		model.addAttribute("people", team.everyone());
		PublicCaching.cacheable(response);
		return "team/team";
	}

	@GetMapping("/team/{slug}")
	String bio(@PathVariable String slug, Model model, HttpServletResponse response) {
		Clinician person = team.find(slug).orElseThrow(() -> new NotFoundException("Clinician " + slug));
		PageMeta page = PageMeta
			.of(text("team.bio.title", person.name(), person.jobTitle()), person.summary(), person.path())
			.withOgType("profile", null)
			.withBreadcrumbs(List.of(new Breadcrumb(text("team.heading"), "/team"),
					new Breadcrumb(person.name(), person.path())));
		StructuredData.Person schemaPerson = new StructuredData.Person(person.path(), person.name(),
				person.profession(), person.summary());
		model.addAttribute("page", page.withJsonLd(structuredData.forProfile(page, schemaPerson)));
		model.addAttribute("person", person);
		PublicCaching.cacheable(response);
		return "team/bio";
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, LocaleContextHolder.getLocale());
	}

}

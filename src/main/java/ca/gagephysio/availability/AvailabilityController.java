package ca.gagephysio.availability;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.validation.Valid;

import ca.gagephysio.site.PageMeta;
import ca.gagephysio.staff.AccessTrail;
import ca.gagephysio.staff.StaffDirectory;
import ca.gagephysio.team.Clinician;
import ca.gagephysio.team.Team;

import org.springframework.context.MessageSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /staff/availability}: the next opening for new clients, overall or per clinician. Shows what is stored
 * (and whether the public pages show it now), saves one (Post/Redirect/Get) or removes one. A day the clinic is
 * closed, a statutory holiday it closes on, or a day already past comes back with its message and what was chosen
 * kept. Each save and removal goes to the access trail ({@code NEW_CLIENT_OPENING_SAVED}, {@code _REMOVED}).
 */
@Controller
@RequestMapping(AvailabilityController.PATH)
class AvailabilityController {

	static final String PATH = "/staff/availability";

	static final String VIEW = "availability/staff/availability";

	private static final String SUBJECT = "NEW_CLIENT_OPENING";

	private final NewClientOpenings openings;

	private final Team team;

	private final AccessTrail trail;

	private final StaffDirectory staff;

	private final MessageSource messages;

	AvailabilityController(NewClientOpenings openings, Team team, AccessTrail trail, StaffDirectory staff,
			MessageSource messages) {
		this.openings = openings;
		this.team = team;
		this.trail = trail;
		this.staff = staff;
		this.messages = messages;
	}

	@GetMapping
	String show(Model model, Locale locale) {
		return page(OpeningForm.empty(), model, locale);
	}

	@PostMapping
	String save(@Valid @ModelAttribute("openingForm") OpeningForm form, BindingResult result, Model model,
			Locale locale, RedirectAttributes redirect) {
		String slug = form.clinicianSlug();
		if (slug != null && team.find(slug).filter(Clinician::published).isEmpty()) {
			result.rejectValue("clinician", "availability.clinician.unknown");
		}
		if (!result.hasFieldErrors("date")) {
			String problem = form.day().isEmpty() ? "availability.date.invalid" : openings.problemWith(form.day().get());
			if (problem != null) {
				result.rejectValue("date", problem);
			}
		}
		if (result.hasErrors()) {
			return page(form, model, locale);
		}
		NewClientOpening saved;
		try {
			saved = openings.save(slug, form.day().orElseThrow(), form.partOfDay(), staff.current().displayName());
		}
		catch (DataIntegrityViolationException | PessimisticLockingFailureException ex) {
			// Two first saves for one scope at once, or a lock held too long: the other one is stored.
			model.addAttribute("problem", "availability.busy");
			return page(form, model, locale);
		}
		trail.record("NEW_CLIENT_OPENING_SAVED", SUBJECT, saved.getId(),
				saved.getScope() + " " + saved.getOpeningDate() + " " + saved.getPartOfDay());
		redirect.addFlashAttribute("flash", openings.waitingList() ? "availability.saved.waiting-list" : "availability.saved");
		return "redirect:" + PATH;
	}

	@PostMapping("/remove")
	String remove(@RequestParam(defaultValue = "") String scope, RedirectAttributes redirect) {
		if (openings.remove(scope)) {
			trail.record("NEW_CLIENT_OPENING_REMOVED", SUBJECT, null, scope);
			redirect.addFlashAttribute("flash", "availability.removed");
		}
		return "redirect:" + PATH;
	}

	private String page(OpeningForm form, Model model, Locale locale) {
		String title = messages.getMessage("availability.title", null, locale);
		List<Clinician> clinicians = team.published();
		Map<String, String> names = clinicians.stream()
			.collect(Collectors.toMap(Clinician::slug, Clinician::name, (a, b) -> a));
		List<String> shownNow = openings.shown().stream().map(ShownOpening::text).toList();
		model.addAttribute("page", PageMeta.of(title, title, PATH).notIndexed());
		model.addAttribute("openingForm", form);
		model.addAttribute("clinicians", clinicians);
		model.addAttribute("parts", PartOfDay.values());
		model.addAttribute("stored", openings.all().stream().map(row(names)).toList());
		model.addAttribute("shownNow", shownNow);
		model.addAttribute("waitingList", openings.waitingList());
		model.addAttribute("today", openings.today());
		return VIEW;
	}

	private Function<NewClientOpening, Row> row(Map<String, String> names) {
		return opening -> new Row(opening.getScope(),
				opening.getClinicianSlug() == null ? null
						: names.getOrDefault(opening.getClinicianSlug(), opening.getClinicianSlug()),
				openings.format(opening.getOpeningDate()),
				opening.getPartOfDay(), !opening.getOpeningDate().isBefore(openings.today()),
				openings.closedOn(opening.getOpeningDate()));
	}

	/**
	 * One stored opening in the list.
	 *
	 * @param scope what the remove button sends
	 * @param clinicianName the clinician, or {@code null} for the clinic overall
	 * @param day the day as written, with its year
	 * @param partOfDay its part of the day
	 * @param current its day has not passed
	 * @param closed the clinic is now closed that day (hours changed, or a holiday), so it is not shown
	 */
	record Row(String scope, String clinicianName, String day, PartOfDay partOfDay, boolean current, boolean closed) {
	}

}

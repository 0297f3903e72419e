package ca.gagephysio.clinic.staff;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.Valid;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.clinic.ClinicFactsConflict;
import ca.gagephysio.site.FormErrors;
import ca.gagephysio.site.PageMeta;
import ca.gagephysio.staff.AccessTrail;
import ca.gagephysio.staff.StaffDirectory;

/**
 * The clinic's facts, edited by an administrator (the access rule is in {@code StaffSecurityConfig}): what is saved
 * here overrides {@code application.properties} on every page, email, in the structured data and the inbox's due
 * times at once. Every save is written to the access trail with the names of what changed.
 */
@Controller
@RequestMapping(ClinicFactsController.PATH)
class ClinicFactsController {

	static final String PATH = "/staff/settings";

	private static final String VIEW = "clinic/staff/facts";

	private static final String FORM = "form";

	/** The name of the copy buttons; the value is the day copied from, {@code MONDAY} to {@code FRIDAY}. */
	static final String COPY = "copyHoursFrom";

	/** What the access trail calls this record; there is one, id 1. */
	private static final String SUBJECT = "CLINIC_FACTS";

	private final ClinicFacts clinic;

	private final AccessTrail trail;

	private final StaffDirectory staff;

	private final MessageSource messages;

	ClinicFactsController(ClinicFacts clinic, AccessTrail trail, StaffDirectory staff, MessageSource messages) {
		this.clinic = clinic;
		this.trail = trail;
		this.staff = staff;
		this.messages = messages;
	}

	@GetMapping
	String form(Model model) {
		return editor(ClinicFactsForm.of(clinic), model);
	}

	/**
	 * "Copy these hours to the other weekdays": works without script, as a submit button of the form itself. Nothing
	 * is saved; the form comes back with everything typed kept and the day's hours on Monday to Friday, to be checked
	 * and saved with Save. Sending it again (a reload) does the same copy again, so no redirect is needed.
	 */
	@PostMapping(params = COPY)
	String copyHours(@ModelAttribute(FORM) ClinicFactsForm form, BindingResult result,
			@RequestParam(COPY) String weekday, Model model) {
		ClinicFactsForm copied = form.withHoursCopiedFrom(weekday);
		if (copied != form) {
			Locale locale = LocaleContextHolder.getLocale();
			model.addAttribute("copied", messages.getMessage("settings.hours.copied",
					new Object[] { messages.getMessage("settings.day." + weekday, null, locale) }, locale));
		}
		return editor(copied, model);
	}

	@PostMapping
	String save(@Valid @ModelAttribute(FORM) ClinicFactsForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return editor(form, model);
		}
		List<String> changed;
		ClinicFacts.Facts typed = form.facts(clinic.address().country());
		try {
			changed = clinic.save(typed, form.expectedVersion(), staff.current().displayName());
		}
		catch (ClinicFactsConflict ex) {
			if (typed.equals(clinic.facts())) {
				// A second click on Save (or someone else saving the very same facts): what was asked for is saved.
				redirect.addFlashAttribute("flash", "settings.saved");
				return "redirect:" + PATH;
			}
			// Their typing stays; the version moves to the one now saved, so pressing Save again is a knowing choice.
			model.addAttribute("problem", "settings.conflict");
			model.addAttribute("theirs", clinic.facts());
			return editor(withCurrentVersion(form), model);
		}
		trail.record("CLINIC_FACTS_SAVED", SUBJECT, 1L,
				changed.isEmpty() ? "confirmed unchanged" : "changed: " + String.join(", ", changed));
		redirect.addFlashAttribute("flash", "settings.saved");
		return "redirect:" + PATH;
	}

	private ClinicFactsForm withCurrentVersion(ClinicFactsForm form) {
		String version = clinic.version() == null ? "" : clinic.version().toString();
		return new ClinicFactsForm(version, form.name(), form.phone(), form.email(), form.street(), form.city(),
				form.province(), form.postalCode(), form.latitude(), form.longitude(), form.days(),
				form.closedOnStatutoryHolidays(), form.baseUrl(), form.bookingUrl(), form.acceptingNewClients());
	}

	private String editor(ClinicFactsForm form, Model model) {
		model.addAttribute(FORM, form);
		Map<String, String> errors = FormErrors.summary(model, FORM, messages);
		String title = messages.getMessage(errors.isEmpty() ? "settings.title" : "settings.title.errors", null,
				LocaleContextHolder.getLocale());
		model.addAttribute("page", PageMeta.of(title, title, PATH).notIndexed());
		model.addAttribute("errors", errors);
		model.addAttribute("provinces", ClinicFactsForm.PROVINCE_CODES);
		model.addAttribute("weekdays", ClinicFactsForm.WEEKDAYS);
		model.addAttribute("saved", clinic.saved().orElse(null));
		model.addAttribute("zone", clinic.timeZone());
		model.addAttribute("sampleValues", clinic.sampleValues());
		model.addAttribute("nextHolidays", clinic.closedOnStatutoryHolidays()
				? clinic.holidaysBetween(clinic.today(), clinic.today().plusYears(1)) : List.of());
		return VIEW;
	}

}

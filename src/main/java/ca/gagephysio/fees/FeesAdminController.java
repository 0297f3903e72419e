package ca.gagephysio.fees;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;

import org.springframework.context.MessageSource;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ca.gagephysio.site.FormErrors;
import ca.gagephysio.site.PageMeta;
import ca.gagephysio.site.error.NotFoundException;

/**
 * The fees editor, for administrators ({@link FeesBackOfficePages}): saving publishes at once, as a new revision;
 * the history lists every saved revision, shows each and can start the editor from an older one. Services are added
 * and removed by buttons that post the form back (no script), keeping everything typed.
 */
@Controller
@RequestMapping(FeesAdminController.PATH)
class FeesAdminController {

	static final String PATH = "/staff/fees";

	private static final String VIEW = "fees/staff/edit";

	private static final String FORM = "form";

	private final Fees fees;

	private final FeesEditor editor;

	private final MessageSource messages;

	FeesAdminController(Fees fees, FeesEditor editor, MessageSource messages) {
		this.fees = fees;
		this.editor = editor;
		this.messages = messages;
	}

	/**
	 * The editor with the fees in force, or empty before any were saved; {@code from} starts it from an older
	 * revision instead (saving that makes a new revision).
	 */
	@GetMapping
	String edit(@RequestParam(required = false) Integer from, Model model) {
		int current = fees.currentNumber();
		FeesForm form;
		if (from != null) {
			FeeSchedule older = fees.revision(from).orElseThrow(() -> new NotFoundException("Fee revision " + from));
			form = FeesForm.of(older, current, from);
		}
		else {
			form = fees.published().map(schedule -> FeesForm.of(schedule, current, null)).orElseGet(FeesForm::empty);
		}
		return editor(form, model, null);
	}

	/** "Add a service": the form back with one more empty service, its name field focused; nothing is saved. */
	@PostMapping(params = "add")
	String addService(@ModelAttribute(FORM) FeesForm form, Model model) {
		FeesForm more = form.withServiceAdded();
		return editor(more, model, more.services().size() - 1);
	}

	/** "Remove service n": the form back without it; nothing is saved until Save. */
	@PostMapping(params = "remove")
	String removeService(@ModelAttribute(FORM) FeesForm form, @RequestParam("remove") int index, Model model) {
		return editor(form.withServiceRemoved(index), model, null);
	}

	@PostMapping
	String save(@Valid @ModelAttribute(FORM) FeesForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		form.checkAmounts(result);
		if (result.hasErrors()) {
			return editor(form, model, null);
		}
		try {
			editor.save(form.schedule(), form.seenNumber(), form.restoredFromNumber());
		}
		catch (FeesConflict ex) {
			// Their typing stays; the version moves to the one now saved, so pressing Save again is a knowing choice.
			model.addAttribute("problem", "fees.conflict");
			model.addAttribute("theirs", fees.revision(ex.currentNumber()).orElse(null));
			return editor(form.basedOn(ex.currentNumber()), model, null);
		}
		catch (ConcurrencyFailureException busy) {
			// Another save held the fees past the database's lock time-out: nothing was saved, the typing stays.
			model.addAttribute("problem", "fees.busy");
			return editor(form, model, null);
		}
		redirect.addFlashAttribute("flash", "fees.saved");
		return "redirect:" + PATH;
	}

	@GetMapping("/history")
	String history(Model model) {
		String title = text("fees.history.title");
		model.addAttribute("page", PageMeta.of(title, title, PATH + "/history").notIndexed());
		model.addAttribute("revisions", fees.history());
		return "fees/staff/history";
	}

	@GetMapping("/history/{number}")
	String revision(@PathVariable int number, Model model) {
		FeeSchedule revision = fees.revision(number)
			.orElseThrow(() -> new NotFoundException("Fee revision " + number));
		String title = text("fees.revision.title", number);
		model.addAttribute("page", PageMeta.of(title, title, PATH + "/history/" + number).notIndexed());
		model.addAttribute("revision", revision);
		model.addAttribute("inForce", number == fees.currentNumber());
		return "fees/staff/revision";
	}

	private String editor(FeesForm form, Model model, Integer focusRow) {
		model.addAttribute(FORM, form);
		Map<String, String> errors = FormErrors.summary(model, FORM, messages);
		String title = text(errors.isEmpty() ? "fees.edit.title" : "fees.edit.title.errors");
		model.addAttribute("page", PageMeta.of(title, title, PATH).notIndexed());
		model.addAttribute("errors", errors);
		model.addAttribute("kinds", List.of(VisitKind.values()));
		model.addAttribute("focusRow", focusRow);
		model.addAttribute("current", fees.published().orElse(null));
		return VIEW;
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, LocaleContextHolder.getLocale());
	}

}

package ca.gagephysio.inquiry.reply;

import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
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

import ca.gagephysio.inquiry.internal.AskingAbout;
import ca.gagephysio.inquiry.internal.HelpWith;
import ca.gagephysio.site.FormErrors;
import ca.gagephysio.site.PageMeta;
import ca.gagephysio.site.error.NotFoundException;
import ca.gagephysio.staff.StaffDirectory;

/**
 * The reply templates, kept by administrators (the access rule for {@code /staff/templates/**} is in
 * {@code StaffSecurityConfig}; front-desk accounts use templates from an inquiry's reply page but cannot change
 * them). Every change is written to the access trail. Two administrators editing one template: the second save is
 * refused with their typing kept; a double click saves or adds once ({@link ReplyTemplateEditor}).
 */
@Controller
@RequestMapping(ReplyTemplateController.PATH)
class ReplyTemplateController {

	static final String PATH = "/staff/templates";

	private static final String LIST_VIEW = "inquiry/staff/reply/templates";

	private static final String FORM_VIEW = "inquiry/staff/reply/template";

	private static final String FORM = "form";

	/** What the access trail calls a template. */
	static final String SUBJECT = "REPLY_TEMPLATE";

	private final ReplyTemplateRepository templates;

	private final ReplyTemplateEditor editor;

	private final StaffDirectory staff;

	private final MessageSource messages;

	ReplyTemplateController(ReplyTemplateRepository templates, ReplyTemplateEditor editor, StaffDirectory staff,
			MessageSource messages) {
		this.templates = templates;
		this.editor = editor;
		this.staff = staff;
		this.messages = messages;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("page", meta("reply.templates.title", PATH));
		model.addAttribute("templates", templates.findAllByOrderByNameAsc());
		return LIST_VIEW;
	}

	@GetMapping("/new")
	String create(Model model) {
		return editor(ReplyTemplateForm.empty(), null, model);
	}

	@GetMapping("/{id:\\d+}")
	String edit(@PathVariable long id, Model model) {
		return editor(ReplyTemplateForm.of(find(id)), id, model);
	}

	@PostMapping
	String add(@Valid @ModelAttribute(FORM) ReplyTemplateForm form, BindingResult result,
			@RequestParam(required = false) String requestKey, Model model, RedirectAttributes redirect) {
		if (ReplyTemplateEditor.isRequestKey(requestKey)) {
			model.addAttribute("requestKey", requestKey);
		}
		check(form, result, null);
		if (result.hasErrors()) {
			if (editor.addedWith(requestKey)) {
				// The first click of a double click added it a moment ago, so its name now looks taken: it is done.
				redirect.addFlashAttribute("flash", "reply.template.created");
				return "redirect:" + PATH;
			}
			return editor(form, null, model);
		}
		try {
			editor.add(text(form), staff.current().displayName(), requestKey);
		}
		catch (DataIntegrityViolationException sameFormAtTheSameInstant) {
			// The only unique key a new template has is the form's: a double click, whose first click added it.
			if (!editor.addedWith(requestKey)) {
				throw sameFormAtTheSameInstant;
			}
		}
		redirect.addFlashAttribute("flash", "reply.template.created");
		return "redirect:" + PATH;
	}

	@PostMapping("/{id:\\d+}")
	String save(@PathVariable long id, @Valid @ModelAttribute(FORM) ReplyTemplateForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		ReplyTemplate template = find(id);
		check(form, result, id);
		if (result.hasErrors()) {
			return editor(form, id, model);
		}
		if (form.startedFrom() == null) {
			// Their typing stays; the version moves to the one now saved, so pressing Save again is a knowing choice.
			model.addAttribute("problem", "reply.template.conflict");
			return editor(form.withVersion(template.getVersion()), id, model);
		}
		try {
			editor.change(id, form.startedFrom(), text(form), staff.current().displayName());
		}
		catch (ReplyTemplateEditor.StaleTemplateException | ConcurrencyFailureException stale) {
			// Someone else's save came first (a lock that waited too long is the same story): the loser's text stays,
			// with the version now saved, so pressing Save again replaces theirs knowingly.
			model.addAttribute("problem", "reply.template.conflict");
			return editor(form.withVersion(find(id).getVersion()), id, model);
		}
		redirect.addFlashAttribute("flash", "reply.template.saved");
		return "redirect:" + PATH;
	}

	@PostMapping("/{id:\\d+}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		try {
			editor.delete(id);
			redirect.addFlashAttribute("flash", "reply.template.deleted");
		}
		catch (ConcurrencyFailureException busy) {
			redirect.addFlashAttribute("problem", "reply.template.busy");
		}
		return "redirect:" + PATH;
	}

	private static ReplyTemplateEditor.Text text(ReplyTemplateForm form) {
		return new ReplyTemplateEditor.Text(form.name().strip(), form.subject().strip(), form.body().strip(),
				form.serviceMark(), form.askingAboutMark());
	}

	private void check(ReplyTemplateForm form, BindingResult result, Long id) {
		ReplyTextCheck.check(result, form.subject(), form.body());
		if (form.name() != null && !form.name().isBlank() && !result.hasFieldErrors("name")) {
			String name = form.name().strip();
			boolean taken = id == null ? templates.existsByNameIgnoreCase(name)
					: templates.existsByNameIgnoreCaseAndIdNot(name, id);
			if (taken) {
				result.rejectValue("name", "reply.template.name.taken");
			}
		}
	}

	private ReplyTemplate find(long id) {
		return templates.findById(id).orElseThrow(() -> new NotFoundException("reply template " + id));
	}

	private String editor(ReplyTemplateForm form, Long id, Model model) {
		model.addAttribute(FORM, form);
		Map<String, String> errors = FormErrors.summary(model, FORM, messages);
		String titleKey = id == null ? "reply.template.new.title" : "reply.template.edit.title";
		model.addAttribute("page", meta(errors.isEmpty() ? titleKey : titleKey + ".errors",
				id == null ? PATH + "/new" : PATH + "/" + id));
		model.addAttribute("errors", errors);
		model.addAttribute("templateId", id);
		if (id == null && !model.containsAttribute("requestKey")) {
			// One key per form shown: the same form sent twice adds one template.
			model.addAttribute("requestKey", UUID.randomUUID().toString());
		}
		model.addAttribute("services", HelpWith.values());
		model.addAttribute("questions", AskingAbout.values());
		model.addAttribute("placeholders", Placeholders.Placeholder.values());
		return FORM_VIEW;
	}

	private PageMeta meta(String titleKey, String path) {
		String title = messages.getMessage(titleKey, null, LocaleContextHolder.getLocale());
		return PageMeta.of(title, title, path).notIndexed();
	}

}

package ca.gagephysio.inquiry.reply;

import java.time.Instant;
import java.util.Map;

import jakarta.validation.Valid;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ca.gagephysio.inquiry.internal.AskingAbout;
import ca.gagephysio.inquiry.internal.HelpWith;
import ca.gagephysio.site.FormErrors;
import ca.gagephysio.site.NotFoundException;
import ca.gagephysio.site.PageMeta;
import ca.gagephysio.staff.AccessTrail;
import ca.gagephysio.staff.StaffDirectory;

/**
 * The reply templates, kept by administrators (the access rule for {@code /staff/templates/**} is in
 * {@code StaffSecurityConfig}; front-desk accounts use templates from an inquiry's reply page but cannot change
 * them). Every change is written to the access trail. Two administrators editing one template: the second save is
 * refused with their typing kept (optimistic locking).
 */
@Controller
@RequestMapping(ReplyTemplateController.PATH)
class ReplyTemplateController {

	static final String PATH = "/staff/templates";

	private static final String LIST_VIEW = "inquiry/reply/templates";

	private static final String FORM_VIEW = "inquiry/reply/template";

	private static final String FORM = "form";

	/** What the access trail calls a template. */
	static final String SUBJECT = "REPLY_TEMPLATE";

	private final ReplyTemplateRepository templates;

	private final AccessTrail trail;

	private final StaffDirectory staff;

	private final MessageSource messages;

	ReplyTemplateController(ReplyTemplateRepository templates, AccessTrail trail, StaffDirectory staff,
			MessageSource messages) {
		this.templates = templates;
		this.trail = trail;
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
	@Transactional
	String add(@Valid @ModelAttribute(FORM) ReplyTemplateForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		check(form, result, null);
		if (result.hasErrors()) {
			return editor(form, null, model);
		}
		ReplyTemplate saved = templates.save(new ReplyTemplate(form.name().strip(), form.subject().strip(),
				form.body().strip(), form.serviceMark(), form.askingAboutMark(), staff.current().displayName(),
				Instant.now()));
		trail.record("REPLY_TEMPLATE_CREATED", SUBJECT, saved.getId(), null);
		redirect.addFlashAttribute("flash", "reply.template.created");
		return "redirect:" + PATH;
	}

	@PostMapping("/{id:\\d+}")
	@Transactional
	String save(@PathVariable long id, @Valid @ModelAttribute(FORM) ReplyTemplateForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		ReplyTemplate template = find(id);
		check(form, result, id);
		if (result.hasErrors()) {
			return editor(form, id, model);
		}
		if (form.startedFrom() == null || form.startedFrom() != template.getVersion()) {
			// Their typing stays; the version moves to the one now saved, so pressing Save again is a knowing choice.
			model.addAttribute("problem", "reply.template.conflict");
			return editor(form.withVersion(template.getVersion()), id, model);
		}
		template.change(form.name().strip(), form.subject().strip(), form.body().strip(), form.serviceMark(),
				form.askingAboutMark(), staff.current().displayName(), Instant.now());
		try {
			templates.saveAndFlush(template);
		}
		catch (ObjectOptimisticLockingFailureException ex) {
			model.addAttribute("problem", "reply.template.conflict");
			return editor(form, id, model);
		}
		trail.record("REPLY_TEMPLATE_CHANGED", SUBJECT, id, null);
		redirect.addFlashAttribute("flash", "reply.template.saved");
		return "redirect:" + PATH;
	}

	@PostMapping("/{id:\\d+}/delete")
	@Transactional
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		templates.delete(find(id));
		trail.record("REPLY_TEMPLATE_DELETED", SUBJECT, id, null);
		redirect.addFlashAttribute("flash", "reply.template.deleted");
		return "redirect:" + PATH;
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

package ca.gagephysio.team;

import java.time.Instant;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import ca.gagephysio.image.ImageRejected;
import ca.gagephysio.image.Images;
import ca.gagephysio.image.StoredImage;
import ca.gagephysio.site.PageMeta;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.core.Authentication;
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

/**
 * The back office's team editor, beside the public {@link TeamController}: any signed-in staff member lists, adds
 * and edits clinicians; only administrators publish, unpublish and delete (enforced by URL in
 * {@code StaffSecurityConfig}, and the edit form has no "published" field to smuggle a change through).
 */
@Controller
@RequestMapping(TeamAdminController.PATH)
class TeamAdminController {

	static final String PATH = "/staff/team";

	static final String LIST_VIEW = "team/staff/list";

	static final String FORM_VIEW = "team/staff/form";

	static final String REVISIONS_VIEW = "team/staff/revisions";

	private static final String BACK_TO_LIST = "redirect:" + PATH;

	private final TeamEditor editor;

	private final TeamMemberRepository members;

	private final Images images;

	private final MessageSource messages;

	TeamAdminController(TeamEditor editor, TeamMemberRepository members, Images images,
			MessageSource messages) {
		this.editor = editor;
		this.members = members;
		this.images = images;
		this.messages = messages;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("page", page("team.staff.title", PATH));
		model.addAttribute("members",
				members.findAllByOrderBySortOrderAscNameAsc().stream().map(ClinicianRow::of).toList());
		return LIST_VIEW;
	}

	@GetMapping("/new")
	String newClinician(Model model) {
		model.addAttribute("form", ClinicianForm.empty());
		return form(model, null, null);
	}

	@PostMapping
	String add(@Valid @ModelAttribute("form") ClinicianForm form, BindingResult result, Authentication who,
			@RequestParam(required = false) String requestKey, Model model, RedirectAttributes redirect) {
		if (form == null) {
			return unreadable(PATH + "/new", redirect);
		}
		Long photoId = photo(form, result, who);
		if (result.hasErrors()) {
			if (TeamEditor.isRequestKey(requestKey)) {
				model.addAttribute("requestKey", requestKey);
			}
			return form(model, null, photoId);
		}
		try {
			editor.add(form.details(photoId), who.getName(), requestKey);
		}
		catch (DataIntegrityViolationException lostRace) {
			// Another post took this form's key or the same slug at the same instant. Its key: a double click, and
			// the first click's clinician is the result. A namesake added meanwhile: the next free slug is taken.
			if (editor.addedWith(requestKey).isEmpty()) {
				editor.add(form.details(photoId), who.getName(), requestKey);
			}
		}
		redirect.addFlashAttribute("flash", "team.staff.added");
		return BACK_TO_LIST;
	}

	/** The editor opens with the change waiting for an administrator, if there is one, so nobody starts over. */
	@GetMapping("/{id}")
	String edit(@PathVariable long id, Model model) {
		TeamMember member = editor.find(id);
		ClinicianForm form = ClinicianForm.of(editor.editedText(member), member.version());
		model.addAttribute("form", form);
		return form(model, member, form.photoId());
	}

	@PostMapping("/{id}")
	String save(@PathVariable long id, @Valid @ModelAttribute("form") ClinicianForm form, BindingResult result,
			Authentication who, Model model, RedirectAttributes redirect, HttpServletRequest request) {
		TeamMember member = editor.find(id);
		if (form == null) {
			return unreadable(PATH + "/" + id, redirect);
		}
		Long photoId = photo(form, result, who);
		if (form.version() == null) {
			result.reject("team.edit.conflict");
		}
		if (result.hasErrors()) {
			return form(model, member, photoId, form.version() == null ? member.version() : form.version());
		}
		try {
			if (editor.edit(id, form.version(), form.details(photoId), who.getName(), request.isUserInRole("ADMIN"))) {
				redirect.addFlashAttribute("flash", "team.staff.draft-saved");
				return "redirect:" + PATH + "/" + id;
			}
		}
		// A lock that waited too long or a lost optimistic lock is the same story: someone else's save came first.
		catch (StaleClinicianException | ConcurrencyFailureException stale) {
			TeamMember current = editor.find(id);
			result.reject("team.edit.conflict");
			model.addAttribute("conflict", ClinicianRow.of(current));
			model.addAttribute("conflictDetails", current.details());
			// Saving again now replaces their version with this one, knowingly.
			return form(model, current, photoId, current.version());
		}
		redirect.addFlashAttribute("flash", "team.staff.saved");
		return BACK_TO_LIST;
	}

	@PostMapping("/{id}/publish")
	String publish(@PathVariable long id, Authentication who, RedirectAttributes redirect) {
		return change(() -> editor.publish(id, who.getName()), "team.staff.published", redirect);
	}

	@PostMapping("/{id}/unpublish")
	String unpublish(@PathVariable long id, Authentication who, RedirectAttributes redirect) {
		return change(() -> editor.unpublish(id, who.getName()), "team.staff.unpublished", redirect);
	}

	/** An administrator publishes the change a staff member made to a published bio. */
	@PostMapping("/{id}/draft/publish")
	String publishDraft(@PathVariable long id, Authentication who, RedirectAttributes redirect) {
		return change(() -> editor.publishDraft(id, who.getName()), "team.staff.draft-published", redirect);
	}

	@PostMapping("/{id}/draft/discard")
	String discardDraft(@PathVariable long id, RedirectAttributes redirect) {
		return change(() -> editor.discardDraft(id), "team.staff.draft-discarded", redirect);
	}

	/** Every saved version of the bio, newest first, with who saved it and whether it waited for an administrator. */
	@GetMapping("/{id}/revisions")
	String revisions(@PathVariable long id, Model model) {
		TeamMember member = editor.find(id);
		model.addAttribute("page", page("team.revisions.title", PATH + "/" + id + "/revisions"));
		model.addAttribute("member", ClinicianRow.of(member));
		model.addAttribute("revisions", editor.revisions(id));
		model.addAttribute("waiting", member.draftRevision());
		return REVISIONS_VIEW;
	}

	/** A change without text to keep; one that waited too long for someone else's says so instead of a 500. */
	private static String change(Runnable change, String doneKey, RedirectAttributes redirect) {
		try {
			change.run();
			redirect.addFlashAttribute("flash", doneKey);
		}
		catch (ConcurrencyFailureException busy) {
			redirect.addFlashAttribute("problem", "team.staff.busy");
		}
		return BACK_TO_LIST;
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		try {
			editor.delete(id);
			redirect.addFlashAttribute("flash", "team.staff.deleted");
		}
		catch (ClinicianStillReferencedException referenced) {
			redirect.addFlashAttribute("problem", "team.staff.delete.referenced");
		}
		catch (ConcurrencyFailureException busy) {
			redirect.addFlashAttribute("problem", "team.staff.busy");
		}
		return BACK_TO_LIST;
	}

	/**
	 * A submission whose hidden fields (version, photo id) were not numbers: no browser sends one, so there is no
	 * typed text worth keeping. The form is shown afresh with a message instead of an error page.
	 */
	private static String unreadable(String formPath, RedirectAttributes redirect) {
		redirect.addFlashAttribute("problem", "team.edit.unreadable");
		return "redirect:" + formPath;
	}

	/**
	 * Stores a newly chosen photo even when other fields have mistakes, so it need not be chosen again; a refused
	 * file becomes an error on the photo field.
	 * @return the photo to keep: the new one, else the one the form kept, else {@code null}
	 */
	private Long photo(ClinicianForm form, BindingResult result, Authentication who) {
		if (!form.hasUpload()) {
			return form.keptPhotoId();
		}
		try {
			return images.store(form.photo(), who.getName()).id();
		}
		catch (ImageRejected rejected) {
			result.rejectValue("photo", rejected.messageKey(), rejected.arguments(), null);
			return form.keptPhotoId();
		}
	}

	private String form(Model model, TeamMember member, Long photoId) {
		return form(model, member, photoId, member == null ? null : member.version());
	}

	private String form(Model model, TeamMember member, Long photoId, Long version) {
		boolean adding = member == null;
		model.addAttribute("page",
				adding ? page("team.edit.new.title", PATH + "/new") : page("team.edit.title", PATH + "/" + member.id()));
		model.addAttribute("member", adding ? null : ClinicianRow.of(member));
		model.addAttribute("draft", adding ? null : editor.draft(member).orElse(null));
		StoredImage photo = photoId == null ? null : images.find(photoId).orElse(null);
		model.addAttribute("photo", photo);
		model.addAttribute("photoId", photo == null ? null : photo.id());
		model.addAttribute("version", version);
		if (adding && !model.containsAttribute("requestKey")) {
			// One key per form shown: the same form sent twice adds one clinician.
			model.addAttribute("requestKey", UUID.randomUUID().toString());
		}
		return FORM_VIEW;
	}

	private PageMeta page(String titleKey, String path) {
		String title = messages.getMessage(titleKey, null, LocaleContextHolder.getLocale());
		return PageMeta.of(title, title, path).notIndexed();
	}

	/**
	 * A clinician as the back office lists them.
	 *
	 * @param id their id
	 * @param slug their bio's slug
	 * @param name their name
	 * @param jobTitle their title
	 * @param published whether the bio is public
	 * @param updatedAt when they last changed
	 * @param updatedBy who changed them last, or {@code null} for the seed
	 * @param draftWaiting whether a staff member's change waits for an administrator to publish it
	 */
	record ClinicianRow(long id, String slug, String name, String jobTitle, boolean published, Instant updatedAt,
			String updatedBy, boolean draftWaiting) {

		static ClinicianRow of(TeamMember member) {
			return new ClinicianRow(member.id(), member.slug(), member.name(), member.jobTitle(), member.published(),
					member.updatedAt(), member.updatedBy(), member.draftRevision() != null);
		}

		public String path() {
			return "/team/" + slug;
		}

	}

}

package ca.gagephysio.article.staff;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import ca.gagephysio.article.Article;
import ca.gagephysio.article.ArticleContent;
import ca.gagephysio.article.ArticleProperties;
import ca.gagephysio.article.ArticleRepository;
import ca.gagephysio.article.ArticleState;
import ca.gagephysio.article.reading.ArticleController;
import ca.gagephysio.article.reading.ArticlePageModel;
import ca.gagephysio.article.reading.ArticleRenderer;
import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.image.ImageRejected;
import ca.gagephysio.image.Images;
import ca.gagephysio.site.FormErrors;
import ca.gagephysio.site.PageMeta;
import ca.gagephysio.team.Clinician;
import ca.gagephysio.team.Team;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.security.core.Authentication;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The back office's article editor on {@code /staff/articles}, beside the public {@link ArticleController}: the
 * list with each article's state and the articles due for medical review, the editor with its quality check and a
 * server-side preview, publishing, scheduling, unpublishing and deleting (administrators only, by the URL rules of
 * the staff module), revisions with their differences, and the conflict page when two people save the same article.
 * Every successful post redirects; a refused one shows the form again with everything typed kept.
 */
@Controller
@RequestMapping(ArticleAdminController.PATH)
class ArticleAdminController {

	static final String PATH = "/staff/articles";

	static final String LIST_VIEW = "article/staff/list";

	static final String EDIT_VIEW = "article/staff/edit";

	static final String CONFLICT_VIEW = "article/staff/conflict";

	static final String REVISIONS_VIEW = "article/staff/revisions";

	static final String PREVIEW_BODY_VIEW = "article/staff/preview-body";

	private static final String FORM = "form";

	private static final String HERO_FORM = "heroForm";

	private final ArticleRepository articles;

	private final ArticleEditor editor;

	private final ArticleQualityCheck quality;

	private final ArticleRenderer renderer;

	private final ArticlePageModel pageModel;

	private final ArticleProperties properties;

	private final Team team;

	private final ClinicFacts clinic;

	private final Images images;

	private final MessageSource messages;

	private final Clock clock;

	ArticleAdminController(ArticleRepository articles, ArticleEditor editor, ArticleQualityCheck quality,
			ArticleRenderer renderer, ArticlePageModel pageModel, ArticleProperties properties, Team team,
			ClinicFacts clinic, Images images, MessageSource messages, ObjectProvider<Clock> clock) {
		this.articles = articles;
		this.editor = editor;
		this.quality = quality;
		this.renderer = renderer;
		this.pageModel = pageModel;
		this.properties = properties;
		this.team = team;
		this.clinic = clinic;
		this.images = images;
		this.messages = messages;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	@GetMapping
	String list(Model model) {
		Instant now = clock.instant();
		Map<String, String> names = clinicianNames();
		LocalDate reviewedBefore = today().minus(properties.reviewDueAfter());
		List<Row> rows = articles.findAllByOrderByUpdatedAtDescIdDesc()
			.stream()
			.map(article -> new Row(article.id(), article.title(), article.state(now),
					article.publishedAt() == null ? null : article.publishedAt().atZone(clinic.timeZone()),
					names.getOrDefault(article.authorSlug(), article.authorSlug()),
					article.updatedAt().atZone(clinic.timeZone()), article.updatedBy(), article.lastReviewedOn(),
					isPublishedOrScheduled(article.state(now)) && article.lastReviewedOn().isBefore(reviewedBefore)))
			.toList();
		model.addAttribute("page", meta("articles.admin.list.title", PATH));
		model.addAttribute("rows", rows);
		model.addAttribute("reviewDue", rows.stream().filter(Row::reviewDue).toList());
		model.addAttribute("reviewDueMonths", properties.reviewDueAfter().toTotalMonths());
		return LIST_VIEW;
	}

	@GetMapping("/new")
	String newArticle(Model model) {
		String firstClinician = team.everyone().stream().findFirst().map(Clinician::slug).orElse("");
		return editor(ArticleForm.blank(firstClinician, today()), null, model);
	}

	/**
	 * Creates an article from the new-article form, hero image included: that form (only that one) is multipart, so
	 * the picture is chosen with the text. Its text fields then count against Tomcat's form limit
	 * ({@code server.tomcat.max-http-form-post-size}, 256 KB) as raw UTF-8, which a body within its 100,000 characters
	 * of Latin text stays under; later edits are plain forms read by {@link ArticleFormBodyFilter}. A refused form
	 * keeps an uploaded picture (its id comes back in the form), so it need not be chosen again.
	 */
	@PostMapping
	String create(@Valid @ModelAttribute(FORM) ArticleForm form, BindingResult result,
			@Valid @ModelAttribute(HERO_FORM) HeroImageForm hero, BindingResult heroResult, Model model,
			RedirectAttributes redirect, Authentication who) {
		checkClinicians(form, result);
		Long imageId = newHero(hero, heroResult, who);
		if (result.hasErrors() || heroResult.hasErrors()) {
			model.addAttribute("heroImageId", imageId);
			return editor(form, null, model);
		}
		try {
			Article article = editor.create(form.content().withHero(imageId, imageId == null ? null : hero.strippedAlt()));
			redirect.addFlashAttribute("flash", "articles.admin.created");
			return "redirect:" + PATH + "/" + article.id();
		}
		catch (ArticleEditor.SlugTakenException taken) {
			slugTaken(form, result);
			model.addAttribute("heroImageId", imageId);
			return editor(form, null, model);
		}
	}

	/** The hero image of the new-article form: a new upload stored now, or the one kept from a refused try. */
	private Long newHero(HeroImageForm hero, BindingResult heroResult, Authentication who) {
		Long imageId = hero.keptImageId() != null && images.find(hero.keptImageId()).isPresent()
				? hero.keptImageId() : null;
		if (hero.hasUpload()) {
			try {
				imageId = images.store(hero.image(), who.getName()).id();
			}
			catch (ImageRejected rejected) {
				heroResult.rejectValue("image", rejected.messageKey(), rejected.arguments(), null);
			}
		}
		return imageId;
	}

	@GetMapping("/{id}")
	String edit(@PathVariable long id, Model model) {
		Article article = editor.find(id);
		return editor(ArticleForm.of(article), article, model);
	}

	@PostMapping("/{id}")
	String save(@PathVariable long id, @Valid @ModelAttribute(FORM) ArticleForm form, BindingResult result,
			Model model, RedirectAttributes redirect, HttpServletRequest request) {
		Article article = editor.find(id);
		checkClinicians(form, result);
		if (result.hasErrors()) {
			return editor(form, article, model);
		}
		if (!mayChange(article, request)) {
			model.addAttribute("problem", "articles.admin.save.admin-only");
			return editor(form, article, model);
		}
		if (form.versionNumber() == null) {
			return conflict(id, form, model);
		}
		try {
			// The text form does not carry the hero image (its own form does): keep the one the article has.
			editor.save(id, form.versionNumber(), form.content().withHero(article.heroImageId(), article.heroAlt()));
		}
		// A lock that waited too long or a lost optimistic lock is the same story as a stale version: someone else's
		// save came first.
		catch (ArticleEditor.ArticleConflictException | ConcurrencyFailureException conflict) {
			return conflict(id, form, model);
		}
		catch (ArticleEditor.SlugTakenException taken) {
			slugTaken(form, result);
			return editor(form, article, model);
		}
		redirect.addFlashAttribute("flash", "articles.admin.saved");
		return "redirect:" + PATH + "/" + id;
	}

	/** The page exactly as readers will see it, from what is in the editor now (saved or not), by the same code. */
	@PostMapping({ "/preview", "/{id}/preview" })
	String preview(@PathVariable(required = false) Long id, @Valid @ModelAttribute(FORM) ArticleForm form,
			BindingResult result, @Valid @ModelAttribute(HERO_FORM) HeroImageForm hero, BindingResult heroResult,
			Model model, Authentication who) {
		Article article = id == null ? null : editor.find(id);
		checkClinicians(form, result);
		Long newHeroId = article == null ? newHero(hero, heroResult, who) : null;
		if (result.hasErrors() || (article == null && heroResult.hasErrors())) {
			model.addAttribute("heroImageId", newHeroId);
			return editor(form, article, model);
		}
		ArticleContent content = article == null
				? form.content().withHero(newHeroId, newHeroId == null ? null : hero.strippedAlt())
				: form.content().withHero(article.heroImageId(), article.heroAlt());
		model.addAttribute("previewHeroId", newHeroId);
		model.addAttribute("previewHeroAlt", hero.strippedAlt());
		Article draft = Article.draft(content, null, clock.instant());
		LocalDate publishedOn = article != null && article.publishedAt() != null
				? article.publishedOn(clinic.timeZone()) : today();
		pageModel.populate(draft, renderer.render(draft.bodyMarkdown()), publishedOn, model);
		// the banner above it: "Not published yet", and the text carried back to the editor unsaved
		model.addAttribute("previewOf", form);
		model.addAttribute("previewBack", id == null ? PATH + "/new/edit" : PATH + "/" + id + "/edit");
		return ArticleController.ARTICLE_VIEW;
	}

	/**
	 * Back from the preview to the editor with the text as it was, still unsaved (the preview's "Back to the editor"
	 * posts it here): nothing is checked or stored.
	 */
	@PostMapping({ "/new/edit", "/{id}/edit" })
	String backToEditor(@PathVariable(required = false) Long id, @ModelAttribute(FORM) ArticleForm form,
			@ModelAttribute(HERO_FORM) HeroImageForm hero, Model model) {
		if (id == null && hero.imageId() != null && images.find(hero.imageId()).isPresent()) {
			model.addAttribute("heroImageId", hero.imageId());
		}
		return editor(form, id == null ? null : editor.find(id), model);
	}

	/**
	 * The body alone, rendered as readers will see it, for the editor's live preview beside the text (EasyMDE in
	 * {@code article-editor.js}): the server's own renderer, so inquiry boxes and sanitising match the public page.
	 * Up to the form's limit on the body (100,000 characters); more is refused with 413.
	 */
	@PostMapping("/preview-body")
	String previewBody(@RequestParam(defaultValue = "") String bodyMarkdown, Model model) {
		if (bodyMarkdown.length() > ArticleForm.BODY_LIMIT) {
			throw new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE);
		}
		model.addAttribute("body", renderer.render(bodyMarkdown));
		return PREVIEW_BODY_VIEW;
	}

	/**
	 * Sets, replaces or removes the hero image, from its own small form beside the text (saved apart from it, so an
	 * unsaved text is not saved with it; the panel says so). A refused file or a missing alt text shows the editor
	 * again with the message beside the field, the alt text kept, and a newly uploaded image kept for the next try.
	 */
	@PostMapping("/{id}/hero")
	String hero(@PathVariable long id, @Valid @ModelAttribute(HERO_FORM) HeroImageForm form, BindingResult result,
			Model model, RedirectAttributes redirect, HttpServletRequest request, Authentication who) {
		Article article = editor.find(id);
		if (!mayChange(article, request)) {
			redirect.addFlashAttribute("problem", "articles.admin.save.admin-only");
			return "redirect:" + PATH + "/" + id;
		}
		Long imageId = form.keptImageId() != null && images.find(form.keptImageId()).isPresent()
				? form.keptImageId() : null;
		if (form.hasUpload()) {
			try {
				imageId = images.store(form.image(), who.getName()).id();
			}
			catch (ImageRejected rejected) {
				result.rejectValue("image", rejected.messageKey(), rejected.arguments(), null);
			}
		}
		if (result.hasErrors()) {
			model.addAttribute("heroImageId", imageId);
			return editor(ArticleForm.of(article), article, model);
		}
		try {
			editor.setHero(id, imageId, form.strippedAlt());
		}
		catch (ConcurrencyFailureException busy) {
			redirect.addFlashAttribute("problem", "articles.admin.busy");
			return "redirect:" + PATH + "/" + id;
		}
		redirect.addFlashAttribute("flash", imageId == null ? "articles.admin.hero.removed" : "articles.admin.hero.saved");
		return "redirect:" + PATH + "/" + id;
	}

	@PostMapping("/{id}/publish")
	String publish(@PathVariable long id, RedirectAttributes redirect) {
		return publishing(() -> editor.publishNow(id), id, "articles.admin.published", redirect);
	}

	/**
	 * Schedules publication at a date and time typed in the clinic's time zone. In the hour skipped when clocks go
	 * forward, the time moves on by that hour; in the hour that repeats in the fall, the earlier one is taken.
	 */
	@PostMapping("/{id}/schedule")
	String schedule(@PathVariable long id, @RequestParam(defaultValue = "") String publishAt,
			RedirectAttributes redirect) {
		Instant at;
		try {
			at = ZonedDateTime.of(LocalDateTime.parse(publishAt), clinic.timeZone()).toInstant();
		}
		catch (DateTimeParseException ex) {
			redirect.addFlashAttribute("problem", "articles.admin.schedule.invalid");
			return "redirect:" + PATH + "/" + id;
		}
		return publishing(() -> editor.schedule(id, at), id, "articles.admin.scheduled", redirect);
	}

	@PostMapping("/{id}/unpublish")
	String unpublish(@PathVariable long id, RedirectAttributes redirect) {
		editor.unpublish(id);
		redirect.addFlashAttribute("flash", "articles.admin.unpublished");
		return "redirect:" + PATH + "/" + id;
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable long id, @RequestParam(defaultValue = "false") boolean confirm,
			RedirectAttributes redirect) {
		if (!confirm) {
			redirect.addFlashAttribute("problem", "articles.admin.delete.unconfirmed");
			return "redirect:" + PATH + "/" + id;
		}
		try {
			editor.delete(id);
		}
		catch (ConcurrencyFailureException busy) {
			redirect.addFlashAttribute("problem", "articles.admin.busy");
			return "redirect:" + PATH + "/" + id;
		}
		redirect.addFlashAttribute("flash", "articles.admin.deleted");
		return "redirect:" + PATH;
	}

	/** The revisions, newest first, and the differences between two of them (by default the last two). */
	@GetMapping("/{id}/revisions")
	String revisions(@PathVariable long id, @RequestParam(required = false) Integer from,
			@RequestParam(required = false) Integer to, Model model) {
		Article article = editor.find(id);
		List<ArticleRevision> all = editor.revisions(id);
		int newest = all.get(0).number();
		int older = from != null ? from : Math.max(1, newest - 1);
		int newer = to != null ? to : newest;
		model.addAttribute("page", meta("articles.admin.revisions.title", PATH + "/" + id + "/revisions"));
		model.addAttribute("article", article);
		model.addAttribute("revisions", all);
		model.addAttribute("from", older);
		model.addAttribute("to", newer);
		model.addAttribute("diff", ArticleDiff.between(editor.revision(id, older).content(),
				editor.revision(id, newer).content()));
		model.addAttribute("zone", clinic.timeZone());
		return REVISIONS_VIEW;
	}

	@PostMapping("/{id}/revisions/{number}/restore")
	String restore(@PathVariable long id, @PathVariable int number, RedirectAttributes redirect,
			HttpServletRequest request) {
		if (!mayChange(editor.find(id), request)) {
			redirect.addFlashAttribute("problem", "articles.admin.save.admin-only");
			return "redirect:" + PATH + "/" + id + "/revisions";
		}
		try {
			editor.restore(id, number);
			redirect.addFlashAttribute("flash", "articles.admin.restored");
		}
		catch (ArticleEditor.SlugTakenException taken) {
			redirect.addFlashAttribute("problem", "articles.admin.restore.slug-taken");
		}
		catch (ConcurrencyFailureException busy) {
			redirect.addFlashAttribute("problem", "articles.admin.busy");
		}
		return "redirect:" + PATH + "/" + id;
	}

	private String publishing(Runnable change, long id, String doneKey, RedirectAttributes redirect) {
		try {
			change.run();
			redirect.addFlashAttribute("flash", doneKey);
		}
		catch (ArticleEditor.PublishingRefusedException refused) {
			redirect.addFlashAttribute("problem", refused.messageKey());
		}
		catch (ConcurrencyFailureException busy) {
			redirect.addFlashAttribute("problem", "articles.admin.busy");
		}
		return "redirect:" + PATH + "/" + id;
	}

	/**
	 * Someone saved the article after this editor opened it. Theirs stays saved; yours is shown in full, with the
	 * differences, to copy from or to save over theirs deliberately (the form then carries their version).
	 */
	private String conflict(long id, ArticleForm yours, Model model) {
		Article theirs = editor.find(id);
		model.addAttribute("page", meta("articles.admin.conflict.title", PATH + "/" + id));
		model.addAttribute("article", theirs);
		model.addAttribute("theirs", ArticleForm.of(theirs));
		model.addAttribute(FORM, new ArticleForm(String.valueOf(theirs.version()), yours.title(), yours.slug(), yours.summary(),
				yours.category(), yours.authorSlug(), yours.reviewedBySlug(), yours.lastReviewedOn(),
				yours.bodyMarkdown()));
		model.addAttribute("updatedAt", theirs.updatedAt().atZone(clinic.timeZone()));
		// the text form never changes the hero image, so theirs is not a difference
		model.addAttribute("diff", ArticleDiff.between(theirs.content(),
				withSlug(yours).withHero(theirs.heroImageId(), theirs.heroAlt())));
		return CONFLICT_VIEW;
	}

	private static ArticleContent withSlug(ArticleForm form) {
		return new ArticleContent(form.effectiveSlug(), nullToEmpty(form.title()), nullToEmpty(form.summary()),
				nullToEmpty(form.category()), form.authorSlug(), form.reviewedBySlug(), form.reviewedOn(),
				nullToEmpty(form.bodyMarkdown()).strip() + "\n");
	}

	private static String nullToEmpty(String text) {
		return text == null ? "" : text.strip();
	}

	private String editor(ArticleForm form, Article article, Model model) {
		Instant now = clock.instant();
		model.addAttribute(FORM, form);
		model.addAttribute("article", article);
		model.addAttribute("state", article == null ? ArticleState.DRAFT : article.state(now));
		model.addAttribute("clinicians", team.everyone());
		model.addAttribute("page", article == null ? meta("articles.admin.new.title", PATH + "/new")
				: meta("articles.admin.edit.title", PATH + "/" + article.id()));
		model.addAttribute("errors", FormErrors.summary(model, FORM, messages));
		// an existing article's hero comes from the article, unless its own form was just refused (hero() says which)
		if (article != null && !model.containsAttribute("heroImageId")) {
			// the text form's posts bind an empty hero form too; its result must not stand for the article's
			model.asMap().remove(BindingResult.MODEL_KEY_PREFIX + HERO_FORM);
			model.addAttribute(HERO_FORM, HeroImageForm.of(article));
			model.addAttribute("heroImageId", article.heroImageId());
		}
		else if (article == null && !model.containsAttribute(HERO_FORM)) {
			model.addAttribute(HERO_FORM, new HeroImageForm(null, null, null, null));
		}
		Long heroImageId = (Long) model.getAttribute("heroImageId");
		model.addAttribute("heroImage", heroImageId == null ? null : images.find(heroImageId).orElse(null));
		model.addAttribute("heroErrors", FormErrors.summary(model, HERO_FORM, messages));
		model.addAttribute("titleLimit", ArticleQualityCheck.TITLE_LIMIT);
		model.addAttribute("summaryLimit", ArticleQualityCheck.SUMMARY_LIMIT);
		if (article != null) {
			model.addAttribute("findings", quality.check(article.content()));
			model.addAttribute("publishedAt",
					article.publishedAt() == null ? null : article.publishedAt().atZone(clinic.timeZone()));
			model.addAttribute("updatedAt", article.updatedAt().atZone(clinic.timeZone()));
			model.addAttribute("scheduleDefault",
					LocalDate.ofInstant(now, clinic.timeZone()).plusDays(1).atTime(9, 0));
			model.addAttribute("zone", clinic.timeZone());
		}
		return EDIT_VIEW;
	}

	private void checkClinicians(ArticleForm form, BindingResult result) {
		Map<String, String> names = clinicianNames();
		if (form.authorSlug() != null && !form.authorSlug().isBlank() && !names.containsKey(form.authorSlug())) {
			result.rejectValue("authorSlug", "articles.admin.author.unknown");
		}
		if (form.reviewedBySlug() != null && !form.reviewedBySlug().isBlank()
				&& !names.containsKey(form.reviewedBySlug())) {
			result.rejectValue("reviewedBySlug", "articles.admin.reviewer.unknown");
		}
		if (form.lastReviewedOn() != null && !form.lastReviewedOn().isBlank()) {
			if (form.reviewedOn() == null) {
				result.rejectValue("lastReviewedOn", "articles.admin.reviewed-on.invalid");
			}
			else if (form.reviewedOn().isAfter(today())) {
				result.rejectValue("lastReviewedOn", "articles.admin.reviewed-on.future");
			}
		}
	}

	private static void slugTaken(ArticleForm form, BindingResult result) {
		result.rejectValue("slug", "articles.admin.slug.taken", new Object[] { form.effectiveSlug() }, null);
	}

	/** Staff who are not administrators may change an article only while readers cannot see it. */
	private boolean mayChange(Article article, HttpServletRequest request) {
		ArticleState state = article.state(clock.instant());
		return request.isUserInRole("ADMIN") || state == ArticleState.DRAFT || state == ArticleState.UNPUBLISHED;
	}

	private static boolean isPublishedOrScheduled(ArticleState state) {
		return state == ArticleState.PUBLISHED || state == ArticleState.SCHEDULED;
	}

	private Map<String, String> clinicianNames() {
		return team.everyone().stream().collect(Collectors.toMap(Clinician::slug, Clinician::name));
	}

	private LocalDate today() {
		return LocalDate.ofInstant(clock.instant(), clinic.timeZone());
	}

	private PageMeta meta(String titleKey, String path) {
		String title = messages.getMessage(titleKey, null, LocaleContextHolder.getLocale());
		return PageMeta.of(title, title, path).notIndexed();
	}

	/**
	 * An article as the back-office list shows it.
	 *
	 * @param id its id
	 * @param title its title
	 * @param state draft, scheduled, published or unpublished
	 * @param publishedAt when it is or was public from, clinic time, or {@code null}
	 * @param author the author's name
	 * @param updatedAt its last change, clinic time
	 * @param updatedBy who made it, or {@code null} for the site's set-up
	 * @param lastReviewedOn the day of its last medical review
	 * @param reviewDue whether that review is older than {@code clinic.articles.review-due-after}
	 */
	record Row(long id, String title, ArticleState state, ZonedDateTime publishedAt, String author,
			ZonedDateTime updatedAt, String updatedBy, LocalDate lastReviewedOn, boolean reviewDue) {
	}

}

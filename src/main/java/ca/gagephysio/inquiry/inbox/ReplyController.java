package ca.gagephysio.inquiry.inbox;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.Valid;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.ConcurrencyFailureException;
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

import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.reply.PlaceholderValues;
import ca.gagephysio.inquiry.reply.Placeholders.Placeholder;
import ca.gagephysio.inquiry.reply.Placeholders;
import ca.gagephysio.inquiry.reply.ReplyTemplates;
import ca.gagephysio.inquiry.reply.ReplyTextCheck;
import ca.gagephysio.site.FormErrors;
import ca.gagephysio.site.PageMeta;
import ca.gagephysio.site.ReplyToAddress;

/**
 * Answering an inquiry: an email reply written from a template (or blank), edited, previewed on the server and sent
 * through the notification outbox; or, for a person reached by phone, how the call went. Every front-desk account
 * may do both; only administrators change the templates ({@code /staff/templates}).
 * <p>
 * What a reply may say: the clinic's words, the placeholders' values and what the staff member typed. It never
 * starts with the person's message, no placeholder stands for it (or for anything else they wrote but the first word
 * of their name), and a reply that repeats a run of it is refused.
 */
@Controller
@RequestMapping(InboxController.PATH + "/{id:\\d+}")
class ReplyController {

	private static final String VIEW = "inquiry/staff/inbox/reply";

	private static final String FORM = "form";

	/** Column size of an outbox reply: the body with its placeholders filled must fit. */
	static final int MAX_FILLED_BODY = 10_000;

	/**
	 * How many words of the person's message in a row a reply may not repeat (fewer if the message is shorter, but
	 * never under {@link #MIN_QUOTED_WORDS}, so "back pain" or "thank you" stay sayable).
	 */
	static final int QUOTED_WORDS = 8;

	static final int MIN_QUOTED_WORDS = 4;

	private final InboxService inbox;

	private final ReplyTemplates templates;

	private final PlaceholderValues placeholderValues;

	private final MessageSource messages;

	private final ReplyToAddress replyTo;

	private final InboxTimeline timeline;

	/** Timeline entries shown on a reply page whose inquiry changed since it was opened. */
	private static final int STALE_ENTRIES = 5;

	ReplyController(InboxService inbox, ReplyTemplates templates, PlaceholderValues placeholderValues,
			MessageSource messages, ReplyToAddress replyTo, InboxTimeline timeline) {
		this.timeline = timeline;
		this.inbox = inbox;
		this.templates = templates;
		this.placeholderValues = placeholderValues;
		this.messages = messages;
		this.replyTo = replyTo;
	}

	/** The reply page, blank or with a template's text, its placeholders filled so the staff member sees the words. */
	@GetMapping("/reply")
	String compose(@PathVariable long id, @RequestParam(required = false) Long template, Model model) {
		Inquiry inquiry = inbox.open(id);
		ReplyForm form = startingText(template, inquiry);
		if (template != null && form.template() == null) {
			model.addAttribute("problem", "reply.template.gone");
		}
		return page(inquiry, form, null, model);
	}

	/**
	 * Another template (or a blank reply) chosen on the reply page, posted with what is in the fields: when the
	 * subject or text differ from what the current template (or a blank page) gave, the page first asks whether to
	 * replace them, keeping them until the answer ({@code replace=yes} replaces, {@code no} keeps them). Done on the
	 * server, so it holds without script.
	 */
	@PostMapping("/reply/template")
	String switchTemplate(@PathVariable long id, @ModelAttribute(FORM) ReplyForm form,
			@RequestParam(required = false) Long chosen, @RequestParam(required = false) String replace,
			Model model) {
		Inquiry inquiry = inbox.open(id);
		ReplyForm typed = keyed(form);
		if ("no".equals(replace)) {
			return page(inquiry, typed, null, model);
		}
		ReplyForm current = startingText(form.template(), inquiry);
		boolean edited = !sameText(form.subject(), current.subject()) || !sameText(form.body(), current.body());
		if (edited && !"yes".equals(replace)) {
			model.addAttribute("chosen", chosen);
			model.addAttribute("replaceAsked", chosen == null
					? messages.getMessage("reply.template.blank-name", null, LocaleContextHolder.getLocale())
					: templates.find(chosen, inquiry.getService(), inquiry.getAskingAbout())
						.map(ReplyTemplates.Choice::name)
						.orElse("?"));
			return page(inquiry, typed, null, model);
		}
		ReplyForm next = startingText(chosen, inquiry);
		if (chosen != null && next.template() == null) {
			model.addAttribute("problem", "reply.template.gone");
		}
		return page(inquiry, new ReplyForm(next.subject(), next.body(), typed.requestKey(), next.template(), typed.seen()),
				null,
				model);
	}

	/** What a template (or a blank page, for {@code null} or a template gone) puts in the fields. */
	private ReplyForm startingText(Long template, Inquiry inquiry) {
		return Optional.ofNullable(template)
			.flatMap(chosen -> templates.find(chosen, inquiry.getService(), inquiry.getAskingAbout()))
			.map(chosen -> ReplyForm.of(fill(chosen.subject(), inquiry), fill(chosen.body(), inquiry), chosen.id(),
					inquiry.getVersion()))
			.orElseGet(() -> ReplyForm.of("", "", null, inquiry.getVersion()));
	}

	/** The same words, whatever line endings the browser sent and white space around them. */
	private static boolean sameText(String typed, String given) {
		return normalised(typed).equals(normalised(given));
	}

	private static String normalised(String text) {
		return text == null ? "" : text.replace("\r\n", "\n").strip();
	}

	@PostMapping("/reply/preview")
	String preview(@PathVariable long id, @Valid @ModelAttribute(FORM) ReplyForm form, BindingResult result,
			Model model) {
		Inquiry inquiry = inbox.open(id);
		Filled filled = check(inquiry, form, result, model);
		return page(inquiry, keyed(form), filled, model);
	}

	@PostMapping("/reply")
	String send(@PathVariable long id, @Valid @ModelAttribute(FORM) ReplyForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		Inquiry inquiry = inbox.open(id);
		Filled filled = check(inquiry, form, result, model);
		if (filled == null || !form.hasRequestKey()) {
			if (!form.hasRequestKey() && !model.containsAttribute("problem")) {
				model.addAttribute("problem", "reply.request-key.invalid");
			}
			return page(inquiry, keyed(form), null, model);
		}
		try {
			inbox.reply(id, form.seen(), filled.subject(), filled.body(), form.requestKey(), form.template());
		}
		catch (StaleInquiryException changed) {
			// Someone else answered or changed it since this page was opened: nothing was sent; the text is kept,
			// now marked as having seen the inquiry as it is, so sending it again (after a look) sends it.
			Inquiry now = inbox.open(id);
			model.addAttribute("problem", "reply.stale");
			List<ca.gagephysio.inquiry.TimelineEntry> entries = timeline.of(now, inbox.activityOf(id));
			// the newest few, so the person sees the answer or change they would have repeated
			model.addAttribute("recent", entries.subList(Math.max(0, entries.size() - STALE_ENTRIES), entries.size()));
			return page(now, form.seeing(now.getVersion()), null, model);
		}
		catch (ReplyNotPossibleException ex) {
			// Changed since the checks above (marked as spam, or erased, a moment ago): say why, keep the text.
			model.addAttribute("problem", ex.messageKey());
			return page(inbox.open(id), form, null, model);
		}
		catch (ConcurrencyFailureException busy) {
			// The inquiry stayed locked by someone else's change for too long: nothing was sent, the text is kept
			// with the same key, so sending it again can never send it twice.
			model.addAttribute("problem", "reply.busy");
			return page(inbox.open(id), form, null, model);
		}
		redirect.addFlashAttribute("flash", "reply.queued");
		return "redirect:" + InboxController.PATH + "/" + id;
	}

	@PostMapping("/call")
	String call(@PathVariable long id, @RequestParam(required = false) String outcome,
			@RequestParam(defaultValue = "") String callNote, @RequestParam(required = false) String requestKey,
			@RequestParam(required = false) Long version, RedirectAttributes redirect) {
		CallOutcome chosen = Arrays.stream(CallOutcome.values())
			.filter(value -> value.name().equals(outcome))
			.findFirst()
			.orElse(null);
		if (chosen == null || callNote.length() > InboxController.MAX_NOTE) {
			redirect.addFlashAttribute("problem", chosen == null ? "inbox.call.outcome.required" : "inbox.call.too-long");
			redirect.addFlashAttribute("draftCallNote", callNote);
			redirect.addFlashAttribute("draftCallOutcome", chosen);
			return "redirect:" + InboxController.PATH + "/" + id + "#call";
		}
		try {
			inbox.recordCall(id, version, chosen, callNote, requestKey);
		}
		catch (StaleInquiryException changed) {
			// Someone else answered or changed it since the page was opened: look first; the note and outcome wait.
			redirect.addFlashAttribute("problem", "inbox.call.stale");
			redirect.addFlashAttribute("draftCallNote", callNote);
			redirect.addFlashAttribute("draftCallOutcome", chosen);
			return "redirect:" + InboxController.PATH + "/" + id + "#call";
		}
		catch (ConcurrencyFailureException busy) {
			// The inquiry stayed locked by someone else's change for too long: nothing was recorded, the note is kept.
			redirect.addFlashAttribute("problem", "inbox.busy");
			redirect.addFlashAttribute("draftCallNote", callNote);
			redirect.addFlashAttribute("draftCallOutcome", chosen);
			return "redirect:" + InboxController.PATH + "/" + id + "#call";
		}
		redirect.addFlashAttribute("flash", "inbox.call.recorded");
		return "redirect:" + InboxController.PATH + "/" + id;
	}

	/**
	 * Everything a reply must pass beyond the form's constraints, each on its field with the text kept: the inquiry
	 * can be replied to, the placeholders are known and have values, the filled body fits, and it does not repeat
	 * the person's message.
	 *
	 * @return the subject and body with placeholders filled; {@code null} if anything failed
	 */
	private Filled check(Inquiry inquiry, ReplyForm form, BindingResult result, Model model) {
		String notPossible = ReplyNotPossibleException.reasonFor(inquiry);
		if (notPossible != null) {
			model.addAttribute("problem", notPossible);
		}
		ReplyTextCheck.check(result, form.subject(), form.body());
		Map<Placeholder, String> values = placeholderValues.forInquiry(inquiry.getName(), inquiry.getReference());
		rejectWithoutValue(result, "subject", form.subject(), values);
		rejectWithoutValue(result, "body", form.body(), values);
		if (result.hasErrors() || notPossible != null) {
			return null;
		}
		Filled filled = new Filled(Placeholders.fill(form.subject(), values).strip(),
				Placeholders.fill(form.body(), values).strip());
		if (filled.subject().length() > 200) {
			result.rejectValue("subject", "reply.subject.too-long-filled");
		}
		if (filled.body().length() > MAX_FILLED_BODY) {
			result.rejectValue("body", "reply.body.too-long-filled", new Object[] { MAX_FILLED_BODY }, null);
		}
		else if (repeatsTheMessage(filled.body(), inquiry.getMessage())) {
			result.rejectValue("body", "reply.body.quotes-message");
		}
		return result.hasErrors() ? null : filled;
	}

	/** A placeholder with nothing to stand for (the booking link, while the clinic has none) is an error too. */
	private static void rejectWithoutValue(BindingResult result, String field, String text,
			Map<Placeholder, String> values) {
		if (result.hasFieldErrors(field)) {
			return;
		}
		Set<Placeholder> missing = Placeholders.usedIn(text);
		missing.removeAll(values.keySet());
		if (!missing.isEmpty()) {
			result.rejectValue(field, "reply.placeholder.no-value",
					new Object[] { missing.stream().map(Placeholder::written).collect(Collectors.joining(", ")) },
					null);
		}
	}

	/**
	 * Whether the reply repeats {@link #QUOTED_WORDS} words of the person's message in a row (all of it, if shorter,
	 * but at least {@link #MIN_QUOTED_WORDS}), ignoring case, punctuation and spacing. The reply goes to an address
	 * anyone could have typed, and what the person wrote may be health information: sending it back is the one thing
	 * a reply must not do, whoever's hand pasted it in. A paraphrase of a few words is not caught; nor meant to be.
	 */
	static boolean repeatsTheMessage(String body, String message) {
		List<String> said = words(message);
		int run = Math.min(QUOTED_WORDS, said.size());
		if (run < MIN_QUOTED_WORDS) {
			return false;
		}
		String reply = " " + String.join(" ", words(body)) + " ";
		for (int start = 0; start + run <= said.size(); start++) {
			if (reply.contains(" " + String.join(" ", said.subList(start, start + run)) + " ")) {
				return true;
			}
		}
		return false;
	}

	private static List<String> words(String text) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
			.filter(word -> !word.isEmpty())
			.toList();
	}

	private String fill(String text, Inquiry inquiry) {
		return Placeholders.fill(text, placeholderValues.forInquiry(inquiry.getName(), inquiry.getReference()));
	}

	/** A form whose key was missing or tampered with gets a fresh one, so sending again works. */
	private static ReplyForm keyed(ReplyForm form) {
		return form.hasRequestKey() ? form : form.withNewRequestKey();
	}

	private String page(Inquiry inquiry, ReplyForm form, Filled preview, Model model) {
		model.addAttribute(FORM, form);
		Map<String, String> errors = FormErrors.summary(model, FORM, messages);
		String title = messages.getMessage(errors.isEmpty() ? "reply.title" : "reply.title.errors",
				new Object[] { inquiry.getReference() }, LocaleContextHolder.getLocale());
		model.addAttribute("page", PageMeta.of(title, title, InboxController.PATH + "/" + inquiry.getId() + "/reply")
			.notIndexed());
		model.addAttribute("errors", errors);
		model.addAttribute("inquiry", inquiry);
		// Said before sending: without a Reply-To the person's answer would go to an address nobody reads.
		model.addAttribute("replyTo", replyTo.address().orElse(null));
		String notPossible = ReplyNotPossibleException.reasonFor(inquiry);
		model.addAttribute("canReply", notPossible == null);
		if (notPossible != null && !model.containsAttribute("problem")) {
			model.addAttribute("problem", notPossible);
		}
		List<ReplyTemplates.Choice> offered = templates.offeredFor(inquiry.getService(), inquiry.getAskingAbout());
		model.addAttribute("suggested", offered.stream().filter(ReplyTemplates.Choice::suggested).toList());
		model.addAttribute("others", offered.stream().filter(choice -> !choice.suggested()).toList());
		model.addAttribute("firstName", Placeholders.firstNameOf(inquiry.getName()));
		model.addAttribute("placeholders", Placeholder.values());
		model.addAttribute("preview", preview);
		return VIEW;
	}

	/**
	 * A reply with its placeholders filled: what is previewed and what is sent.
	 *
	 * @param subject one line
	 * @param body plain text
	 */
	record Filled(String subject, String body) {
	}

}

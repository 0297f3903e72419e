package ca.gagephysio.inquiry.form;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import ca.gagephysio.availability.NewClientOpenings;
import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.inquiry.internal.AskingAbout;
import ca.gagephysio.inquiry.internal.BestTime;
import ca.gagephysio.inquiry.internal.HelpWith;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.site.PageMeta;
import ca.gagephysio.site.cache.PageCache;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.HtmlUtils;

/**
 * The public inquiry form: {@code GET /inquiry} shows it, {@code POST /inquiry} stores it and redirects (303) to
 * {@code /inquiry/sent/{reference}}. Everything lives under {@code /inquiry}, which the site's security config
 * marks {@code Cache-Control: no-store}. No session and no cookie: the signed one-time token in the form is the
 * protection against replays, and the {@link LeadSource} travels in hidden fields.
 */
@Controller
@RequestMapping("/inquiry")
class InquiryFormController {

	private static final Logger log = LoggerFactory.getLogger(InquiryFormController.class);

	static final String FORM_VIEW = "inquiry/form/form";

	static final String SENT_VIEW = "inquiry/form/sent";

	static final String TOO_MANY_VIEW = "inquiry/form/too-many";

	/** The form's fields in page order, which is also the order of the error summary. */
	/** The answer to "Did you mean …?": the address the person chose, the suggested one or the one they typed. */
	static final String EMAIL_CHOSEN_PARAMETER = "emailChosen";

	private static final List<String> FIELDS = List.of("name", "email", "phone", "service", "askingAbout", "bestTime",
			"message", "consent");

	/** Any time first: it is what the list shows until the person picks another. */
	private static final List<BestTime> BEST_TIMES = List.of(BestTime.ANY, BestTime.MORNING, BestTime.AFTERNOON,
			BestTime.EVENING);

	/** The hidden field carrying the version of the consent wording the form showed. */
	static final String CONSENT_VERSION_PARAMETER = "consent_version";

	private static final Pattern REFERENCE = Pattern.compile("[2-9A-Z]{4}-[2-9A-Z]{4}");

	/**
	 * Stands for the token in the cached form page. Letters, digits and dashes, so HTML escaping leaves it as it is;
	 * random per start, so no text on the page can be mistaken for it. The splice is at {@code TOKEN_SLOT">}, so the
	 * token's {@code value} stays the last attribute of its field in the template ({@code InquiryFormCacheTests}
	 * fails otherwise).
	 */
	private static final String TOKEN_SLOT = "token-slot-" + UUID.randomUUID();

	/** What the cached form page is rendered with: no lead source, whose hidden fields are spliced in per request. */
	private static final LeadSource NO_SOURCE = new LeadSource(null, null, null, null, null, null, null);

	private final FormTokens tokens;

	private final InquiryIntake intake;

	private final InquiryRepository inquiries;

	private final PostRateLimiter rateLimiter;

	private final ConsentWording consentWording;

	private final MessageSource messages;

	private final ClinicFacts clinic;

	private final PageCache pages;

	private final NewClientOpenings openings;

	InquiryFormController(FormTokens tokens, InquiryIntake intake, InquiryRepository inquiries,
			PostRateLimiter rateLimiter, ConsentWording consentWording, MessageSource messages,
			ClinicFacts clinic, PageCache pages, NewClientOpenings openings) {
		this.openings = openings;
		this.pages = pages;
		this.tokens = tokens;
		this.intake = intake;
		this.inquiries = inquiries;
		this.rateLimiter = rateLimiter;
		this.consentWording = consentWording;
		this.messages = messages;
		this.clinic = clinic;
	}

	/**
	 * Shows the empty form. Everything on it but the one-time token and the lead source's hidden fields is the same
	 * for everyone, so it is rendered once into the site's {@link PageCache} with {@link #TOKEN_SLOT} as the token,
	 * and each request gets that page with its own token and hidden fields spliced in right after the token's field
	 * (the fields' order does not matter to the post). The cached page keeps its parts before and after the splice
	 * already compressed, so a request costs no templating and no compression of the page, only two copies and a
	 * checksum (see the site's {@code SplicedPage}); the form is dropped with every other page when the clinic's facts
	 * or anything else it shows changes. Once sent, the form is answered by the page cache's front door, before
	 * Spring Security and MVC, with {@link #tokenAndSource} called there (issue 24: through the whole chain the form
	 * kept up with only a third of nginx's rate).
	 */
	@GetMapping
	ResponseEntity<byte[]> show(Model model, HttpServletRequest request, HttpServletResponse response, Locale locale) {
		return pages.serveSpliced("/inquiry", TOKEN_SLOT + "\">", this::tokenAndSource, request, () -> {
			ModelAndView form = form(InquiryForm.empty(null), TOKEN_SLOT, NO_SOURCE, Map.of(), null, locale);
			model.addAllAttributes(form.getModel());
			return pages.render(FORM_VIEW, model.asMap(), request, response);
		});
	}

	/**
	 * What goes into the cached form for one request: a new token, the end of its field, and the lead source's
	 * hidden fields, all escaped. Called by {@link #show} and, once the form has been sent, by the page cache's
	 * front door before Spring Security and MVC (with the request as Spring Security's firewall lets it through), so
	 * it reads only the request's parameters and {@code Referer}.
	 */
	private String tokenAndSource(HttpServletRequest request) {
		LeadSource source = LeadSource.ofLanding(request, clinic.baseUrl().getHost());
		return HtmlUtils.htmlEscape(tokens.issue(), "UTF-8") + "\">" + hiddenFields(source);
	}

	/** The lead source's hidden fields, as the form's template writes them (each only when it has a value). */
	private static String hiddenFields(LeadSource source) {
		StringBuilder fields = new StringBuilder();
		hiddenField(fields, "from", source.from());
		hiddenField(fields, "ref", source.referrer());
		hiddenField(fields, "utm_source", source.utmSource());
		hiddenField(fields, "utm_medium", source.utmMedium());
		hiddenField(fields, "utm_campaign", source.utmCampaign());
		hiddenField(fields, "utm_term", source.utmTerm());
		hiddenField(fields, "utm_content", source.utmContent());
		return fields.toString();
	}

	private static void hiddenField(StringBuilder fields, String name, String value) {
		if (value != null) {
			fields.append("\n    <input type=\"hidden\" name=\"")
				.append(name)
				.append("\" value=\"")
				.append(HtmlUtils.htmlEscape(value, "UTF-8"))
				.append("\">");
		}
	}

	/**
	 * Takes a post of the form. Nothing a person does by ordinary means ends as spam behind a confirmation: a post
	 * the token cannot vouch for ({@link FormTokens.Verdict#asksToSendAgain()}) comes back as the form with
	 * everything typed and one sentence asking to send it again; only what no browser does (a filled honeypot, which
	 * no browser shows or autofills; no token at all) is kept silently as spam, confirmed like any other post so a
	 * bot learns nothing. A token already used leads to its inquiry's confirmation only if this post says exactly
	 * what that inquiry was sent with; an edited resend comes back as the form, to be sent as a new inquiry. A post
	 * the flood limit could not count is stored held for review ({@link InquiryIntake#store(InquiryForm, LeadSource,
	 * String, String, String, boolean)}), and confirmed only once it is stored.
	 */
	@PostMapping
	ModelAndView submit(@Valid @ModelAttribute("inquiryForm") InquiryForm form, BindingResult result,
			@ModelAttribute("leadSource") LeadSource source,
			@RequestParam(name = CONSENT_VERSION_PARAMETER, required = false) String consentVersion,
			@RequestParam(name = EMAIL_CHOSEN_PARAMETER, required = false) String emailChosen,
			HttpServletRequest request, HttpServletResponse response, Locale locale) {
		PostRateLimiter.Count count = rateLimiter.tryPost(request.getRemoteAddr());
		if (count instanceof PostRateLimiter.Count.TooMany tooMany) {
			return tooMany(tooMany.retryAfter(), response, locale);
		}
		// Not counted (the database failed): neither let through as if counted nor refused, since refusing would
		// lose a real person's inquiry. Stored and held for review below; the confirmation follows only if it is.
		boolean uncounted = count instanceof PostRateLimiter.Count.Uncounted;
		FormTokens.Check check = tokens.check(form.token());
		if (check.signatureValid()) {
			Optional<InquiryIntake.EarlierPost> earlier = intake.earlierPostOf(check.id(), form);
			if (earlier.isPresent()) {
				return sentBefore(earlier.get(), form, result, source, locale);
			}
		}
		// a token still good is kept, so the time the form was first shown still counts
		String token = check.reusable() ? form.token() : tokens.issueForFilledForm();
		if (result.hasErrors()) {
			return form(form, token, source, errorsOf(result, locale), null, locale);
		}
		// A big provider's domain mistyped: asked on the form itself (no script), the person's answer decides.
		Optional<String> suggested = EmailDomainTypos.suggestionFor(form.email());
		if (suggested.isPresent()) {
			if (suggested.get().equals(emailChosen)) {
				form = form.withEmail(suggested.get());
			}
			else if (!form.email().equals(emailChosen)) {
				ModelAndView asked = form(form, token, source, Map.of(), null, locale);
				asked.addObject("emailSuggestion", suggested.get());
				asked.addObject("emailChosenParameter", EMAIL_CHOSEN_PARAMETER);
				return asked;
			}
		}
		String spamReason = form.trapFilled() ? "honeypot" : check.verdict().spamReason;
		if (spamReason == null && check.verdict().asksToSendAgain()) {
			return form(form, token, source, Map.of(), SendAgain.NOT_YET, locale);
		}
		String versionSeen = consentWording.versionSeen(consentVersion, locale);
		try {
			return seeOther(intake.store(form, source, versionSeen, check.id(), spamReason, uncounted));
		}
		catch (DataAccessException ex) {
			// the same form posted twice at once (a double click) collides on its token: the other post stored it
			if (check.id() == null) {
				throw ex;
			}
			return sentBefore(intake.awaitEarlierPostOf(check.id(), form).orElseThrow(() -> ex), form, result, source,
					locale);
		}
	}

	/**
	 * A post whose token already created an inquiry: the same form again leads to that inquiry's confirmation; an
	 * edited one comes back with a new token, saying the earlier inquiry was sent without these changes.
	 */
	private ModelAndView sentBefore(InquiryIntake.EarlierPost earlier, InquiryForm form, BindingResult result,
			LeadSource source, Locale locale) {
		if (earlier.sameContent()) {
			return seeOther(earlier.reference());
		}
		return form(form, tokens.issueForFilledForm(), source, errorsOf(result, locale),
				new SendAgain(earlier.reference()), locale);
	}

	@GetMapping("/sent/{reference}")
	ModelAndView sent(@PathVariable String reference, Locale locale) {
		Optional<ca.gagephysio.inquiry.internal.Inquiry> inquiry = REFERENCE.matcher(reference).matches()
				? inquiries.findByReference(reference) : Optional.empty();
		if (inquiry.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		boolean waitingList = inquiry.get().isWaitingList();
		String title = messages.getMessage(waitingList ? "inquiry.sent.waiting-list.title" : "inquiry.sent.title",
				null, locale);
		ModelAndView view = new ModelAndView(SENT_VIEW);
		view.addObject("page", PageMeta.of(title, title, "/inquiry/sent").notIndexed());
		view.addObject("reference", reference);
		view.addObject("waitingList", waitingList);
		// the page links the fees (when they are public) to whoever asked what it costs
		AskingAbout askingAbout = inquiry.get().getAskingAbout();
		view.addObject("askedAboutCost", askingAbout == AskingAbout.COST || askingAbout == AskingAbout.BOTH);
		return view;
	}

	/**
	 * Tomcat refuses to parse a post over {@code server.tomcat.max-http-form-post-size} (413) or with broken
	 * encoding (400). It is the sender's mistake, so it gets the site's error page for that status and one line in
	 * the log instead of an error with a stack trace.
	 */
	@ExceptionHandler(InvalidParameterException.class)
	void unreadablePost(InvalidParameterException ex, HttpServletResponse response) throws IOException {
		int status = ex.getErrorCode() >= 400 && ex.getErrorCode() < 500 ? ex.getErrorCode() : 400;
		// not the exception's message: it can quote what the person typed
		log.info("Refused an unreadable inquiry post ({})", status);
		response.sendError(status);
	}

	private ModelAndView form(InquiryForm form, String token, LeadSource source, Map<String, String> errors,
			SendAgain sendAgain, Locale locale) {
		// While the clinic is not accepting new clients the form is the waiting list: the same fields and guarantees.
		boolean waitingList = openings.waitingList();
		String title = messages.getMessage(waitingList ? "inquiry.waiting-list.title" : "inquiry.form.title", null,
				locale);
		String description = messages.getMessage(
				waitingList ? "inquiry.waiting-list.description" : "inquiry.form.description", null, locale);
		PageMeta page = PageMeta.of(errors.isEmpty() ? title : messages.getMessage("inquiry.form.title.errors",
				new Object[] { title }, locale), description, "/inquiry")
			.withBreadcrumbs(List.of(new PageMeta.Breadcrumb(title, "/inquiry")));
		ModelAndView view = new ModelAndView(FORM_VIEW);
		view.addObject("page", errors.isEmpty() && sendAgain == null ? page : page.notIndexed());
		view.addObject("inquiryForm", form);
		view.addObject("formToken", token);
		view.addObject("leadSource", source);
		view.addObject("errors", errors);
		view.addObject("sendAgain", sendAgain);
		view.addObject("waitingList", waitingList);
		view.addObject("openings", openings.shown());
		view.addObject("consent", consentWording.in(locale));
		view.addObject("services", HelpWith.values());
		view.addObject("askingAbouts", AskingAbout.values());
		view.addObject("bestTimes", BEST_TIMES);
		view.addObject("trapParameter", InquiryForm.TRAP_PARAMETER);
		view.addObject("consentVersionParameter", CONSENT_VERSION_PARAMETER);
		view.addObject("limits", Map.of("name", InquiryForm.NAME_MAX, "email", InquiryForm.EMAIL_MAX, "phone",
				InquiryForm.PHONE_MAX, "message", InquiryForm.MESSAGE_MAX));
		return view;
	}

	/**
	 * The first message of each field with an error, in page order. Bean Validation messages are already resolved
	 * from the message files; a value that could not even be converted (a choice that is not on the form) gets the
	 * field's own wording rather than a technical one.
	 */
	private Map<String, String> errorsOf(BindingResult result, Locale locale) {
		Map<String, String> errors = new LinkedHashMap<>();
		for (String field : FIELDS) {
			FieldError error = result.getFieldError(field);
			if (error != null) {
				errors.put(field, error.isBindingFailure() || error.getDefaultMessage() == null
						? messages.getMessage(bindingFailureKey(field), null, locale) : error.getDefaultMessage());
			}
		}
		if (errors.isEmpty() && result.hasErrors()) {
			errors.put("name", messages.getMessage("inquiry.errors.generic", null, locale));
		}
		return errors;
	}

	private static String bindingFailureKey(String field) {
		return switch (field) {
			case "service" -> "inquiry.service.required";
			case "askingAbout" -> "inquiry.askingAbout.required";
			case "consent" -> "inquiry.consent.required";
			case "bestTime" -> "inquiry.bestTime.invalid";
			default -> "inquiry.errors.generic";
		};
	}

	private ModelAndView tooMany(Duration wait, HttpServletResponse response, Locale locale) {
		long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
		String title = messages.getMessage("inquiry.tooMany.title", null, locale);
		ModelAndView view = new ModelAndView(TOO_MANY_VIEW, HttpStatus.TOO_MANY_REQUESTS);
		view.addObject("page", PageMeta.of(title, title, "/inquiry").notIndexed());
		view.addObject("waitMinutes", Math.max(1, (seconds + 59) / 60));
		return view;
	}

	private static ModelAndView seeOther(String reference) {
		RedirectView redirect = new RedirectView("/inquiry/sent/" + reference, true);
		redirect.setStatusCode(HttpStatus.SEE_OTHER);
		redirect.setExposeModelAttributes(false);
		return new ModelAndView(redirect);
	}

	/**
	 * Why a filled-in form came back untaken, shown as one sentence above it asking to press Send again.
	 * @param earlierReference the inquiry this form's token already sent, without the changes now shown; {@code null}
	 * when the post was simply not taken yet (too fast, too old, or a token that could not be verified)
	 */
	record SendAgain(String earlierReference) {

		static final SendAgain NOT_YET = new SendAgain(null);

	}

}

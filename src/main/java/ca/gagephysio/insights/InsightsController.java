package ca.gagephysio.insights;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.insights.InsightsPeriod.Days;
import ca.gagephysio.shared.Csv;
import ca.gagephysio.site.PageMeta;
import ca.gagephysio.site.error.NotFoundException;
import ca.gagephysio.staff.AccessTrail;

/**
 * The owner's insights, for administrators only (the rule for {@code /staff/insights/**} is in
 * {@code StaffSecurityConfig}). The period comes as a {@code GET} form, so a period can be bookmarked and shared
 * between administrators; a period that cannot be read is shown back with what was typed and why, never answered
 * with an error page. Every view of the page and every CSV download is written to the access trail, with the
 * period, although no figure names a person: the trail shows who looked at the clinic's business and when.
 */
@Controller
@RequestMapping(InsightsController.PATH)
class InsightsController {

	static final String PATH = "/staff/insights";

	private static final String VIEW = "insights/staff/insights";

	private static final String PERIOD = "period";

	/** What the access trail calls the insights. */
	static final String SUBJECT = "INSIGHTS";

	private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private final Insights insights;

	private final ClinicFacts clinic;

	private final AccessTrail trail;

	private final MessageSource messages;

	InsightsController(Insights insights, ClinicFacts clinic, AccessTrail trail, MessageSource messages) {
		this.insights = insights;
		this.clinic = clinic;
		this.trail = trail;
		this.messages = messages;
	}

	@GetMapping
	String page(@Valid @ModelAttribute(PERIOD) InsightsPeriod period, BindingResult result, Model model) {
		String title = messages.getMessage("insights.title", null, LocaleContextHolder.getLocale());
		model.addAttribute("page", PageMeta.of(title, title, PATH).notIndexed());
		model.addAttribute("ranges", InsightsPeriod.Range.values());
		// rules across both dates belong to neither field, so they are listed under the dates
		model.addAttribute("periodProblems", result.getFieldErrors()
			.stream()
			.filter(error -> InsightsPeriod.ACROSS_FIELDS.contains(error.getField()))
			.map(error -> messages.getMessage(error, LocaleContextHolder.getLocale()))
			.toList());
		if (result.hasErrors()) {
			trail.record("INSIGHTS_VIEWED", SUBJECT, null, "period not valid");
			model.addAttribute("figures", List.of());
			return VIEW;
		}
		Days days = period.days(clinic.today());
		trail.record("INSIGHTS_VIEWED", SUBJECT, null, days.from() + " to " + days.to());
		model.addAttribute("days", days);
		model.addAttribute("before", days.previous());
		Insights.Page shown = insights.page(days);
		model.addAttribute("headline", shown.headline());
		model.addAttribute("figures", shown.figures());
		model.addAttribute("answerWait", shown.answerWait());
		return VIEW;
	}

	/**
	 * The numbers behind one chart as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read it as UTF-8;
	 * cells made safe against formulas by {@link Csv}); 400 with a plain reason for a period that cannot be read, 404
	 * for a chart there is not.
	 */
	@GetMapping("/{figure:[a-z-]+}.csv")
	ResponseEntity<byte[]> csv(@PathVariable String figure, @Valid @ModelAttribute(PERIOD) InsightsPeriod period,
			BindingResult result) {
		if (!Insights.FIGURES.contains(figure)) {
			throw new NotFoundException("insights figure " + figure);
		}
		if (result.hasErrors()) {
			String reason = messages.getMessage(result.getAllErrors().get(0), LocaleContextHolder.getLocale());
			return ResponseEntity.badRequest()
				.contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
				.body(reason.getBytes(StandardCharsets.UTF_8));
		}
		Days days = period.days(clinic.today());
		Figure chosen = insights.one(figure, days).orElseThrow(() -> new NotFoundException("insights figure " + figure));
		trail.record("INSIGHTS_EXPORTED", SUBJECT, null, figure + " " + days.from() + " to " + days.to());
		StringBuilder csv = new StringBuilder("\uFEFF").append(Csv.row(chosen.headers()));
		chosen.csvRows().forEach(row -> csv.append(Csv.row(row)));
		String filename = "insights-" + figure + "-" + days.from() + "-to-" + days.to() + ".csv";
		return ResponseEntity.ok()
			.contentType(CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
			.body(csv.toString().getBytes(StandardCharsets.UTF_8));
	}

}

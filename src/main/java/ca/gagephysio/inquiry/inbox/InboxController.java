package ca.gagephysio.inquiry.inbox;

import ca.gagephysio.shared.Markdown;

import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.inquiry.internal.HelpWith;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryStatus;
import ca.gagephysio.shared.PhoneNumbers;
import ca.gagephysio.site.PageMeta;
import ca.gagephysio.staff.StaffDirectory;
import ca.gagephysio.staff.StaffMember;

/**
 * The front desk's inbox: the list with status tabs, search and filters, and one inquiry with its timeline and the
 * actions on it. Every change is a POST with a CSRF token, answered by a redirect (Post/Redirect/Get).
 */
@Controller
@RequestMapping(InboxController.PATH)
class InboxController {

	static final String PATH = "/staff/inquiries";

	private static final String LIST_VIEW = "inquiry/staff/inbox/list";

	private static final String DETAIL_VIEW = "inquiry/staff/inbox/detail";

	private static final int PAGE_SIZE = 25;

	/** Longest note accepted; matches the column. */
	static final int MAX_NOTE = 2000;

	/** Longest note a reminder may carry (one short line, in the reminder email too); matches the column (V94). */
	static final int MAX_REMIND_NOTE = 200;

	private final InboxService inbox;

	private final InboxTimeline timeline;

	private final FirstResponseDue firstResponseDue;

	private final StaffDirectory staff;

	private final MessageSource messages;

	private final SourcePages sourcePages;

	private final PhoneNumbers phones;

	private final ClinicFacts clinic;

	private final InquiryPresence presence;

	private final Clock clock;

	InboxController(InboxService inbox, InboxTimeline timeline, FirstResponseDue firstResponseDue, StaffDirectory staff,
			MessageSource messages, SourcePages sourcePages, PhoneNumbers phones, ClinicFacts clinic,
			InquiryPresence presence, ObjectProvider<Clock> clock) {
		this.clinic = clinic;
		this.presence = presence;
		this.clock = clock.getIfUnique(Clock::systemUTC);
		this.inbox = inbox;
		this.timeline = timeline;
		this.firstResponseDue = firstResponseDue;
		this.staff = staff;
		this.messages = messages;
		this.sourcePages = sourcePages;
		this.phones = phones;
	}

	@GetMapping
	String list(@RequestParam(required = false) String status, @RequestParam(required = false) String q,
			@RequestParam(required = false) String service, @RequestParam(required = false) String source,
			@RequestParam(required = false) String list, @RequestParam(defaultValue = "0") int page, Model model) {
		InboxFilter filter = InboxFilter.parse(status, q, service, source, list);
		Instant now = clock.instant();
		// read first: counts kept from an earlier page are shown only if no inquiry has arrived since
		long newestId = inbox.newestId();
		InboxService.TabCounts counted = inbox.tabCounts(filter, newestId, now);
		Map<InquiryStatus, Long> counts = counted.byStatus();
		long waiting = counted.waiting();
		Page<Inquiry> found = inbox.list(filter, PageRequest.of(Math.max(page, 0), PAGE_SIZE, InboxService.NEWEST_FIRST),
				filter.waitingList() ? waiting
						: filter.status() == null ? counted.allButSpam() : counts.get(filter.status()),
				newestId, now);
		model.addAttribute("snoozed", counted.snoozed());
		// one look-up per staff member on the page, not one per row
		Map<Long, String> assigneeNames = new HashMap<>();
		Map<Long, String> earlierReferences = inbox
			.referencesOf(found.getContent().stream().map(Inquiry::getPossibleDuplicateOf).toList());
		List<Row> rows = found.getContent()
			.stream()
			.map(inquiry -> row(inquiry, now, earlierReferences.get(inquiry.getPossibleDuplicateOf()), assigneeNames))
			.toList();
		model.addAttribute("page", meta("inbox.list.title", PATH));
		model.addAttribute("filter", filter);
		model.addAttribute("inquiries", found);
		model.addAttribute("rows", rows);
		model.addAttribute("tabs", tabs(filter, counted));
		// the clinic takes new clients again and people wait: the desk is shown the list, in turn
		model.addAttribute("waitingToContact", clinic.acceptingNewClients() && !filter.waitingList() ? waiting : 0);
		model.addAttribute("waitingListQuery", filter.onWaitingList().query(null, null));
		model.addAttribute("services", HelpWith.values());
		model.addAttribute("sources", articleOptions(inbox.articleSources(newestId)));
		model.addAttribute("exportQuery", filter.query(filter.status(), null));
		model.addAttribute("previousQuery", filter.query(filter.status(), found.getNumber() - 1));
		model.addAttribute("nextQuery", filter.query(filter.status(), found.getNumber() + 1));
		return LIST_VIEW;
	}

	@GetMapping("/{id:\\d+}")
	String detail(@PathVariable long id, Model model) {
		Inquiry inquiry = inbox.open(id);
		StaffMember me = staff.current();
		Instant now = clock.instant();
		presence.looking(id, me, now);
		model.addAttribute("presence", presenceText(presence.othersLooking(id, me.id(), now)));
		model.addAttribute("presenceRefreshSeconds", InquiryPresence.REFRESH.toSeconds());
		model.addAttribute("snoozedNow", inquiry.isSnoozedAt(now));
		model.addAttribute("backFromSnooze", inquiry.isBackFromSnoozeAt(now));
		Long assignee = inquiry.getAssignedTo();
		model.addAttribute("page", meta("inbox.detail.title", PATH + "/" + id));
		model.addAttribute("inquiry", inquiry);
		model.addAttribute("timeline", timeline.of(inquiry, inbox.activityOf(id)));
		StaffMember assignedTo = assignee == null ? null : staff.find(assignee).orElse(null);
		// The choice shows who it is really assigned to (nobody, or an account since disabled), never a guess
		List<StaffMember> choices = new java.util.ArrayList<>(staff.enabledStaff());
		if (assignedTo != null && choices.stream().noneMatch(member -> member.id() == assignedTo.id())) {
			choices.add(assignedTo);
		}
		model.addAttribute("staffMembers", choices);
		model.addAttribute("assignee", assignedTo);
		model.addAttribute("assignDefault", assignee);
		model.addAttribute("me", me);
		model.addAttribute("statuses", InquiryStatus.values());
		model.addAttribute("overdue", isOverdue(inquiry, now));
		model.addAttribute("due", inquiry.getStatus() == InquiryStatus.NEW
				? firstResponseDue.responseDue(inquiry.getCreatedAt()).orElse(null) : null);
		model.addAttribute("source", sourcePages.of(inquiry.getSourcePage()));
		model.addAttribute("consentWording", inbox.consentWordingOf(inquiry).orElse(null));
		// kept as Markdown (its link to the privacy page); shown as the person read it, through the sanitiser
		model.addAttribute("consentHtml", inbox.consentWordingOf(inquiry).map(Markdown::toSafeHtml).orElse(null));
		Long earlier = inquiry.getPossibleDuplicateOf();
		model.addAttribute("duplicateOfReference", inbox.referencesOf(Collections.singleton(earlier)).get(earlier));
		model.addAttribute("maxNote", MAX_NOTE);
		model.addAttribute("maxRemindNote", MAX_REMIND_NOTE);
		model.addAttribute("callOutcomes", CallOutcome.values());
		// One key per page shown, carried by its note and call forms: the same form sent twice is done once.
		model.addAttribute("requestKey", UUID.randomUUID().toString());
		// Dialled as libphonenumber reads it; a number it cannot read is shown as typed, with no link to misdial.
		model.addAttribute("phoneLink", inquiry.getPhone() == null ? null
				: phones.parse(inquiry.getPhone()).map(PhoneNumbers.Phone::telUri).orElse(null));
		return DETAIL_VIEW;
	}

	@PostMapping("/{id:\\d+}/status")
	String changeStatus(@PathVariable long id, @RequestParam InquiryStatus status, @RequestParam long version,
			RedirectAttributes redirect) {
		return attempt(id, () -> inbox.changeStatus(id, version, status), "inbox.status.changed", redirect);
	}

	/**
	 * Who else has the inquiry open, as the sentence the page shows (empty when nobody), for
	 * {@code /js/presence.js}; each call also renews the caller's own presence.
	 */
	@GetMapping(path = "/{id:\\d+}/presence", produces = "application/json")
	@ResponseBody
	Map<String, String> presence(@PathVariable long id) {
		StaffMember me = staff.current();
		Instant now = clock.instant();
		presence.looking(id, me, now);
		String text = presenceText(presence.othersLooking(id, me.id(), now));
		return Map.of("text", text == null ? "" : text);
	}

	/**
	 * Puts the inquiry away until a date and time in the clinic's time zone ({@code until}, as a
	 * {@code datetime-local} field sends it: {@code 2026-12-08T09:30}), or with {@code end} brings it back now. A
	 * time that cannot be read or is not in the future is refused with what was typed kept.
	 */
	@PostMapping("/{id:\\d+}/snooze")
	String snooze(@PathVariable long id, @RequestParam(defaultValue = "") String until,
			@RequestParam(required = false) String end, @RequestParam long version, RedirectAttributes redirect) {
		if (end != null) {
			return attempt(id, () -> inbox.snooze(id, version, null), "inbox.snooze.ended", redirect);
		}
		Instant at = futureTime(until, "inbox.snooze", "draftSnooze", redirect);
		return at == null ? back(id) + "#snooze" : attempt(id, () -> inbox.snooze(id, version, at),
				"inbox.snooze.saved", redirect);
	}

	/**
	 * Sets the follow-up reminder (as {@link #snooze}) with an optional short note ({@code note}, one line of at most
	 * {@link #MAX_REMIND_NOTE} characters; line breaks become spaces), or with {@code end} removes it. A note too
	 * long is refused with the time and the whole note kept as typed.
	 */
	@PostMapping("/{id:\\d+}/remind")
	String remind(@PathVariable long id, @RequestParam(defaultValue = "") String at,
			@RequestParam(defaultValue = "") String note, @RequestParam(required = false) String end,
			@RequestParam long version, RedirectAttributes redirect) {
		if (end != null) {
			return attempt(id, () -> inbox.remind(id, version, null, null), "inbox.remind.removed", redirect);
		}
		String oneLine = note.replaceAll("\\p{Cntrl}+", " ").strip();
		if (oneLine.length() > MAX_REMIND_NOTE) {
			redirect.addFlashAttribute("problem", "inbox.remind.note-too-long");
			redirect.addFlashAttribute("draftRemind", at);
			redirect.addFlashAttribute("draftRemindNote", note);
			return back(id) + "#remind";
		}
		Instant when = futureTime(at, "inbox.remind", "draftRemind", redirect);
		if (when == null) {
			redirect.addFlashAttribute("draftRemindNote", note);
			return back(id) + "#remind";
		}
		return attempt(id, () -> inbox.remind(id, version, when, oneLine), "inbox.remind.saved", redirect);
	}

	/**
	 * The typed local date and time in the clinic's time zone (a time skipped by a daylight-saving change moves
	 * forward by the gap, as {@link java.time.ZonedDateTime#of} resolves it), or null with the problem flashed.
	 */
	private Instant futureTime(String typed, String keyPrefix, String draftName, RedirectAttributes redirect) {
		Instant at;
		try {
			at = LocalDateTime.parse(typed.strip()).atZone(firstResponseDue.zone()).toInstant();
		}
		catch (DateTimeParseException unreadable) {
			redirect.addFlashAttribute("problem", keyPrefix + ".unreadable");
			redirect.addFlashAttribute(draftName, typed);
			return null;
		}
		if (!at.isAfter(clock.instant())) {
			redirect.addFlashAttribute("problem", keyPrefix + ".past");
			redirect.addFlashAttribute(draftName, typed);
			return null;
		}
		return at;
	}

	private String presenceText(List<String> others) {
		return others.isEmpty() ? null : text("inbox.presence", others.size(), String.join(", ", others));
	}

	@PostMapping("/{id:\\d+}/assign")
	String assign(@PathVariable long id, @RequestParam(required = false) Long assignee, @RequestParam long version,
			RedirectAttributes redirect) {
		return attempt(id, () -> inbox.assign(id, version, assignee), "inbox.assign.changed", redirect);
	}

	@PostMapping("/{id:\\d+}/note")
	String addNote(@PathVariable long id, @RequestParam(defaultValue = "") String note,
			@RequestParam(required = false) String requestKey, RedirectAttributes redirect) {
		if (note.isBlank()) {
			redirect.addFlashAttribute("problem", "inbox.note.empty");
			return back(id);
		}
		if (note.length() > MAX_NOTE) {
			redirect.addFlashAttribute("problem", "inbox.note.too-long");
			redirect.addFlashAttribute("draftNote", note.substring(0, MAX_NOTE));
			return back(id);
		}
		try {
			inbox.addNote(id, note, requestKey);
		}
		catch (ConcurrencyFailureException busy) {
			// The inquiry stayed locked by someone else's change for too long: nothing was added, the note is kept.
			redirect.addFlashAttribute("problem", "inbox.busy");
			redirect.addFlashAttribute("draftNote", note);
			return back(id);
		}
		redirect.addFlashAttribute("flash", "inbox.note.added");
		return back(id);
	}

	/** Runs a versioned change; if someone else changed the inquiry first, says so instead of overwriting. */
	private String attempt(long id, Runnable change, String doneKey, RedirectAttributes redirect) {
		try {
			change.run();
			redirect.addFlashAttribute("flash", doneKey);
		}
		// A lock that waited too long, or a lost optimistic lock, is the same story: someone else's change came first.
		catch (StaleInquiryException | ConcurrencyFailureException ex) {
			redirect.addFlashAttribute("problem", "inbox.stale");
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("problem", "inbox.assign.unknown");
		}
		return back(id);
	}

	private static String back(long id) {
		return "redirect:" + PATH + "/" + id;
	}

	private Row row(Inquiry inquiry, Instant now, String duplicateOfReference, Map<Long, String> assigneeNames) {
		String assigneeName = inquiry.getAssignedTo() == null ? null
				: assigneeNames.computeIfAbsent(inquiry.getAssignedTo(),
						id -> staff.find(id).map(StaffMember::displayName).orElse(null));
		return new Row(inquiry, ago(inquiry.getCreatedAt(), now), isOverdue(inquiry, now), assigneeName,
				duplicateOfReference,
				inquiry.isWaitingList() && inquiry.getStatus() == InquiryStatus.NEW ? waited(inquiry.getCreatedAt(), now) : null,
				inquiry.isBackFromSnoozeAt(now));
	}

	private boolean isOverdue(Inquiry inquiry, Instant now) {
		return inquiry.getStatus() == InquiryStatus.NEW && firstResponseDue.isOverdue(inquiry.getCreatedAt(), now);
	}

	private List<Tab> tabs(InboxFilter filter, InboxService.TabCounts counted) {
		Map<InquiryStatus, Long> counts = counted.byStatus();
		long waiting = counted.waiting();
		List<Tab> tabs = new ArrayList<>();
		InboxFilter byStatus = filter.offWaitingList();
		tabs.add(new Tab("inbox.tab.all", counted.allButSpam(), byStatus.query(null, null),
				filter.status() == null && !filter.waitingList()));
		for (InquiryStatus status : InquiryStatus.values()) {
			tabs.add(new Tab("inbox.status." + status, counts.get(status), byStatus.query(status, null),
					status == filter.status()));
		}
		tabs.add(new Tab("inbox.tab.waiting-list", waiting, filter.onWaitingList().query(null, null),
				filter.waitingList()));
		return tabs;
	}

	private String ago(Instant then, Instant now) {
		Duration waited = Duration.between(then, now);
		if (waited.toMinutes() < 1) {
			return text("inbox.ago.now");
		}
		if (waited.toHours() < 1) {
			return text("inbox.ago.minutes", waited.toMinutes());
		}
		if (waited.toHours() < 48) {
			return text("inbox.ago.hours", waited.toHours());
		}
		return text("inbox.ago.days", waited.toDays());
	}

	private PageMeta meta(String titleKey, String path) {
		String title = text(titleKey);
		return PageMeta.of(title, title, path).notIndexed();
	}

	private String text(String key, Object... arguments) {
		return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
	}

	/**
	 * One line of the list.
	 *
	 * @param inquiry the inquiry
	 * @param ago how long ago it came in, in words
	 * @param overdue whether it has waited for a first response longer than one business day
	 * @param assigneeName who it is assigned to, or {@code null}
	 * @param duplicateOfReference the reference of the earlier inquiry from the same email or phone, if it is a
	 * possible duplicate; else {@code null}
	 * @param waited for a waiting-list entry, how long it has waited, in words; else {@code null}
	 * @param backFromSnooze whether it came back from a snooze and nobody has answered or changed it since
	 */
	record Row(Inquiry inquiry, String ago, boolean overdue, String assigneeName, String duplicateOfReference,
			String waited, boolean backFromSnooze) {
	}

	/** How long a waiting-list entry has waited, in whole days (hours on its first day). */
	private String waited(Instant joined, Instant now) {
		Duration waited = Duration.between(joined, now);
		return waited.toDays() < 1 ? text("inbox.waited.hours", Math.max(0, waited.toHours()))
				: text("inbox.waited.days", waited.toDays());
	}

	/**
	 * One status tab.
	 *
	 * @param labelKey message key of its name
	 * @param count how many inquiries it holds under the current search
	 * @param query its query string
	 * @param active whether it is the one shown
	 */
	record Tab(String labelKey, long count, String query, boolean active) {
	}

	/**
	 * One choice per article inquiries came from, whether the form stored its slug or its path, named by its title
	 * while it is published (else by its slug), in title order.
	 */
	private List<ArticleOption> articleOptions(List<String> storedSources) {
		Function<String, SourcePages.SourcePage> resolve = sourcePages.resolver();
		Map<String, ArticleOption> bySlug = new TreeMap<>();
		for (String stored : storedSources) {
			SourcePages.SourcePage page = resolve.apply(stored);
			boolean article = stored.startsWith(InboxFilter.ARTICLES)
					|| (page.known() && page.path().startsWith(InboxFilter.ARTICLES));
			if (article) {
				String slug = InboxFilter.articleSlug(page.known() ? page.path() : stored);
				bySlug.putIfAbsent(slug, new ArticleOption(slug, page.known() ? page.title() : slug));
			}
		}
		return bySlug.values()
			.stream()
			.sorted(Comparator.comparing(ArticleOption::label, String.CASE_INSENSITIVE_ORDER))
			.toList();
	}

	/** An article in the inbox's filter: its slug as the value, its title (or slug) as the label. */
	record ArticleOption(String slug, String label) {
	}

}

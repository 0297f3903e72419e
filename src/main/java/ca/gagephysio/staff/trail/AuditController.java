package ca.gagephysio.staff.trail;

import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.web.StaffPages;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.Locale;

import ca.gagephysio.clinic.ClinicFacts;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The access trail for the clinic's privacy officer ({@code ADMIN}): filtered by person, by inquiry and by a range
 * of days in the clinic's time zone (what did this account open last week?). Read-only: there is nothing here
 * to change or delete. Reading the trail is itself recorded.
 */
@Controller
public class AuditController {

	public static final String PATH = "/staff/audit";

	private static final int PAGE_SIZE = 50;

	/** How many pages past the one shown the trail is counted. */
	private static final int PAGES_AHEAD = 20;

	private final AuditEntryRepository entries;

	private final StaffAccounts accounts;

	private final JpaAccessTrail trail;

	private final StaffPages pages;

	private final ZoneId zone;

	AuditController(AuditEntryRepository entries, StaffAccounts accounts, JpaAccessTrail trail, StaffPages pages,
			ClinicFacts clinic) {
		this.entries = entries;
		this.accounts = accounts;
		this.trail = trail;
		this.pages = pages;
		this.zone = clinic.timeZone();
	}

	@GetMapping(PATH)
	String audit(@RequestParam(required = false) Long person, @RequestParam(required = false) Long inquiry,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(defaultValue = "0") int page, Locale locale, Model model) {
		String subjectType = inquiry == null ? null : "INQUIRY";
		Instant since = from == null ? AuditEntryRepository.BEGINNING : from.atStartOfDay(zone).toInstant();
		Instant until = to == null ? AuditEntryRepository.END : to.plusDays(1).atStartOfDay(zone).toInstant();
		PageRequest pageRequest = PageRequest.of(Math.max(page, 0), PAGE_SIZE);
		// Counted up to PAGES_AHEAD pages past this one: "page 1 of more than 20" reads as well as "page 1 of
		// 20,000", and the count no longer reads the whole trail.
		long countLimit = pageRequest.getOffset() + (long) PAGES_AHEAD * PAGE_SIZE;
		long counted = entries.countUpTo(person, subjectType, inquiry, since, until, countLimit + 1);
		Page<AuditEntry> found = new PageImpl<>(
				entries.searchOnePage(person, subjectType, inquiry, since, until, pageRequest), pageRequest,
				Math.min(counted, countLimit));
		trail.record("AUDIT_VIEWED", null, null, null);
		model.addAttribute("page", pages.meta("staff.audit.title", PATH));
		model.addAttribute("entries", found);
		model.addAttribute("moreThanCounted", counted > countLimit);
		model.addAttribute("accounts", accounts.all());
		model.addAttribute("person", person);
		model.addAttribute("inquiry", inquiry);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		// the zone the times are in, named as people say it ("Eastern Time"); each time also carries EST or EDT
		model.addAttribute("zoneName", zone.getDisplayName(TextStyle.FULL_STANDALONE, locale));
		return "staff/trail/audit";
	}

}

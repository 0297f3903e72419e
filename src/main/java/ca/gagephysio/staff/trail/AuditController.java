package ca.gagephysio.staff.trail;

import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.web.StaffPages;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.Locale;

import ca.gagephysio.clinic.ClinicFacts;

import org.springframework.data.domain.Page;
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
		Page<AuditEntry> found = entries.search(person, inquiry == null ? null : "INQUIRY", inquiry,
				from == null ? AuditEntryRepository.BEGINNING : from.atStartOfDay(zone).toInstant(),
				to == null ? AuditEntryRepository.END : to.plusDays(1).atStartOfDay(zone).toInstant(),
				PageRequest.of(Math.max(page, 0), PAGE_SIZE));
		trail.record("AUDIT_VIEWED", null, null, null);
		model.addAttribute("page", pages.meta("staff.audit.title", PATH));
		model.addAttribute("entries", found);
		model.addAttribute("accounts", accounts.all());
		model.addAttribute("person", person);
		model.addAttribute("inquiry", inquiry);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		// the zone the times are in, named as people say it ("Eastern Time"); each time also carries EST or EDT
		model.addAttribute("zoneName", zone.getDisplayName(TextStyle.FULL_STANDALONE, locale));
		return "staff/audit";
	}

}

package ca.gagephysio.inquiry.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import ca.gagephysio.clinic.ClinicDates;
import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.inquiry.inbox.SourcePages.SourcePage;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.shared.Csv;
import ca.gagephysio.shared.PhoneNumbers;
import ca.gagephysio.staff.StaffDirectory;
import ca.gagephysio.staff.StaffMember;

/**
 * The inbox's current filter as a CSV file for a spreadsheet: UTF-8 (with a byte-order mark, which Excel needs to
 * read accents right), RFC 4180 quoting and formula cells neutralised. Each exported inquiry is recorded in the
 * access trail.
 */
@Controller
class InboxExportController {

	private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	/**
	 * Values as people read them first, times in the clinic's time zone as the rest of the site writes them
	 * ({@link ClinicDates}: "November 24, 2026, 7:00 p.m.", the zone in its own column); the codes and UTC instants
	 * a spreadsheet formula or an import may rely on follow at the end.
	 */
	private static final List<String> HEADER = List.of("reference", "received", "status", "name", "email", "phone",
			"phone_international", "service", "asking_about", "best_time", "message", "source_page", "source_title",
			"referrer", "utm_source", "utm_medium",
			"utm_campaign", "utm_term", "utm_content", "assigned_to", "first_opened", "first_response",
			"status_changed", "possible_duplicate_of", "spam_reason", "consent_given", "consent_version",
			"personal_data_erased", "waiting_list", "opening_shown", "opening_shown_on",
			"time_zone", "status_code", "service_code", "asking_about_code", "best_time_code",
			"received_utc");

	private final MessageSource messages;

	private final InboxService inbox;

	private final StaffDirectory staff;

	private final ClinicFacts clinic;

	private final SourcePages sourcePages;

	private final PhoneNumbers phones;

	private final ClinicDates dates;

	InboxExportController(InboxService inbox, StaffDirectory staff, ClinicFacts clinic, SourcePages sourcePages,
			PhoneNumbers phones, MessageSource messages, ClinicDates dates) {
		this.dates = dates;
		this.messages = messages;
		this.inbox = inbox;
		this.staff = staff;
		this.clinic = clinic;
		this.sourcePages = sourcePages;
		this.phones = phones;
	}

	@GetMapping(InboxController.PATH + "/export.csv")
	ResponseEntity<byte[]> export(@RequestParam(required = false) String status,
			@RequestParam(required = false) String q, @RequestParam(required = false) String service,
			@RequestParam(required = false) String source,
			@RequestParam(required = false) String list, Locale locale) {
		InboxFilter filter = InboxFilter.parse(status, q, service, source, list);
		StringBuilder csv = new StringBuilder("\uFEFF").append(Csv.row(HEADER));
		Function<String, SourcePage> sources = sourcePages.resolver();
		List<Inquiry> exported = inbox.export(filter);
		// staff know an inquiry by its reference; the row id of the earlier one would match nothing in the file
		Map<Long, String> earlierReferences = inbox
			.referencesOf(exported.stream().map(Inquiry::getPossibleDuplicateOf).toList());
		for (Inquiry inquiry : exported) {
			csv.append(Csv.row(cells(inquiry, sources.apply(inquiry.getSourcePage()),
					earlierReferences.get(inquiry.getPossibleDuplicateOf()), locale)));
		}
		String filename = "inquiries-" + LocalDate.now(clinic.timeZone()) + ".csv";
		return ResponseEntity.ok()
			.contentType(CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
			.body(csv.toString().getBytes(StandardCharsets.UTF_8));
	}

	/** The path column stays as stored (filters and old spreadsheets rely on it); the title says which page it is. */
	private List<String> cells(Inquiry inquiry, SourcePage source, String duplicateOfReference, Locale locale) {
		String assignee = inquiry.getAssignedTo() == null ? null
				: staff.find(inquiry.getAssignedTo()).map(StaffMember::displayName).orElse(null);
		return Arrays.asList(inquiry.getReference(), local(inquiry.getCreatedAt()),
				words("inbox.status.", inquiry.getStatus(), locale), inquiry.getName(), inquiry.getEmail(),
				inquiry.getPhone(), international(inquiry.getPhone()),
				words("inbox.service.", inquiry.getService(), locale),
				words("inbox.asking-about.", inquiry.getAskingAbout(), locale),
				words("inbox.best-time.", inquiry.getBestTime(), locale), inquiry.getMessage(),
				inquiry.getSourcePage(), source.title(), inquiry.getReferrer(), inquiry.getUtmSource(),
				inquiry.getUtmMedium(), inquiry.getUtmCampaign(), inquiry.getUtmTerm(), inquiry.getUtmContent(),
				assignee, local(inquiry.getFirstOpenedAt()), local(inquiry.getFirstRespondedAt()),
				local(inquiry.getStatusChangedAt()), duplicateOfReference, inquiry.getSpamReason(),
				local(inquiry.getConsentGivenAt()), inquiry.getConsentVersion(),
				local(inquiry.getPersonalDataErasedAt()),
				messages.getMessage(inquiry.isWaitingList() ? "inbox.export.yes" : "inbox.export.no", null, locale),
				inquiry.getOpeningShown(),
				// the day beside the sentence, for sorting and matching: the sentence itself is the readable one
				text(inquiry.getOpeningShownOn()), clinic.timeZone().getId(), text(inquiry.getStatus()),
				text(inquiry.getService()), text(inquiry.getAskingAbout()), text(inquiry.getBestTime()),
				text(inquiry.getCreatedAt()));
	}

	/** The inbox's own words for a code ("Foot care" for FOOT_CARE); the code itself if a value has no words yet. */
	private String words(String prefix, Enum<?> value, Locale locale) {
		return value == null ? null : messages.getMessage(prefix + value.name(), null, value.name(), locale);
	}

	/** An instant as the clinic's clock showed it, written as everywhere else on the site. */
	private String local(Instant instant) {
		return instant == null ? null : dates.dateTime(instant);
	}

	/**
	 * The phone in one spelling for every row ({@code +1 905-555-0142 ext. 12}), so a spreadsheet can sort and match
	 * it; empty when it is not a possible number (the {@code phone} column still has what was typed).
	 */
	private String international(String phone) {
		return phone == null ? null : phones.parse(phone).map(PhoneNumbers.Phone::international).orElse(null);
	}

	private static String text(Object value) {
		return value instanceof Instant instant ? instant.toString() : Objects.toString(value, null);
	}

}

package ca.gagephysio.inquiry.inbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.inquiry.InquiryTimelineSource;
import ca.gagephysio.inquiry.TimelineEntry;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.shared.PhoneNumbers;
import ca.gagephysio.site.PageMeta;
import ca.gagephysio.staff.AccessTrail;

/**
 * A person's right of access (PHIPA s. 52): an {@code ADMIN} finds everything the clinic stores about one inquirer
 * by email or phone and downloads it as one JSON file: each inquiry as sent, what the front desk did with it, and
 * the access trail of who looked at it. The request itself is recorded. The contact is sent by POST so it never
 * lands in a URL or a server log.
 */
@Controller
class AccessRequestController {

	static final String PATH = InboxController.PATH + "/access-request";

	private static final String VIEW = "inquiry/staff/inbox/access-request";

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final InquiryRepository inquiries;

	private final InboxService inbox;

	private final AccessTrail trail;

	private final MessageSource messages;

	private final ClinicFacts clinic;

	private final PhoneNumbers phones;

	private final ObjectProvider<InquiryTimelineSource> emails;

	AccessRequestController(InquiryRepository inquiries, InboxService inbox, AccessTrail trail,
			MessageSource messages, ClinicFacts clinic, PhoneNumbers phones,
			ObjectProvider<InquiryTimelineSource> emails) {
		this.emails = emails;
		this.inquiries = inquiries;
		this.inbox = inbox;
		this.trail = trail;
		this.messages = messages;
		this.clinic = clinic;
		this.phones = phones;
	}

	@GetMapping(PATH)
	String form(@RequestParam(required = false) String notFound, Model model) {
		model.addAttribute("notFound", notFound != null);
		String title = messages.getMessage("inbox.access.title", null, LocaleContextHolder.getLocale());
		model.addAttribute("page", PageMeta.of(title, title, PATH).notIndexed());
		return VIEW;
	}

	@PostMapping(PATH)
	ResponseEntity<byte[]> export(@RequestParam(defaultValue = "") String contact) {
		String email = contact.contains("@") ? contact.strip() : null;
		// A phone number is looked up in E.164 form, so it is found however the person and the clinic wrote it.
		String phoneGlobal = email == null ? phones.parse(contact).map(PhoneNumbers.Phone::globalNumber).orElse(null) : null;
		List<Inquiry> found = email == null && phoneGlobal == null ? List.of()
				: inquiries.findAllFromContact(email, phoneGlobal);
		if (found.isEmpty()) {
			return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(PATH + "?notFound")).build();
		}
		List<Long> ids = found.stream().map(Inquiry::getId).toList();
		trail.recordEach("RIGHT_OF_ACCESS_EXPORTED", InboxService.SUBJECT, ids, "right-of-access file");
		Map<String, Object> file = new LinkedHashMap<>();
		file.put("clinic", clinic.name());
		file.put("preparedAt", Instant.now().toString());
		file.put("requestedFor", contact.strip());
		Map<String, String> consentWordings = inbox.consentWordingsOf(found);
		file.put("inquiries", found.stream().map(inquiry -> describe(inquiry, consentWordings)).toList());
		file.put("accessLog", trail.entriesAbout(InboxService.SUBJECT, ids).stream().map(AccessRequestController::describe).toList());
		String filename = "right-of-access-" + LocalDate.now(clinic.timeZone()) + ".json";
		return ResponseEntity.ok()
			.contentType(new MediaType("application", "json", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
			.body(JSON.writeValueAsString(file).getBytes(StandardCharsets.UTF_8));
	}

	private Map<String, Object> describe(Inquiry inquiry, Map<String, String> consentWordings) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("reference", inquiry.getReference());
		out.put("receivedAt", text(inquiry.getCreatedAt()));
		out.put("name", inquiry.getName());
		out.put("email", inquiry.getEmail());
		out.put("phone", inquiry.getPhone());
		out.put("phoneGlobal", inquiry.getPhoneGlobal());
		out.put("service", String.valueOf(inquiry.getService()));
		out.put("askingAbout", String.valueOf(inquiry.getAskingAbout()));
		out.put("bestTime", inquiry.getBestTime() == null ? null : inquiry.getBestTime().name());
		out.put("message", inquiry.getMessage());
		// what the form showed them (issue 22): whether they joined the waiting list, and the next opening shown
		out.put("waitingList", inquiry.isWaitingList());
		out.put("openingShown", inquiry.getOpeningShown());
		out.put("consentGivenAt", text(inquiry.getConsentGivenAt()));
		out.put("consentVersion", inquiry.getConsentVersion());
		// the words the person agreed to are part of what the clinic holds about them; a version from before the
		// wordings were kept says so in words, so the file never suggests a consent without text
		out.put("consentWording", consentWordings.getOrDefault(inquiry.getConsentVersion(),
				messages.getMessage("inbox.access.consent-wording-missing", null, LocaleContextHolder.getLocale())));
		out.put("sourcePage", inquiry.getSourcePage());
		out.put("referrer", inquiry.getReferrer());
		out.put("utm", List.of(String.valueOf(inquiry.getUtmSource()), String.valueOf(inquiry.getUtmMedium()),
				String.valueOf(inquiry.getUtmCampaign()), String.valueOf(inquiry.getUtmTerm()),
				String.valueOf(inquiry.getUtmContent())));
		out.put("status", inquiry.getStatus().name());
		out.put("firstRespondedAt", text(inquiry.getFirstRespondedAt()));
		out.put("personalDataErasedAt", text(inquiry.getPersonalDataErasedAt()));
		out.put("followUp", inbox.activityOf(inquiry.getId()).stream().map(AccessRequestController::describe).toList());
		// What other modules report about it (the emails sent, a reply with its full text): also held about them.
		out.put("emails", emails.orderedStream()
			.flatMap(source -> source.entriesFor(inquiry.getId()).stream())
			.map(this::describe)
			.toList());
		return out;
	}

	private Map<String, Object> describe(TimelineEntry entry) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("at", text(entry.at()));
		out.put("by", entry.actor());
		out.put("what", messages.getMessage(entry.messageKey(), entry.argumentArray(), LocaleContextHolder.getLocale()));
		out.put("text", entry.quote());
		return out;
	}

	private static Map<String, Object> describe(InquiryActivity activity) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("at", text(activity.getAt()));
		out.put("by", activity.getActorName());
		out.put("kind", activity.getKind().name());
		out.put("fromStatus", activity.getFromStatus() == null ? null : activity.getFromStatus().name());
		out.put("toStatus", activity.getToStatus() == null ? null : activity.getToStatus().name());
		out.put("callOutcome", activity.getCallOutcome() == null ? null : activity.getCallOutcome().name());
		out.put("note", activity.getNote());
		return out;
	}

	private static Map<String, Object> describe(AccessTrail.Entry entry) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("at", text(entry.at()));
		out.put("by", entry.actorEmail());
		out.put("action", entry.action());
		out.put("inquiry", entry.subjectId());
		out.put("clientAddress", entry.clientAddress());
		return out;
	}

	private static String text(Instant instant) {
		return instant == null ? null : instant.toString();
	}

}

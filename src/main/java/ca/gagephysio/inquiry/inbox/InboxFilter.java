package ca.gagephysio.inquiry.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import org.springframework.data.jpa.domain.Specification;
import org.springframework.web.util.UriComponentsBuilder;

import ca.gagephysio.inquiry.internal.HelpWith;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryStatus;

/**
 * What the inbox is showing: a status tab (none means everything except spam), a search over name, email, phone
 * and reference, a service and the article an inquiry came from. Read from the query string, so a filtered view
 * can be bookmarked and exported as it is.
 *
 * @param status the status tab, or {@code null} for all but spam
 * @param q the search text, or {@code null}
 * @param service the service asked about, or {@code null}
 * @param source the source page (an article path), or {@code null}
 */
record InboxFilter(InquiryStatus status, String q, HelpWith service, String source) {

	/** Below this many digits a phone search would match nearly everything. */
	private static final int MIN_PHONE_DIGITS = 3;

	InboxFilter {
		q = q == null || q.isBlank() ? null : q.strip();
		source = source == null || source.isBlank() ? null : source.strip();
	}

	/** From the query string; a value that is not a known status or service (a stale bookmark) is ignored. */
	static InboxFilter parse(String status, String q, String service, String source) {
		return new InboxFilter(lenient(InquiryStatus.class, status), q, lenient(HelpWith.class, service), source);
	}

	private static <E extends Enum<E>> E lenient(Class<E> type, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** Inquiries matching this filter, including its status tab. */
	Specification<Inquiry> specification() {
		return (root, query, cb) -> {
			List<Predicate> predicates = new ArrayList<>(searchPredicates(root, cb));
			predicates.add(status == null ? cb.notEqual(root.get("status"), InquiryStatus.SPAM)
					: cb.equal(root.get("status"), status));
			return cb.and(predicates.toArray(Predicate[]::new));
		};
	}

	/** Inquiries matching this filter in any status: the base of the tab counts. */
	Specification<Inquiry> ignoringStatus() {
		return (root, query, cb) -> cb.and(searchPredicates(root, cb).toArray(Predicate[]::new));
	}

	private List<Predicate> searchPredicates(Root<Inquiry> root, CriteriaBuilder cb) {
		List<Predicate> predicates = new ArrayList<>();
		if (service != null) {
			predicates.add(cb.equal(root.get("service"), service));
		}
		if (source != null) {
			predicates.add(cb.equal(root.get("sourcePage"), source));
		}
		if (q != null) {
			String pattern = "%" + escapeLike(q.toLowerCase(Locale.ROOT)) + "%";
			List<Predicate> anyOf = new ArrayList<>();
			anyOf.add(cb.like(cb.lower(root.get("name")), pattern, '\\'));
			anyOf.add(cb.like(cb.lower(root.get("email")), pattern, '\\'));
			anyOf.add(cb.like(cb.lower(root.get("reference")), pattern, '\\'));
			String digits = q.replaceAll("\\D", "");
			if (digits.length() >= MIN_PHONE_DIGITS) {
				anyOf.add(cb.like(root.get("phoneDigits"), "%" + digits + "%"));
			}
			predicates.add(cb.or(anyOf.toArray(Predicate[]::new)));
		}
		return predicates;
	}

	private static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/** The query string of this filter, for tab, page and export links. */
	String query(InquiryStatus tab, Integer page) {
		UriComponentsBuilder uri = UriComponentsBuilder.newInstance();
		if (tab != null) {
			uri.queryParam("status", tab);
		}
		if (q != null) {
			uri.queryParam("q", q);
		}
		if (service != null) {
			uri.queryParam("service", service);
		}
		if (source != null) {
			uri.queryParam("source", source);
		}
		if (page != null && page > 0) {
			uri.queryParam("page", page);
		}
		return uri.encode().build().toUriString();
	}

}

package ca.gagephysio.inquiry.inbox;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import org.springframework.data.jpa.domain.Specification;
import org.springframework.web.util.UriComponentsBuilder;

import ca.gagephysio.inquiry.internal.HelpWith;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquirySearchTerm;
import ca.gagephysio.inquiry.internal.InquiryStatus;
import ca.gagephysio.inquiry.internal.SearchTerms;
import ca.gagephysio.shared.PhoneNumbers;

/**
 * What the inbox is showing: a status tab (none means everything except spam), a search over name, email, phone
 * and reference, a service and the article an inquiry came from. Read from the query string, so a filtered view
 * can be bookmarked and exported as it is.
 * <p>
 * The search compares folded forms of both sides ({@link SearchTerms}): each word typed must start one of an
 * inquiry's stored terms, a prefix match on the indexed {@code inquiry_search_term.term} column, so it costs an
 * index range scan, not a pass over every inquiry; a phone number, written any way, is looked up by its E.164
 * digits.
 *
 * @param status the status tab, or {@code null} for all but spam
 * @param q the search text, or {@code null}
 * @param service the service asked about, or {@code null}
 * @param source the article an inquiry came from, by its slug (a path under {@code /articles/}, as older bookmarks
 * carry, is read as its slug), or {@code null}
 * @param waitingList the "Waiting list" tab: waiting-list entries still waiting (status new), whatever {@code status}
 * says, oldest first
 */
record InboxFilter(InquiryStatus status, String q, HelpWith service, String source, boolean waitingList) {

	/** The query-string value of {@code list} that opens the waiting-list tab. */
	static final String WAITING_LIST = "waiting";

	InboxFilter(InquiryStatus status, String q, HelpWith service, String source) {
		this(status, q, service, source, false);
	}

	InboxFilter {
		q = q == null || q.isBlank() ? null : q.strip();
		source = source == null || source.isBlank() ? null : articleSlug(source.strip());
	}

	/** From the query string; a value that is not a known status or service (a stale bookmark) is ignored. */
	/** Where article pages live; what follows is the slug. */
	static final String ARTICLES = "/articles/";

	/** The slug of an article given by its slug or by its path. */
	static String articleSlug(String sourcePage) {
		String slug = sourcePage.startsWith(ARTICLES) ? sourcePage.substring(ARTICLES.length()) : sourcePage;
		return slug.endsWith("/") ? slug.substring(0, slug.length() - 1) : slug;
	}

	static InboxFilter parse(String status, String q, String service, String source) {
		return parse(status, q, service, source, null);
	}

	/** As {@link #parse(String, String, String, String)}, with {@code list=waiting} opening the waiting-list tab. */
	static InboxFilter parse(String status, String q, String service, String source, String list) {
		boolean waiting = WAITING_LIST.equals(list);
		return new InboxFilter(waiting ? null : lenient(InquiryStatus.class, status), q,
				lenient(HelpWith.class, service), source, waiting);
	}

	/** This search on the waiting-list tab. */
	InboxFilter onWaitingList() {
		return new InboxFilter(null, q, service, source, true);
	}

	/** This search on a status tab (or all). */
	InboxFilter offWaitingList() {
		return new InboxFilter(status, q, service, source, false);
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

	/** Inquiries matching this filter, including its status tab; phone numbers read as {@code phones} reads them. */
	Specification<Inquiry> specification(PhoneNumbers phones) {
		return specification(phones, false);
	}

	/**
	 * As {@link #specification(PhoneNumbers)}, the same inquiries; with {@code termsPerInquiry} a search looks up
	 * the terms of each inquiry read (a correlated {@code exists}) instead of reading the inquiries whose terms match
	 * (an {@code id in (...)}): the cheaper shape when a page stops after few inquiries ({@code InboxService.list}).
	 */
	Specification<Inquiry> specification(PhoneNumbers phones, boolean termsPerInquiry) {
		return (root, query, cb) -> {
			List<Predicate> predicates = new ArrayList<>(searchPredicates(root, query, cb, phones, termsPerInquiry));
			if (waitingList) {
				// still waiting: not yet contacted (the first response moves an inquiry out of NEW)
				predicates.add(cb.isTrue(root.get("waitingList")));
				predicates.add(cb.equal(root.get("status"), InquiryStatus.NEW));
			}
			else {
				predicates.add(status == null ? cb.notEqual(root.get("status"), InquiryStatus.SPAM)
						: cb.equal(root.get("status"), status));
			}
			return cb.and(predicates.toArray(Predicate[]::new));
		};
	}

	/** Inquiries matching this filter in any status: the base of the tab counts. */
	Specification<Inquiry> ignoringStatus(PhoneNumbers phones) {
		return (root, query, cb) -> cb.and(searchPredicates(root, query, cb, phones, false).toArray(Predicate[]::new));
	}

	/**
	 * What {@link #ignoringStatus} matches for a search, as a SQL condition on the table {@code inquiry}, for
	 * PostgreSQL's counts ({@code InboxService.countSearch}): the ids of the inquiries with a term starting with
	 * {@code driving}, one of the search's {@link #prefixes}, are read into an array ({@code id = any(array(select
	 * ...))}), so PostgreSQL looks up just those inquiries by id, one index probe each; any other word is an
	 * {@code id in (...)} among them. An array's length is unknown when the statement is planned, so PostgreSQL
	 * always probes. Asked as {@link #ignoringStatus}'s {@code id in (...)}, it weighs that plan against reading
	 * every inquiry's entry in an index and matching each against a hash of the terms' ids, and for a common family
	 * name chose the latter, at about twice the CPU (its choice turns on a few percent of estimated cost, and
	 * differs between names of about the same count). H2 reads such an array by scanning every inquiry (394 ms on
	 * the benchmark's data, the third pass), so it keeps {@link #ignoringStatus}.
	 * <p>
	 * Written apart from {@link #searchPredicates} (the array has no JPA criteria form), so the two must match: the
	 * same service and source conditions, the same prefixes; {@code InboxSearchPagesTests} counts searches with each
	 * kind of condition both ways, on H2 and on PostgreSQL.
	 *
	 * @param driving the word whose matches are read into the array: the one with the fewest
	 * @throws IllegalArgumentException if {@code driving} is not one of this search's prefixes
	 */
	SqlCondition searchDrivenByTheTermsOf(String driving, PhoneNumbers phones) {
		List<String> prefixes = prefixes(phones);
		if (!prefixes.contains(driving)) {
			throw new IllegalArgumentException("Not a word of this search: " + driving);
		}
		StringBuilder sql = new StringBuilder("id = any(array(" + TERM_IDS + "))");
		List<Object> params = new ArrayList<>(List.of(driving + "%"));
		for (String prefix : prefixes) {
			if (!prefix.equals(driving)) {
				sql.append(" and id in (" + TERM_IDS + ")");
				params.add(prefix + "%");
			}
		}
		if (service != null) {
			sql.append(" and service = ?");
			params.add(service.name());
		}
		if (source != null) {
			sql.append(" and source_page in (?, ?, ?)");
			params.addAll(List.of(source, ARTICLES + source, ARTICLES + source + "/"));
		}
		return new SqlCondition(sql.toString(), List.copyOf(params));
	}

	/** The ids of inquiries with a term starting with the parameter's prefix (given with its {@code %}). */
	private static final String TERM_IDS = "select inquiry_id from inquiry_search_term where term like ?";

	/**
	 * The term prefixes a search looks for ({@link SearchTerms#prefixesFor}), every one of which an inquiry's terms
	 * must start; none for a search of punctuation only, or no search.
	 */
	List<String> prefixes(PhoneNumbers phones) {
		return q == null ? List.of() : SearchTerms.prefixesFor(q, phones);
	}

	/** A SQL condition and its parameters in order. */
	record SqlCondition(String sql, List<Object> params) {
	}

	private List<Predicate> searchPredicates(Root<Inquiry> root, CriteriaQuery<?> query, CriteriaBuilder cb,
			PhoneNumbers phones, boolean termsPerInquiry) {
		List<Predicate> predicates = new ArrayList<>();
		if (service != null) {
			predicates.add(cb.equal(root.get("service"), service));
		}
		if (source != null) {
			// the article's call to action stores its slug, a same-site referrer its path: both are that article
			predicates.add(root.get("sourcePage").in(source, ARTICLES + source, ARTICLES + source + "/"));
		}
		if (q != null) {
			List<String> prefixes = prefixes(phones);
			if (prefixes.isEmpty()) {
				// Only punctuation: nothing a person's details could start with.
				predicates.add(cb.disjunction());
			}
			for (String prefix : prefixes) {
				// An uncorrelated "id in (...)": both databases read the term index once, then fetch inquiries by id,
				// where a correlated "exists" would make H2 probe the terms once per inquiry it reads: unless asked
				// for, when few are read.
				predicates.add(termsPerInquiry
						? InquirySearchTerm.anInquiryTermStartsWith(root.get("id"), prefix, query, cb)
						: root.get("id").in(InquirySearchTerm.idsOfInquiriesWithATermStartingWith(prefix, query, cb)));
			}
		}
		return predicates;
	}

	/** The query string of this filter, for tab, page and export links. */
	String query(InquiryStatus tab, Integer page) {
		UriComponentsBuilder uri = UriComponentsBuilder.newInstance();
		if (waitingList) {
			uri.queryParam("list", WAITING_LIST);
		}
		else if (tab != null) {
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

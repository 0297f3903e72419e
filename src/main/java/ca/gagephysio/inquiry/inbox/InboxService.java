package ca.gagephysio.inquiry.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;

import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.function.SingletonSupplier;

import ca.gagephysio.inquiry.InquiryReplyWritten;
import ca.gagephysio.inquiry.internal.ConsentWordings;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.inquiry.internal.InquiryStatus;
import ca.gagephysio.shared.PhoneNumbers;
import ca.gagephysio.staff.AccessTrail;
import ca.gagephysio.staff.StaffDirectory;
import ca.gagephysio.staff.StaffMember;

/**
 * What the front desk does with inquiries. Every read of personal data (a list, a detail, an export) and every
 * change is written to the access trail in the same transaction. Status and assignment changes carry the version
 * the person saw, so one person's change is never silently written over another's.
 * <p>
 * Two changes at the same instant: every change locks the inquiry's row first ({@code select ... for update}), so
 * the second waits for the first to commit and then sees it. A status or assignment from an older version is then
 * a {@link StaleInquiryException} (unless it asks for what the inquiry already is: a double click, not a conflict),
 * and a note, a call or a reply sent again with the same one-time request key its form carried is carried out once
 * ({@code inquiry_done_request}), the second post ending like the first.
 */
@Service
@Transactional
class InboxService {

	static final String SUBJECT = "INQUIRY";

	/** The newest first; the id breaks ties so paging is stable. */
	static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));

	private static final java.util.regex.Pattern REQUEST_KEY = java.util.regex.Pattern.compile("[0-9a-f-]{36}");

	/** More than a clinic receives in years; keeps one export from exhausting memory. */
	static final int MAX_EXPORT = 20_000;

	private final InquiryRepository inquiries;

	private final InquiryActivityRepository activities;

	private final StaffDirectory staff;

	private final AccessTrail trail;

	private final EntityManager entityManager;

	private final ConsentWordings consentWordings;

	private final PhoneNumbers phones;

	private final ApplicationEventPublisher events;

	private final FirstResponseTimes responseTimes;

	private final JdbcClient jdbc;

	private final AnswerIntake answerIntake;

	private final TabCountCache tabCounts;

	/** Whether Hibernate's dialect is PostgreSQL's: a search's counts may then be driven by its terms ({@link #countSearch}). */
	private final SingletonSupplier<Boolean> postgres;

	InboxService(InquiryRepository inquiries, InquiryActivityRepository activities, StaffDirectory staff,
			AccessTrail trail, EntityManager entityManager, ConsentWordings consentWordings, PhoneNumbers phones,
			ApplicationEventPublisher events, FirstResponseTimes responseTimes, JdbcClient jdbc,
			AnswerIntake answerIntake, @Value("${clinic.inbox.counts-cache-for:10s}") Duration countsCacheFor) {
		this.tabCounts = new TabCountCache(countsCacheFor);
		this.jdbc = jdbc;
		this.answerIntake = answerIntake;
		this.inquiries = inquiries;
		this.activities = activities;
		this.staff = staff;
		this.trail = trail;
		this.entityManager = entityManager;
		this.consentWordings = consentWordings;
		this.phones = phones;
		this.events = events;
		this.responseTimes = responseTimes;
		// Asked at the first search, not here: Hibernate's session factory is still being built on another thread
		// while the beans are made, and asking for its dialect here made the start wait for it.
		this.postgres = SingletonSupplier.of(() -> entityManager.getEntityManagerFactory()
			.unwrap(SessionFactoryImplementor.class)
			.getJdbcServices()
			.getDialect() instanceof PostgreSQLDialect);
	}

	/**
	 * One page of the inbox, newest first; every inquiry shown is recorded as listed.
	 * <p>
	 * Two reads, not one: the ids on the page first, then those inquiries. The first is answered from an index on
	 * (status, listed_at, id, snoozed_until) or (listed_at, id, status, snoozed_until) without touching a row (V97;
	 * the waiting list's oldest-first order from the V78 ones on created_at), so a far page skips its offset
	 * in the index instead of reading every row before it (page 3,000 of 100,000 inquiries read 75,000 rows).
	 *
	 * <p>
	 * A search can be read two ways, the same rows either way ({@link #fewerReadWalkingTheList}).
	 *
	 * @param total how many inquiries the filter matches, as the tab counts ({@link #tabCounts}) already say:
	 * not counted again
	 * @param newestId the newest inquiry's id ({@link #newestId()}): at least how many inquiries there are
	 */
	Page<Inquiry> list(InboxFilter filter, Pageable pageable, long total, long newestId, Instant now) {
		CriteriaBuilder cb = entityManager.getCriteriaBuilder();
		CriteriaQuery<Long> query = cb.createQuery(Long.class);
		Root<Inquiry> root = query.from(Inquiry.class);
		boolean termsPerInquiry = filter.q() != null && fewerReadWalkingTheList(pageable, total, newestId);
		query.select(root.get("id"))
			.where(filter.specification(phones, termsPerInquiry)
				.and(awake(filter, now))
				.toPredicate(root, query, cb))
			.orderBy(listOrder(filter, root, cb));
		List<Long> ids = entityManager.createQuery(query)
			.setFirstResult((int) pageable.getOffset())
			.setMaxResults(pageable.getPageSize())
			.getResultList();
		Map<Long, Inquiry> byId = new HashMap<>();
		inquiries.findAllById(ids).forEach(inquiry -> byId.put(inquiry.getId(), inquiry));
		// in the order of the ids; one deleted between the two reads (by the retention job) is left out
		List<Inquiry> content = ids.stream().map(byId::get).filter(Objects::nonNull).toList();
		trail.recordEach("INQUIRY_LISTED", SUBJECT, content.stream().map(Inquiry::getId).toList(), null);
		return new PageImpl<>(content, pageable, total);
	}

	/**
	 * Whether a search's page is read by walking the list's index in its order and looking up each inquiry's terms
	 * until the page is full, rather than by reading every inquiry the search matches (through the term index) and
	 * sorting them. Each way costs about one index look-up per inquiry it reads: the walk reads about
	 * {@code (offset + page size) * inquiries / matches} (the matches spread over the list), the other {@code matches}.
	 * So a page near the top of a search many inquiries match (a common family name: 3,361 of 100,000, read as 25 +
	 * about 800 look-ups instead of 3,361) is walked, and a rare match (an email, a reference) or a far page is read
	 * through its terms. The newest id stands for the number of inquiries (never fewer: ids are not reused), so a
	 * doubtful case is read through the terms, as every search was before.
	 * <p>
	 * Chosen here, not left to the database: PostgreSQL's planner weighs the same two plans itself (and reads an
	 * {@code exists} and an {@code in} alike), but H2 always reads an {@code in (...)} through the terms and an
	 * {@code exists} row by row.
	 */
	static boolean fewerReadWalkingTheList(Pageable pageable, long total, long newestId) {
		if (total <= 0) {
			return false;
		}
		double walked = (double) (pageable.getOffset() + pageable.getPageSize()) * newestId / total;
		return walked < total;
	}

	/**
	 * The order of a list: the waiting list is served in turn, who joined first first; every other list newest
	 * first, an inquiry back from a snooze counting from when it came back, the id breaking ties.
	 * <p>
	 * A list of one status (a tab, and the waiting list's fixed waiting flag and status) also sorts by the columns its
	 * filter fixes, first, as its index leads with them: that changes no row's place (they are the same in every row
	 * listed), but H2 reads a list in an index's order only when the {@code order by} starts at that index's first
	 * column. Without them H2 read every entry of the tab from its index and sorted them to show 25 (40,083 for the
	 * contacted tab of the benchmark's 100,000 inquiries), where it now reads 25. PostgreSQL reads the index in order
	 * either way.
	 */
	private static List<jakarta.persistence.criteria.Order> listOrder(InboxFilter filter, Root<Inquiry> root,
			CriteriaBuilder cb) {
		if (filter.waitingList()) {
			// inquiry_waiting_list_idx (waiting_list, status, created_at, id), V82
			return List.of(cb.asc(root.get("waitingList")), cb.asc(root.get("status")), cb.asc(root.get("createdAt")),
					cb.asc(root.get("id")));
		}
		if (filter.status() != null) {
			// inquiry_status_listed_idx (status, listed_at, id, snoozed_until), V97, read backwards
			return List.of(cb.desc(root.get("status")), cb.desc(root.get("listedAt")), cb.desc(root.get("id")));
		}
		// inquiry_listed_idx (listed_at, id, status, snoozed_until), V97, read backwards
		return List.of(cb.desc(root.get("listedAt")), cb.desc(root.get("id")));
	}

	/**
	 * The numbers the list shows above its rows, for this filter at {@code now}: counted by the database, or, for a
	 * filter without a search, as counted for an earlier page while nothing they count can have changed since
	 * ({@link TabCountCache}: up to {@code clinic.inbox.counts-cache-for} late for a change made through another
	 * instance, never for one made here or for a new inquiry).
	 *
	 * @param newestId the newest inquiry's id now ({@link #newestId()})
	 */
	@Transactional(readOnly = true)
	TabCounts tabCounts(InboxFilter filter, long newestId, Instant now) {
		if (filter.q() != null) {
			return count(filter, now);
		}
		return tabCounts.get(filter.service(), filter.source(), newestId, now, () -> count(filter, now));
	}

	/** The newest inquiry's id (0 when there is none): one look-up in the primary key's index. */
	@Transactional(readOnly = true)
	long newestId() {
		return jdbc.sql("select coalesce(max(id), 0) from inquiry").query(Long.class).single();
	}

	private TabCounts count(InboxFilter filter, Instant now) {
		if (filter.q() != null) {
			return countSearch(filter, postgres.obtain() ? fewestMatchedWord(filter) : null);
		}
		return new TabCounts(countByStatus(filter, now), countWaiting(filter, now), snoozedCount(now),
				nextSnoozeEnd(now));
	}

	/**
	 * The numbers above the list.
	 *
	 * @param byStatus how many inquiries match the filter's search in each status (every status present, zero for
	 * none), leaving out those snoozed at the time unless searching
	 * @param waiting how many waiting-list entries still wait under the filter's search (the waiting-list tab)
	 * @param snoozed how many inquiries are snoozed at the time, all filters aside (0 when searching: not shown)
	 * @param nextSnoozeEnds when the earliest snooze running at the time ends, or {@code null} if none runs (or when
	 * searching): the counts without a search change then
	 */
	record TabCounts(Map<InquiryStatus, Long> byStatus, long waiting, long snoozed, Instant nextSnoozeEnds) {

		/** Everything but spam: the "All" tab, and the total when no tab is chosen. */
		long allButSpam() {
			return byStatus.entrySet()
				.stream()
				.filter(entry -> entry.getKey() != InquiryStatus.SPAM)
				.mapToLong(Map.Entry::getValue)
				.sum();
		}

	}

	/** How many waiting-list entries still wait (status new, not snoozed at {@code now}) under this filter's search: the tab's count. */
	private long countWaiting(InboxFilter filter, Instant now) {
		CriteriaBuilder cb = entityManager.getCriteriaBuilder();
		CriteriaQuery<Long> query = cb.createQuery(Long.class);
		Root<Inquiry> root = query.from(Inquiry.class);
		// as the tab lists them: a snoozed entry is counted when it is listed again
		query.select(cb.count(root))
			.where(filter.onWaitingList().specification(phones).and(awake(filter, now)).toPredicate(root, query, cb));
		return entityManager.createQuery(query).getSingleResult();
	}

	/**
	 * The counts of a search, in one grouped query: per status, and the waiting-list entries still waiting as the
	 * new ones flagged for the waiting list (what {@link #countWaiting} counts; a search lists snoozed inquiries too,
	 * so no snooze is left out of either).
	 * <p>
	 * One pass, not two: a search's matches are read through the term index and then looked up one by one (3,361
	 * look-ups for a common family name among 100,000 inquiries), and a second query for the waiting list made
	 * H2 look them all up again. Without a search the two stay apart: each is then answered from its own index
	 * alone, and the counts are kept between pages ({@link TabCountCache}).
	 *
	 * @param driving on PostgreSQL, the word whose matches are read as an array of ids and looked up in V107's index
	 * alone ({@link InboxFilter#searchDrivenByTheTermsOf}, see {@link #fewestMatchedWord}); {@code null} to read
	 * the matches through {@link InboxFilter#ignoringStatus} (H2, and PostgreSQL for a word many inquiries match):
	 * the same counts either way
	 */
	TabCounts countSearch(InboxFilter filter, String driving) {
		List<StatusCount> rows;
		if (driving != null) {
			InboxFilter.SqlCondition matching = filter.searchDrivenByTheTermsOf(driving, phones);
			rows = jdbc.sql("select status, count(*), sum(case when waiting_list then 1 else 0 end) from inquiry where "
					+ matching.sql() + " group by status")
				.params(matching.params())
				.query((rs, row) -> new StatusCount(InquiryStatus.valueOf(rs.getString(1)), rs.getLong(2),
						rs.getLong(3)))
				.list();
		}
		else {
			CriteriaBuilder cb = entityManager.getCriteriaBuilder();
			CriteriaQuery<Tuple> query = cb.createTupleQuery();
			Root<Inquiry> root = query.from(Inquiry.class);
			query.multiselect(root.get("status"), cb.count(root),
					cb.sum(cb.<Long>selectCase().when(cb.isTrue(root.get("waitingList")), 1L).otherwise(0L)))
				.where(filter.ignoringStatus(phones).toPredicate(root, query, cb))
				.groupBy(root.get("status"));
			rows = entityManager.createQuery(query)
				.getResultList()
				.stream()
				.map(row -> new StatusCount(row.get(0, InquiryStatus.class), row.get(1, Long.class),
						row.get(2, Long.class)))
				.toList();
		}
		Map<InquiryStatus, Long> counts = noneOfEachStatus();
		long waiting = 0;
		for (StatusCount row : rows) {
			counts.put(row.status(), row.count());
			if (row.status() == InquiryStatus.NEW) {
				waiting = row.waitingListed();
			}
		}
		return new TabCounts(Collections.unmodifiableMap(counts), waiting, 0, null);
	}

	/**
	 * The most term entries a word of a search may match for PostgreSQL's counts to be driven by its terms
	 * ({@link #countSearch}). Measured on the benchmark's 100,000 inquiries (database CPU per count, docs/
	 * performance.md, "The inbox's search, fourth pass"): the array's probes cost about 1 microsecond per entry
	 * (7 ms for a family name's 6,722 entries, 16 ms for a first name's 17,081, 49 ms for the 55,464 of "a"), the
	 * hash over every inquiry 12 to 21 ms whatever the word; so up to 10,000 entries the array, else the hash.
	 */
	static final int DRIVEN_BY_TERMS_UP_TO = 10_000;

	/**
	 * Of a search's words, the one whose prefix starts the fewest term entries, if that is at most
	 * {@link #DRIVEN_BY_TERMS_UP_TO}; else (or for a search of punctuation only) {@code null}. Each word's entries are
	 * counted in the term index, up to one more than the limit, so a word that starts half of all terms costs no
	 * more than one at the limit (about a millisecond).
	 */
	String fewestMatchedWord(InboxFilter filter) {
		String fewest = null;
		long fewestEntries = DRIVEN_BY_TERMS_UP_TO + 1L;
		for (String prefix : filter.prefixes(phones)) {
			long entries = jdbc
				.sql("select count(*) from (select 1 from inquiry_search_term where term like ? limit ?) entries")
				.params(prefix + "%", DRIVEN_BY_TERMS_UP_TO + 1)
				.query(Long.class)
				.single();
			if (entries < fewestEntries) {
				fewest = prefix;
				fewestEntries = entries;
			}
		}
		return fewest;
	}

	/** Whether a search's counts may be driven by its terms here: on PostgreSQL, as Hibernate's dialect says. */
	boolean drivesSearchCountsByTheirTerms() {
		return postgres.obtain();
	}

	/** One row of a search's counts: a status, how many matches have it, how many of those are on the waiting list. */
	private record StatusCount(InquiryStatus status, long count, long waitingListed) {
	}

	private static Map<InquiryStatus, Long> noneOfEachStatus() {
		Map<InquiryStatus, Long> counts = new EnumMap<>(InquiryStatus.class);
		for (InquiryStatus status : InquiryStatus.values()) {
			counts.put(status, 0L);
		}
		return counts;
	}

	/** How many inquiries match the filter in each status, counted by the database in one grouped query. */
	private Map<InquiryStatus, Long> countByStatus(InboxFilter filter, Instant now) {
		CriteriaBuilder cb = entityManager.getCriteriaBuilder();
		CriteriaQuery<Tuple> query = cb.createTupleQuery();
		Root<Inquiry> root = query.from(Inquiry.class);
		query.multiselect(root.get("status"), cb.count(root))
			.where(filter.ignoringStatus(phones).and(awake(filter, now)).toPredicate(root, query, cb))
			.groupBy(root.get("status"));
		Map<InquiryStatus, Long> counts = noneOfEachStatus();
		for (Tuple row : entityManager.createQuery(query).getResultList()) {
			counts.put(row.get(0, InquiryStatus.class), row.get(1, Long.class));
		}
		return Collections.unmodifiableMap(counts);
	}

	/** How many inquiries are snoozed at {@code now} (left out of the lists until their time). */
	private long snoozedCount(Instant now) {
		return inquiries.count((root, query, cb) -> cb.greaterThan(root.get("snoozedUntil"), now));
	}

	/** When the earliest snooze running at {@code now} ends, or null: a range over the snooze time's index. */
	private Instant nextSnoozeEnd(Instant now) {
		// the one row holds null when nothing is snoozed, which single() refuses
		return jdbc.sql("select min(snoozed_until) from inquiry where snoozed_until > ?")
			.param(java.sql.Timestamp.from(now))
			.query((rs, row) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant())
			.list()
			.stream()
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
	}

	/**
	 * Inquiries not snoozed at {@code now}: the lists leave snoozed ones out, unless the person is searching (a
	 * search finds a snoozed inquiry, so nobody looking for one is told it does not exist). A rule on the clock at
	 * each query, so an inquiry comes back at its time with no job to wake it.
	 */
	private static org.springframework.data.jpa.domain.Specification<Inquiry> awake(InboxFilter filter, Instant now) {
		return (root, query, cb) -> filter.q() != null ? cb.conjunction()
				: cb.or(cb.isNull(root.get("snoozedUntil")), cb.lessThanOrEqualTo(root.get("snoozedUntil"), now));
	}

	/**
	 * The source pages inquiries came from that may be articles (for the inbox's filter). Reading them is a pass
	 * over every inquiry (a third of a 100,000-inquiry inbox page's time), while they change only when an inquiry
	 * arrives: so they are read again only when the newest inquiry is another one or after {@link #SOURCES_KEPT},
	 * when the retention job may have erased the last from an article.
	 *
	 * @param newestId the newest inquiry's id now ({@link #newestId()})
	 */
	@Transactional(readOnly = true)
	List<String> articleSources(long newestId) {
		Instant now = Instant.now();
		ArticleSources known = articleSources;
		if (known == null || known.newestId() != newestId || now.isAfter(known.readAt().plus(SOURCES_KEPT))) {
			known = new ArticleSources(newestId, now, inquiries.findArticleSourcePages());
			articleSources = known;
		}
		return known.pages();
	}

	/** How long the article sources are kept while no inquiry arrives. */
	static final java.time.Duration SOURCES_KEPT = java.time.Duration.ofMinutes(1);

	/** The article sources as read when {@code newestId} was the newest inquiry, at {@code readAt}. */
	private record ArticleSources(long newestId, Instant readAt, List<String> pages) {
	}

	private volatile ArticleSources articleSources;

	/** Opens one inquiry: recorded as viewed, and as opened if nobody had yet. */
	Inquiry open(long id) {
		if (!inquiries.existsById(id)) {
			throw new InquiryNotFoundException();
		}
		inquiries.markFirstOpened(id, Instant.now());
		// a patient's answer is read once someone opens the inquiry
		inquiries.markRead(id);
		trail.record("INQUIRY_VIEWED", SUBJECT, id, null);
		return inquiries.findById(id).orElseThrow(InquiryNotFoundException::new);
	}

	/**
	 * The references of inquiries by id (null ids are ignored), for naming the earlier inquiry a possible duplicate
	 * points to. Only the reference is read out: not a look at that inquiry's personal data, so not recorded as one.
	 */
	@Transactional(readOnly = true)
	Map<Long, String> referencesOf(Collection<Long> ids) {
		Set<Long> wanted = ids.stream().filter(Objects::nonNull).collect(Collectors.toSet());
		// a HashMap, so looking up an inquiry that duplicates nothing (a null id) simply finds nothing
		Map<Long, String> references = new HashMap<>();
		if (!wanted.isEmpty()) {
			inquiries.findAllById(wanted).forEach(inquiry -> references.put(inquiry.getId(), inquiry.getReference()));
		}
		return references;
	}

	/** The words of the consent the person agreed to, or empty if that version's wording was never kept. */
	@Transactional(readOnly = true)
	Optional<String> consentWordingOf(Inquiry inquiry) {
		return consentWordings.wordingOf(inquiry.getConsentVersion());
	}

	/** The words of each consent version among these inquiries, by version; versions never kept are absent. */
	@Transactional(readOnly = true)
	Map<String, String> consentWordingsOf(Collection<Inquiry> found) {
		return consentWordings.wordingsOf(found.stream().map(Inquiry::getConsentVersion).collect(Collectors.toSet()));
	}

	@Transactional(readOnly = true)
	List<InquiryActivity> activityOf(long id) {
		return activities.findByInquiryIdOrderByAtAscIdAsc(id);
	}

	void changeStatus(long id, long seenVersion, InquiryStatus newStatus) {
		Inquiry inquiry = locked(id);
		InquiryStatus before = inquiry.getStatus();
		if (before == newStatus) {
			return;
		}
		requireSeen(inquiry, seenVersion);
		Instant now = Instant.now();
		StaffMember me = staff.current();
		inquiry.changeStatus(newStatus, now);
		// the first move out of NEW is the first response; its business time feeds the owner's insights
		responseTimes.time(inquiry);
		activities.save(InquiryActivity.statusChanged(id, before, newStatus, me.id(), me.displayName(), now));
		trail.record("INQUIRY_STATUS_CHANGED", SUBJECT, id, before + " to " + newStatus);
	}

	/** Assigns to an enabled staff member, or to nobody when {@code assignee} is null. */
	void assign(long id, long seenVersion, Long assignee) {
		Inquiry inquiry = locked(id);
		if (assignee != null && staff.enabledStaff().stream().noneMatch(member -> member.id() == assignee)) {
			throw new IllegalArgumentException("Not an enabled staff account: " + assignee);
		}
		if (Objects.equals(inquiry.getAssignedTo(), assignee)) {
			return;
		}
		requireSeen(inquiry, seenVersion);
		Instant now = Instant.now();
		StaffMember me = staff.current();
		inquiry.assignTo(assignee);
		activities.save(InquiryActivity.assigned(id, assignee, me.id(), me.displayName(), now));
		trail.record("INQUIRY_ASSIGNED", SUBJECT, id, assignee == null ? "to nobody" : "to staff account " + assignee);
	}

	/**
	 * Adds an internal note. Notes never conflict with each other, so no version is needed.
	 * @param requestKey the one-time key of the form it was typed in ({@link #isRequestKey}), or {@code null} for a
	 * form without one: the same key twice adds the note once
	 */
	void addNote(long id, String note, String requestKey) {
		Inquiry inquiry = locked(id);
		if (alreadyDone(inquiry, requestKey)) {
			return;
		}
		StaffMember me = staff.current();
		activities.save(InquiryActivity.note(id, note.strip(), me.id(), me.displayName(), Instant.now()));
		trail.record("INQUIRY_NOTE_ADDED", SUBJECT, id, null);
	}

	/**
	 * Sends a reply the staff member wrote and previewed: queued in the notification outbox (which listens to
	 * {@link InquiryReplyWritten} in this transaction) and sent by its background sender; recorded as the first
	 * response if none was, moving a new inquiry to contacted; written to the access trail.
	 *
	 * @param subject the subject with its placeholders filled, one line
	 * @param body the body with its placeholders filled
	 * @param requestKey the key the reply page was opened with: the same key twice is queued once, and the second
	 * post (a double click) changes nothing, so it ends like the first
	 * @param templateId the template it started from, or {@code null} if it started blank (for the trail)
	 * @throws ReplyNotPossibleException if the inquiry has no email address or is marked as spam
	 */
	void reply(long id, Long seenVersion, String subject, String body, String requestKey, Long templateId) {
		Inquiry inquiry = locked(id);
		if (alreadyDone(inquiry, requestKey)) {
			return;
		}
		requireSeenIfGiven(inquiry, seenVersion);
		ReplyNotPossibleException.check(inquiry);
		Instant now = Instant.now();
		StaffMember me = staff.current();
		responded(inquiry, me, now);
		events.publishEvent(new InquiryReplyWritten(id, inquiry.getReference(), inquiry.getService().key(),
				inquiry.getCreatedAt(), inquiry.getEmail(), subject, body, me.displayName(), requestKey,
				answerIntake.lastAnswerMessageIdOf(id).orElse(null)));
		trail.record("INQUIRY_REPLY_SENT", SUBJECT, id, templateId == null ? "blank" : "template " + templateId);
	}

	/**
	 * Records a phone call to the person. Reaching them or leaving a message is a response: the first response if
	 * none was recorded, moving a new inquiry to contacted.
	 *
	 * @param note what the caller wants to remember, or blank; at most {@link InboxController#MAX_NOTE} characters
	 * @param requestKey the one-time key of the form ({@link #isRequestKey}), or {@code null}: the same key twice
	 * records the call once
	 */
	void recordCall(long id, Long seenVersion, CallOutcome outcome, String note, String requestKey) {
		Inquiry inquiry = locked(id);
		if (alreadyDone(inquiry, requestKey)) {
			return;
		}
		requireSeenIfGiven(inquiry, seenVersion);
		Instant now = Instant.now();
		StaffMember me = staff.current();
		activities.save(InquiryActivity.call(id, outcome, note == null || note.isBlank() ? null : note.strip(),
				me.id(), me.displayName(), now));
		if (outcome.countsAsResponse()) {
			responded(inquiry, me, now);
		}
		else {
			// an unanswered call is still an answer attempt another person should see before calling again
			inquiry.answeredAt(now);
		}
		trail.record("INQUIRY_CALL_RECORDED", SUBJECT, id, outcome.name());
	}

	/** The clinic answered: a new inquiry becomes contacted (on the timeline as a status change). */
	private void responded(Inquiry inquiry, StaffMember me, Instant now) {
		if (inquiry.getStatus() == InquiryStatus.NEW) {
			inquiry.changeStatus(InquiryStatus.CONTACTED, now);
			activities.save(InquiryActivity.statusChanged(inquiry.getId(), InquiryStatus.NEW, InquiryStatus.CONTACTED,
					me.id(), me.displayName(), now));
		}
		inquiry.respondedAt(now);
		inquiry.answeredAt(now);
		responseTimes.time(inquiry);
		answerIntake.clinicReplied(inquiry.getId(), now);
	}

	/**
	 * Puts the inquiry away until {@code until} (out of the lists, back at their top then), or brings it back now
	 * when {@code until} is null.
	 *
	 * @throws StaleInquiryException if it changed since the page with {@code seenVersion} was opened
	 */
	void snooze(long id, long seenVersion, Instant until) {
		Inquiry inquiry = locked(id);
		if (java.util.Objects.equals(inquiry.getSnoozedUntil(), until)) {
			return;
		}
		requireSeen(inquiry, seenVersion);
		inquiry.snoozeUntil(until);
		trail.record("INQUIRY_SNOOZED", SUBJECT, id, until == null ? "ended" : "until " + until);
	}

	/**
	 * Sets (or with {@code at} null, removes) the follow-up reminder: at that time its assignee (else the person
	 * setting it) is emailed, once ({@link FollowUpJob}), with its note. The same reminder saved again (a double
	 * click, or two posts at the same instant: the second waits for the first's row lock) changes nothing and ends
	 * like the first.
	 *
	 * @param note what it is about, one line of at most {@link InboxController#MAX_REMIND_NOTE} characters, or blank
	 * @throws StaleInquiryException if it changed since the page with {@code seenVersion} was opened
	 */
	void remind(long id, long seenVersion, Instant at, String note) {
		Inquiry inquiry = locked(id);
		String kept = at == null || note == null || note.isBlank() ? null : note.strip();
		if (java.util.Objects.equals(inquiry.getRemindAt(), at)
				&& java.util.Objects.equals(inquiry.getRemindNote(), kept)) {
			return;
		}
		requireSeen(inquiry, seenVersion);
		StaffMember me = staff.current();
		inquiry.remindAt(at, me.id(), kept);
		// the note stays out of the access trail: it may name the person
		trail.record("INQUIRY_REMINDER_SET", SUBJECT, id, at == null ? "removed" : "at " + at);
	}

	/** Everything the filter matches, newest first; every inquiry in it is recorded as exported. */
	List<Inquiry> export(InboxFilter filter) {
		List<Inquiry> found = inquiries.findAll(filter.specification(phones), PageRequest.of(0, MAX_EXPORT, NEWEST_FIRST))
			.getContent();
		trail.recordEach("INQUIRY_EXPORTED", SUBJECT, found.stream().map(Inquiry::getId).toList(), "CSV");
		return found;
	}

	/**
	 * The tab counts are counted afresh once this transaction has ended, committed or not (not before it ends: a page
	 * counting in between would keep the counts from before the change). Called by {@link #locked}, through which
	 * every change in the inbox goes, whether or not it moves a count, so a new kind of change cannot leave the counts
	 * behind.
	 */
	private void countsChangeOnCommit() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					tabCounts.forget();
				}
			});
		}
		else {
			tabCounts.forget();
		}
	}

	/**
	 * The inquiry, its row locked until this transaction ends, so changes to it happen one after the other; the tab
	 * counts are counted afresh once that transaction ends ({@link #countsChangeOnCommit}).
	 */
	private Inquiry locked(long id) {
		Inquiry inquiry = inquiries.findByIdForUpdate(id).orElseThrow(InquiryNotFoundException::new);
		countsChangeOnCommit();
		return inquiry;
	}

	/** As {@link #requireSeen}, for a form that may come from a page older than the stamp (no version): not checked. */
	private static void requireSeenIfGiven(Inquiry inquiry, Long seenVersion) {
		if (seenVersion != null) {
			requireSeen(inquiry, seenVersion);
		}
	}

	private static void requireSeen(Inquiry inquiry, long seenVersion) {
		if (inquiry.getVersion() != seenVersion) {
			throw new StaleInquiryException();
		}
	}

	/** Whether {@code key} is a one-time request key as the inbox's pages make them (a UUID); else it is ignored. */
	static boolean isRequestKey(String key) {
		return key != null && REQUEST_KEY.matcher(key).matches();
	}

	/**
	 * Whether the request with this key was carried out on the inquiry already; if not, it is remembered as done
	 * (with this transaction, so a request that fails is not). Call with the inquiry's row locked: the second of two
	 * posts at the same instant then waits for the first and finds its key.
	 */
	private boolean alreadyDone(Inquiry locked, String requestKey) {
		if (!isRequestKey(requestKey)) {
			return false;
		}
		boolean done = jdbc.sql("select count(*) from inquiry_done_request where inquiry_id = ? and request_key = ?")
			.params(locked.getId(), requestKey)
			.query(Long.class)
			.single() > 0;
		if (!done) {
			jdbc.sql("insert into inquiry_done_request (inquiry_id, request_key, done_at) values (?, ?, ?)")
				.params(locked.getId(), requestKey, java.sql.Timestamp.from(Instant.now()))
				.update();
		}
		return done;
	}

}

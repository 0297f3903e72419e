package ca.gagephysio.inquiry.inbox;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.internal.AskingAbout;
import ca.gagephysio.inquiry.internal.BestTime;
import ca.gagephysio.inquiry.internal.HelpWith;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.inquiry.internal.InquiryStatus;
import ca.gagephysio.shared.PhoneNumbers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A search's page is the same whichever way it is read ({@link InboxService#fewerReadWalkingTheList}): walking the
 * list newest first and looking up each inquiry's terms, or reading every match through the term index; and a
 * search's counts, taken in one grouped query, are what each tab and the waiting list hold. Through the service and
 * the real database; each test's people carry a made-up surname of their own, so only its inquiries match.
 */
@ClinicIntegrationTest
class InboxSearchPagesTests {

	/** Few enough inquiries that any search with a match is walked. */
	private static final long FEW_INQUIRIES = 1;

	/** So many inquiries that every search is read through its terms. */
	private static final long MANY_INQUIRIES = Long.MAX_VALUE / 1_000_000;

	@Autowired
	InboxService inbox;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	PhoneNumbers phones;

	@Autowired
	JdbcTemplate jdbc;

	String surname;

	Instant now;

	@BeforeEach
	void surname() {
		StringBuilder letters = new StringBuilder("Qz");
		for (int i = 0; i < 8; i++) {
			letters.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		surname = letters.toString();
		now = Instant.now();
	}

	@Test
	void aSearchPageWalkedNewestFirstListsTheSameInquiriesInTheSameOrderAsOneReadThroughTheTerms() {
		List<Inquiry> saved = new ArrayList<>();
		Instant start = now.minus(Duration.ofDays(30));
		for (int i = 0; i < 14; i++) {
			// two at each instant, so the id decides their order
			Inquiry inquiry = TestInquiries.from("Ana " + surname, TestInquiries.uniqueEmail(), "905-555-0142",
					start.plus(Duration.ofHours(i / 2)));
			if (i % 3 == 1) {
				inquiry.changeStatus(InquiryStatus.CONTACTED, now);
			}
			if (i == 5) {
				inquiry.markSpam("test");
			}
			if (i == 2) {
				// back at the top of the lists from tomorrow on; a search lists it now, by that time
				inquiry.snoozeUntil(now.plus(Duration.ofDays(1)));
			}
			saved.add(inquiries.save(inquiry));
		}
		Inquiry bo = inquiries.save(TestInquiries.from("Bo " + surname)); // new, the newest; its name is not "Ana"
		List<Inquiry> everyone = new ArrayList<>(saved);
		everyone.add(bo);

		assertSamePagesBothWays(new InboxFilter(null, "ana " + surname, null, null),
				newestFirst(saved.stream().filter(inquiry -> inquiry.getStatus() != InquiryStatus.SPAM).toList()));
		assertSamePagesBothWays(new InboxFilter(InquiryStatus.CONTACTED, surname + " an", null, null),
				newestFirst(saved.stream().filter(inquiry -> inquiry.getStatus() == InquiryStatus.CONTACTED).toList()));
		assertSamePagesBothWays(new InboxFilter(InquiryStatus.NEW, surname, null, null),
				newestFirst(everyone.stream().filter(inquiry -> inquiry.getStatus() == InquiryStatus.NEW).toList()));
	}

	/** Every page of 4 of this search, walked and read through the terms: both in {@code expected}'s order. */
	private void assertSamePagesBothWays(InboxFilter filter, List<Long> expected) {
		long total = expected.size();
		List<Long> walked = new ArrayList<>();
		List<Long> throughTerms = new ArrayList<>();
		for (int page = 0; page * 4 < total; page++) {
			PageRequest request = PageRequest.of(page, 4, InboxService.NEWEST_FIRST);
			assertThat(InboxService.fewerReadWalkingTheList(request, total, FEW_INQUIRIES)).isTrue();
			assertThat(InboxService.fewerReadWalkingTheList(request, total, MANY_INQUIRIES)).isFalse();
			walked.addAll(ids(inbox.list(filter, request, total, FEW_INQUIRIES, now).getContent()));
			throughTerms.addAll(ids(inbox.list(filter, request, total, MANY_INQUIRIES, now).getContent()));
		}
		assertThat(expected).as("%s", filter).hasSizeGreaterThan(4);
		assertThat(walked).as("%s walked", filter).isEqualTo(expected);
		assertThat(throughTerms).as("%s through the terms", filter).isEqualTo(expected);
	}

	/** The lists' order: newest first, one snoozed by the end of its snooze, the higher id first at the same time. */
	private static List<Long> newestFirst(List<Inquiry> found) {
		return found.stream()
			.sorted(Comparator.comparing((Inquiry inquiry) -> inquiry.getSnoozedUntil() != null
					? inquiry.getSnoozedUntil() : inquiry.getCreatedAt())
				.thenComparing(Inquiry::getId)
				.reversed())
			.map(Inquiry::getId)
			.toList();
	}

	@Test
	void aSearchCountsEachStatusAndTheWaitingListEntriesStillWaitingSnoozedOrNot() {
		for (int i = 0; i < 3; i++) {
			inquiries.save(waiting()); // new, waiting
		}
		Inquiry snoozed = waiting();
		snoozed.snoozeUntil(now.plus(Duration.ofDays(2)));
		inquiries.save(snoozed); // new, waiting, and a search finds it
		Inquiry answered = waiting();
		answered.changeStatus(InquiryStatus.CONTACTED, now);
		inquiries.save(answered); // contacted: no longer waiting
		Inquiry spam = TestInquiries.from("Cy " + surname);
		spam.markSpam("test");
		inquiries.save(spam);
		inquiries.save(TestInquiries.from("Di " + surname)); // new, not on the waiting list

		InboxService.TabCounts counts = inbox.tabCounts(new InboxFilter(null, surname, null, null), 0, now);

		assertThat(counts.byStatus()).containsEntry(InquiryStatus.NEW, 5L)
			.containsEntry(InquiryStatus.CONTACTED, 1L)
			.containsEntry(InquiryStatus.SPAM, 1L)
			.containsEntry(InquiryStatus.BOOKED, 0L)
			.containsEntry(InquiryStatus.CLOSED, 0L);
		assertThat(counts.waiting()).isEqualTo(4);
		assertThat(counts.allButSpam()).isEqualTo(6);
		assertThat(inbox.tabCounts(new InboxFilter(null, "nobody " + surname, null, null), 0, now).waiting()).isZero();
	}

	@Test
	void aSearchIsCountedAlikeThroughItsTermsAndDrivenByThemWithTwoWordsAServiceOrASource() {
		inquiries.save(waiting("Ana " + surname, HelpWith.FOOT_CARE, "/articles/heel-pain"));
		inquiries.save(TestInquiries.from("Ana " + surname, TestInquiries.uniqueEmail(), "905-555-0142", now,
				"heel-pain", "consent-v1")); // new, from the same article by its slug
		Inquiry contacted = TestInquiries.from("Ana " + surname);
		contacted.changeStatus(InquiryStatus.CONTACTED, now);
		inquiries.save(contacted); // from /articles/heel-pain
		inquiries.save(waiting("Bo " + surname, HelpWith.BACK_PAIN, "home"));
		Inquiry spam = TestInquiries.from("Bo " + surname, TestInquiries.uniqueEmail(), "905-555-0142", now, "home",
				"consent-v1");
		spam.markSpam("test");
		inquiries.save(spam);

		// new, contacted, spam, waiting
		assertCountedAlikeBothWays(new InboxFilter(null, surname, null, null), 3, 1, 1, 2);
		assertCountedAlikeBothWays(new InboxFilter(null, "ana " + surname, null, null), 2, 1, 0, 1);
		assertCountedAlikeBothWays(new InboxFilter(null, surname + " bo", null, null), 1, 0, 1, 1);
		assertCountedAlikeBothWays(new InboxFilter(null, surname, HelpWith.FOOT_CARE, null), 2, 1, 1, 1);
		assertCountedAlikeBothWays(new InboxFilter(null, surname, HelpWith.BACK_PAIN, null), 1, 0, 0, 1);
		assertCountedAlikeBothWays(new InboxFilter(null, surname, null, "heel-pain"), 2, 1, 0, 1);
		assertCountedAlikeBothWays(new InboxFilter(null, surname, HelpWith.FOOT_CARE, "home"), 0, 0, 1, 0);
		// only punctuation: nothing a person's details start with
		assertCountedAlikeBothWays(new InboxFilter(null, "-- !", null, null), 0, 0, 0, 0);
	}

	/**
	 * A search's counts, read through its terms ({@code id in (...)}, H2's) and driven by the terms of each of its
	 * words in turn (an array of ids, PostgreSQL's): each the expected numbers, on the database this runs on.
	 */
	private void assertCountedAlikeBothWays(InboxFilter filter, long newOnes, long contacted, long spam, long waiting) {
		List<String> ways = new ArrayList<>();
		ways.add(null);
		ways.addAll(filter.prefixes(phones));
		for (String driving : ways) {
			InboxService.TabCounts counts = inbox.countSearch(filter, driving);
			String way = filter + (driving != null ? " driven by the terms of " + driving : " through its terms");
			assertThat(counts.byStatus()).as(way)
				.containsEntry(InquiryStatus.NEW, newOnes)
				.containsEntry(InquiryStatus.CONTACTED, contacted)
				.containsEntry(InquiryStatus.SPAM, spam)
				.containsEntry(InquiryStatus.BOOKED, 0L)
				.containsEntry(InquiryStatus.CLOSED, 0L);
			assertThat(counts.waiting()).as(way).isEqualTo(waiting);
		}
	}

	@Test
	void searchCountsAreDrivenByTheirTermsOnPostgresqlOnly() {
		String database = jdbc.execute((ConnectionCallback<String>) connection -> connection.getMetaData()
			.getDatabaseProductName());
		assertThat(inbox.drivesSearchCountsByTheirTerms()).as(database)
			.isEqualTo(database.toLowerCase(Locale.ROOT).contains("postgres"));
	}

	@Test
	void aSearchsCountsAreDrivenByTheWordWithTheFewestTermsUnlessItHasMoreThanTheLimit() {
		String rare = "Qy" + surname.substring(2);
		inquiries.save(TestInquiries.from(rare + " " + surname));
		Inquiry many = inquiries.save(TestInquiries.from("Ana " + surname));
		inquiries.save(TestInquiries.from("Bo " + surname));
		String folded = surname.toLowerCase(Locale.ROOT);

		assertThat(inbox.fewestMatchedWord(new InboxFilter(null, surname + " " + rare, null, null)))
			.isEqualTo(rare.toLowerCase(Locale.ROOT));
		assertThat(inbox.fewestMatchedWord(new InboxFilter(null, surname, null, null))).isEqualTo(folded);
		assertThat(inbox.fewestMatchedWord(new InboxFilter(null, "-- !", null, null))).isNull();

		// one more term entry than the limit: counted through the terms instead, with the same numbers
		String common = "qx" + surname.substring(2).toLowerCase(Locale.ROOT);
		List<Object[]> terms = new ArrayList<>();
		for (int i = 0; i <= InboxService.DRIVEN_BY_TERMS_UP_TO; i++) {
			terms.add(new Object[] { many.getId(), common + i });
		}
		jdbc.batchUpdate("insert into inquiry_search_term (inquiry_id, term) values (?, ?)", terms);
		try {
			InboxFilter both = new InboxFilter(null, common + " " + surname, null, null);
			assertThat(inbox.fewestMatchedWord(both)).isEqualTo(folded);
			InboxFilter commonOnly = new InboxFilter(null, common, null, null);
			assertThat(inbox.fewestMatchedWord(commonOnly)).isNull();
			assertCountedAlikeBothWays(commonOnly, 1, 0, 0, 0);
			jdbc.update("delete from inquiry_search_term where inquiry_id = ? and term = ?", many.getId(), common + "0");
			assertThat(inbox.fewestMatchedWord(commonOnly)).isEqualTo(common);
		}
		finally {
			jdbc.update("delete from inquiry_search_term where inquiry_id = ? and term like ?", many.getId(),
					common + "%");
		}
	}

	private Inquiry waiting(String name, HelpWith service, String sourcePage) {
		String reference = "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
		Inquiry inquiry = new Inquiry(reference, null,
				new Inquiry.Contact(name, TestInquiries.uniqueEmail(), "905-555-0142"),
				new Inquiry.Request(service, AskingAbout.BOTH, BestTime.MORNING, "A waiting-list entry"),
				new Inquiry.Consent(now, "consent-v1"),
				new Inquiry.Source(sourcePage, null, null, null, null, null, null), now, ZoneId.of("America/Toronto"));
		inquiry.shownWhenSent(true, "Not accepting new clients", LocalDate.now());
		return inquiry;
	}

	@Test
	void aPageIsWalkedWhenFewerInquiriesAreReadThatWayAndReadThroughTheTermsOtherwise() {
		// a common family name: 3,361 of 100,000 inquiries; its first page is about 800 look-ups walked
		assertThat(InboxService.fewerReadWalkingTheList(PageRequest.of(0, 25), 3_361, 100_000)).isTrue();
		// its hundredth page would walk about 75,000
		assertThat(InboxService.fewerReadWalkingTheList(PageRequest.of(99, 25), 3_361, 100_000)).isFalse();
		// an email address or a reference: one match
		assertThat(InboxService.fewerReadWalkingTheList(PageRequest.of(0, 25), 1, 100_000)).isFalse();
		assertThat(InboxService.fewerReadWalkingTheList(PageRequest.of(0, 25), 0, 100_000)).isFalse();
	}

	private Inquiry waiting() {
		Inquiry inquiry = TestInquiries.from("Wai " + surname);
		inquiry.shownWhenSent(true, "Not accepting new clients", LocalDate.now());
		return inquiry;
	}

	private static List<Long> ids(List<Inquiry> found) {
		return found.stream().map(Inquiry::getId).toList();
	}

}

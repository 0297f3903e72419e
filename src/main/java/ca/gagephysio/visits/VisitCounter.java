package ca.gagephysio.visits;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.site.cache.PageViewListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts the public pages people read, in memory, and adds the counts to the aggregate tables every
 * {@value #FLUSH_SECONDS} seconds (and when the application stops): no cookie, no script, nothing in the page.
 * <p>
 * <b>What counts.</b> Every page the site tells {@link PageViewListener}s of (a {@code GET} answered 200 with a public
 * HTML page), unless its user agent is not a person's browser ({@link VisitorAgents}), the browser fetched it ahead
 * of a person opening it or for a preview ({@link #notRead}), its referring site is referrer spam
 * ({@link ReferrerSpam}), or it comes from a browser signed in to the back office. For the latter the check is the presence of the session cookie
 * ({@value #SESSION_COOKIE}), not its validity: public pages never set it (their filter chain is stateless), so only
 * a browser that has opened the sign-in page carries one, and looking the session up would cost a database query on
 * the path that serves cached pages without any. A cookie left after its session expired is still a staff member's
 * browser; one made up by a robot only keeps that robot out of the counts.
 * <p>
 * <b>Unique visitors, the way Plausible counts them.</b> A visitor is the pair of address
 * ({@link HttpServletRequest#getRemoteAddr()}: the reader's own behind the clinic's proxy, see
 * {@code server.forward-headers-strategy} in docs/configuration.md) and user agent, on one calendar day in the
 * clinic's time zone. What is written is a mark: the SHA-256 hash of the day's random salt
 * ({@link VisitStore#saltOf}), the address, the user agent, and what it counts for (the whole site, a page, or a page
 * from one source). The mark's insert into
 * {@code visit_day_mark} is what counts the visitor, once for all instances: an insert that finds the mark there
 * already counts nothing. When the day is over, the salt and the marks are deleted at the next flush (within
 * {@value #FLUSH_SECONDS} seconds, by whichever instance flushes first), so no table holds an address, a user agent or a
 * mark of an earlier day, and a visitor of today can never be matched with one of another day. Addresses and user
 * agents are held in memory only, and only for the current day (to tell a returning visitor without hashing again).
 * <p>
 * <b>Cost on the request.</b> No I/O, no lock: a few hash-map lookups and a {@link LongAdder} increment for a
 * returning visitor; hashing and every database write happen on the flush, off the request. Memory is bounded: at
 * most {@value #MAX_VISITORS_A_DAY} visitors a day are told apart (more are still counted as views; a clinic's site
 * has hundreds) and at most {@value #MAX_COUNTED} distinct page-and-source counters (past that, a new source of a view
 * is recorded as none, so made-up UTM tags cannot fill memory or the table).
 * <p>
 * <b>Failures.</b> If a flush fails (the database is down), its counts go back into memory and the next flush tries
 * again; counts of the last seconds before a crash are lost, which a count of page views can afford.
 */
@Component
class VisitCounter implements PageViewListener {

	private static final Logger log = LoggerFactory.getLogger(VisitCounter.class);

	static final int FLUSH_SECONDS = 5;

	static final int MAX_VISITORS_A_DAY = 50_000;

	static final int MAX_COUNTED = 10_000;

	static final String SESSION_COOKIE = "JSESSIONID";

	private final VisitorAgents agents;

	private final ReferrerSpam spam;

	private final VisitStore store;

	private final ClinicFacts facts;

	private final Clock clock;

	private final TransactionTemplate transactions;

	/** Views not yet written, per day, page and source. */
	private final Map<Viewed, LongAdder> views = new ConcurrentHashMap<>();

	/** Days that are over but whose visitors' marks are not all written yet. */
	private final ConcurrentLinkedQueue<Day> ended = new ConcurrentLinkedQueue<>();

	private final Object flushing = new Object();

	private volatile Day today;

	private volatile boolean failureLogged;

	VisitCounter(VisitorAgents agents, ReferrerSpam spam, VisitStore store, ClinicFacts facts,
			ObjectProvider<Clock> clock, PlatformTransactionManager transactionManager) {
		this.agents = agents;
		this.spam = spam;
		this.store = store;
		this.facts = facts;
		this.clock = clock.getIfUnique(Clock::systemUTC);
		this.transactions = new TransactionTemplate(transactionManager);
	}

	@Override
	public void pageViewed(HttpServletRequest request, String path) {
		try {
			String userAgent = request.getHeader("User-Agent");
			if (!agents.isBrowser(userAgent) || notRead(request) || fromStaff(request)) {
				return;
			}
			Source source = request.getHeader("Referer") == null && request.getQueryString() == null ? Source.NONE
					: Source.of(request, facts.baseUrl().getHost());
			if (spam.isSpam(source.referrerHost())) {
				return;
			}
			Day day = day();
			Viewed key = new Viewed(day.date, path, source);
			LongAdder count = views.get(key);
			if (count == null) {
				if (views.size() >= MAX_COUNTED) {
					key = new Viewed(day.date, path, Source.NONE);
				}
				count = views.computeIfAbsent(key, k -> new LongAdder());
			}
			count.increment();
			day.visited(new Visitor(request.getRemoteAddr(), userAgent), path, key.source());
		}
		catch (RuntimeException ex) {
			// never fail a page for a count; say so once, not for every request
			if (!failureLogged) {
				failureLogged = true;
				log.warn("Could not count a page view", ex);
			}
		}
	}

	/** Adds what was counted since the last flush to the tables, and forgets the salt and marks of past days. */
	@Scheduled(initialDelay = FLUSH_SECONDS * 1000L, fixedDelay = FLUSH_SECONDS * 1000L)
	void flushOnSchedule() {
		try {
			flush();
		}
		catch (RuntimeException ex) {
			log.warn("Could not write the page-view counts; they are kept and written at the next try", ex);
		}
	}

	/** The last counts, as the application stops (after the web server has stopped taking requests). */
	@PreDestroy
	void flushOnShutdown() {
		flushOnSchedule();
	}

	/**
	 * Writes every count taken so far in one transaction; on failure puts them back and throws. Package-private for
	 * tests, which flush when they have made their requests instead of waiting for the schedule.
	 */
	void flush() {
		synchronized (flushing) {
			Day current = day();
			Map<Viewed, Long> viewCounts = new HashMap<>();
			views.forEach((key, count) -> {
				long n = count.sumThenReset();
				if (n > 0) {
					viewCounts.put(key, n);
				}
			});
			// A view of an earlier day racing this line is lost: at most a few at midnight.
			views.keySet().removeIf(key -> key.day().isBefore(current.date));
			List<Day> days = new ArrayList<>();
			for (Day day = ended.poll(); day != null; day = ended.poll()) {
				days.add(day);
			}
			days.add(current);
			Map<Day, List<Mark>> marks = new HashMap<>();
			for (Day day : days) {
				List<Mark> pending = new ArrayList<>();
				for (Mark mark = day.pending.poll(); mark != null; mark = day.pending.poll()) {
					pending.add(mark);
				}
				marks.put(day, pending);
			}
			Map<Day, String> salts = new HashMap<>();
			try {
				transactions.executeWithoutResult(status -> write(current, viewCounts, marks, salts));
			}
			catch (RuntimeException ex) {
				viewCounts.forEach((key, n) -> views.computeIfAbsent(key, k -> new LongAdder()).add(n));
				marks.forEach((day, pending) -> {
					day.pending.addAll(pending);
					if (day != current && !pending.isEmpty()) {
						ended.add(day);
					}
				});
				throw ex;
			}
			// Only once committed: a salt made in a rolled-back transaction never existed for the other instances.
			salts.forEach((day, salt) -> day.salt = salt);
		}
	}

	private void write(Day current, Map<Viewed, Long> viewCounts, Map<Day, List<Mark>> marks, Map<Day, String> salts) {
		Tallies tallies = new Tallies();
		viewCounts.forEach(tallies::addViews);
		// days, then marks, then rows, each in order: every instance takes its row locks in one global order
		List<Day> days = new ArrayList<>(marks.keySet());
		days.sort(Comparator.comparing(day -> day.date));
		for (Day day : days) {
			List<Mark> pending = marks.get(day);
			if (pending.isEmpty()) {
				continue;
			}
			String salt = day.salt != null ? day.salt : store.saltOf(day.date);
			salts.put(day, salt);
			Map<String, Mark> byHash = new TreeMap<>();
			for (Mark mark : pending) {
				byHash.put(hash(salt, mark), mark);
			}
			List<String> hashes = new ArrayList<>(byHash.keySet());
			boolean[] fresh = store.marksAreNew(day.date, hashes);
			for (int i = 0; i < fresh.length; i++) {
				if (fresh[i]) {
					tallies.addVisitor(day.date, byHash.get(hashes.get(i)).counted());
				}
			}
		}
		tallies.writeTo(store);
		store.forgetDaysBefore(current.date);
	}

	/** The current day, rolled over to a new one (with no visitor known yet) when the clock has left it. */
	private Day day() {
		Day current = today;
		Instant now = clock.instant();
		if (current != null && !now.isBefore(current.starts) && now.isBefore(current.ends)) {
			return current;
		}
		synchronized (this) {
			current = today;
			if (current != null && !now.isBefore(current.starts) && now.isBefore(current.ends)) {
				return current;
			}
			ZoneId zone = facts.timeZone();
			LocalDate date = LocalDate.ofInstant(now, zone);
			Day next = new Day(date, date.atStartOfDay(zone).toInstant(), date.plusDays(1).atStartOfDay(zone).toInstant());
			if (current != null) {
				ended.add(current);
			}
			today = next;
			return next;
		}
	}

	/**
	 * A page fetched for a person who has not opened it: a browser's prefetch or prerender ({@code Sec-Purpose:
	 * prefetch} or {@code prefetch;prerender} of the W3C's Prefetch and Prerender drafts, Chrome's and Edge's older
	 * {@code Purpose: prefetch}, Firefox's {@code X-Moz: prefetch}) or Safari's link preview and Top Sites thumbnail
	 * ({@code X-Purpose: preview}). A prerendered page the person then opens is shown from memory and never asked for
	 * again, so it is not counted at all: a count a little low is better than one that counts guesses.
	 */
	static boolean notRead(HttpServletRequest request) {
		String secPurpose = request.getHeader("Sec-Purpose");
		if (secPurpose != null && !secPurpose.isBlank()) {
			return true;
		}
		return fetchedAhead(request.getHeader("Purpose")) || fetchedAhead(request.getHeader("X-Purpose"))
				|| fetchedAhead(request.getHeader("X-Moz"));
	}

	private static boolean fetchedAhead(String purpose) {
		if (purpose == null) {
			return false;
		}
		String value = purpose.toLowerCase(java.util.Locale.ROOT);
		return value.contains("prefetch") || value.contains("prerender") || value.contains("preview");
	}

	private static boolean fromStaff(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies != null) {
			for (Cookie cookie : cookies) {
				if (SESSION_COOKIE.equals(cookie.getName())) {
					return true;
				}
			}
		}
		return false;
	}

	/** The mark: hex SHA-256 of the salt, the address, the user agent and what is counted, one per line. */
	private static String hash(String salt, Mark mark) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			String text = salt + "\n" + mark.visitor().address() + "\n" + mark.visitor().userAgent() + "\n"
					+ mark.counted().scope();
			return HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java has SHA-256", ex);
		}
	}

	/** A view's counter key. */
	private record Viewed(LocalDate day, String path, Source source) {
	}

	/** A reader, for the current day only: never written anywhere. */
	private record Visitor(String address, String userAgent) {
	}

	/**
	 * What a visitor is counted once for: the whole site ({@code path} null), a page ({@code source} null) or a page
	 * from one source.
	 */
	private record Counted(String path, Source source) {

		static final Counted SITE = new Counted(null, null);

		String scope() {
			if (path == null) {
				return "site";
			}
			if (source == null) {
				return "page\n" + path;
			}
			return String.join("\n", "source", path, source.referrerHost(), source.utmSource(), source.utmMedium(),
					source.utmCampaign());
		}

	}

	/** A visitor first seen for something today, whose mark is still to be written. */
	private record Mark(Visitor visitor, Counted counted) {
	}

	/** One day in the clinic's time zone, {@code [starts, ends)}: who was seen, and the marks still to write. */
	private static final class Day {

		final LocalDate date;

		final Instant starts;

		final Instant ends;

		final Map<Visitor, Set<Counted>> visitors = new ConcurrentHashMap<>();

		final ConcurrentLinkedQueue<Mark> pending = new ConcurrentLinkedQueue<>();

		/** The day's salt once a flush has read or made it (and committed). */
		volatile String salt;

		Day(LocalDate date, Instant starts, Instant ends) {
			this.date = date;
			this.starts = starts;
			this.ends = ends;
		}

		void visited(Visitor visitor, String path, Source source) {
			Set<Counted> seen = visitors.get(visitor);
			if (seen == null) {
				if (visitors.size() >= MAX_VISITORS_A_DAY) {
					return;
				}
				seen = visitors.computeIfAbsent(visitor, v -> ConcurrentHashMap.newKeySet());
			}
			first(seen, visitor, Counted.SITE);
			first(seen, visitor, new Counted(path, null));
			first(seen, visitor, new Counted(path, source));
		}

		private void first(Set<Counted> seen, Visitor visitor, Counted counted) {
			if (seen.add(counted)) {
				pending.add(new Mark(visitor, counted));
			}
		}

	}

	/** The rows one flush adds to, each with the views and the new visitors to add; written in key order. */
	private static final class Tallies {

		private final Map<LocalDate, long[]> site = new TreeMap<>();

		private final Map<PageDay, long[]> pages = new TreeMap<>(
				Comparator.comparing(PageDay::day).thenComparing(PageDay::path));

		private final Map<Viewed, long[]> sources = new TreeMap<>(Comparator.comparing(Viewed::day)
			.thenComparing(Viewed::path)
			.thenComparing(viewed -> viewed.source().referrerHost())
			.thenComparing(viewed -> viewed.source().utmSource())
			.thenComparing(viewed -> viewed.source().utmMedium())
			.thenComparing(viewed -> viewed.source().utmCampaign()));

		void addViews(Viewed viewed, long n) {
			row(site, viewed.day())[0] += n;
			row(pages, new PageDay(viewed.day(), viewed.path()))[0] += n;
			row(sources, viewed)[0] += n;
		}

		void addVisitor(LocalDate day, Counted counted) {
			if (counted.path() == null) {
				row(site, day)[1]++;
			}
			else if (counted.source() == null) {
				row(pages, new PageDay(day, counted.path()))[1]++;
			}
			else {
				row(sources, new Viewed(day, counted.path(), counted.source()))[1]++;
			}
		}

		void writeTo(VisitStore store) {
			site.forEach((day, n) -> store.addToSite(day, n[0], n[1]));
			pages.forEach((page, n) -> store.addToPage(page.day(), page.path(), n[0], n[1]));
			sources.forEach((viewed, n) -> store.addToSource(viewed.day(), viewed.path(), viewed.source(), n[0], n[1]));
		}

		private static <K> long[] row(Map<K, long[]> rows, K key) {
			return rows.computeIfAbsent(key, k -> new long[2]);
		}

		private record PageDay(LocalDate day, String path) {
		}

	}

}

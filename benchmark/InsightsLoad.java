import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Loads the owner's insights benchmark data (benchmark/insights.sh) into a database the application has migrated:
 * 100,000 inquiries over the last two years (about one in ten spam, with reasons; sources spread over 50 article
 * pages, their slugs, ten referring sites and eight campaigns; first responses within two days, with their time in
 * opening hours already worked out so the start-up fill-in has nothing to do), a booking in the activity log of half
 * the closed ones, and two years of daily visit aggregates for 50 pages (page, site and one source row per page and
 * day), then gathers the tables' statistics. Same seed every run, so runs compare.
 * <p>
 * With {@code --people} (benchmark/back-office.sh) the inquiries also carry what the front desk works with: a name,
 * an email address, a phone number and a message, their search keys ({@code phone_global} and the
 * {@code inquiry_search_term} rows, folded as {@code SearchTerms} folds plain ASCII text), and the work done on them:
 * internal notes, calls, assignments to the first staff account, replies sent (in the notification outbox, as
 * {@code NotificationOutbox} queues them), and a year of access-trail entries ({@code audit_entry}: each inbox page
 * listed 25 inquiries, each opened one viewed, as the inbox records them).
 *
 *   java -cp <jdbc driver jar> benchmark/InsightsLoad.java <jdbc url> <user> [inquiries, default 100000]
 *     [--people [access-trail entries, default 1000000]]
 */
public class InsightsLoad {

	/** The clinic's time zone (clinic.time-zone), which gives an inquiry's arrival day. */
	static final ZoneId CLINIC_ZONE = ZoneId.of("America/Toronto");

	static final String[] SERVICES = { "BACK_PAIN", "MASSAGE_THERAPY", "PHYSIOTHERAPY", "FOOT_CARE", "OTHER" };

	static final String[] SPAM_REASONS = { "honeypot", "too-fast", "links", "duplicate-burst" };

	static final String[] SITES = { "https://www.google.com", "https://www.bing.com", "https://duckduckgo.com",
			"https://www.facebook.com", "https://www.instagram.com", "https://www.yelp.ca", "https://www.reddit.com",
			"https://www.hamiltonnews.com", "https://t.co", "https://www.linkedin.com" };

	static final String[] CAMPAIGNS = { "spring-newsletter", "back-pain-ads", "foot-care-month", "google-ads",
			"instagram-reels", "flyer-qr", "partner-gym", "winter-promo" };

	public static void main(String[] args) throws Exception {
		String url = args[0];
		String user = args[1];
		int count = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
		boolean people = args.length > 3 && args[3].equals("--people");
		int trailEntries = args.length > 4 ? Integer.parseInt(args[4]) : 1_000_000;
		Random random = new Random(11);
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		long started = System.nanoTime();
		String sample = null;
		try (Connection db = DriverManager.getConnection(url, user, "")) {
			db.setAutoCommit(false);
			List<String> deferred = deferIndexes(db);
			try (PreparedStatement inquiry = db.prepareStatement("""
					insert into inquiry (reference, service, asking_about, consent_given_at, consent_version, source_page,
					  referrer, utm_source, utm_medium, utm_campaign, status, spam_reason, created_at, listed_at,
					  first_responded_at,
					  first_response_open_seconds, first_response_in_time, status_changed_at, arrival_day, arrival_week,
					  name, email, phone, phone_global, message)
					values (?, ?, 'COST', ?, 'benchmark', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
					PreparedStatement term = db.prepareStatement(
							"insert into inquiry_search_term (inquiry_id, term) values (?, ?)")) {
				for (int i = 0; i < count; i++) {
					OffsetDateTime created = now.minusSeconds((long) (random.nextDouble() * 730 * 86400));
					double kind = random.nextDouble();
					String status = kind < 0.1 ? "SPAM" : kind < 0.2 ? "NEW" : kind < 0.6 ? "CONTACTED"
							: kind < 0.85 ? "BOOKED" : "CLOSED";
					int article = random.nextInt(50);
					double source = random.nextDouble();
					String page = source < 0.4 ? "/articles/article-" + article
							: source < 0.7 ? "article-" + article : source < 0.9 ? "home" : null;
					boolean referred = random.nextDouble() < 0.5;
					boolean campaign = random.nextDouble() < 0.3;
					boolean answered = !status.equals("SPAM") && !status.equals("NEW");
					OffsetDateTime responded = answered ? created.plusSeconds(random.nextInt(2 * 86400)) : null;
					String reference = "B" + Integer.toString(i, 36) + "-" + Integer.toString(random.nextInt(1 << 20), 36);
					inquiry.setString(1, reference);
					inquiry.setString(2, SERVICES[random.nextInt(SERVICES.length)]);
					inquiry.setObject(3, created);
					inquiry.setString(4, page);
					inquiry.setString(5, referred ? SITES[random.nextInt(SITES.length)] : null);
					inquiry.setString(6, campaign ? "newsletter" : null);
					inquiry.setString(7, campaign ? "email" : null);
					inquiry.setString(8, campaign ? CAMPAIGNS[random.nextInt(CAMPAIGNS.length)] : null);
					inquiry.setString(9, status);
					inquiry.setString(10, status.equals("SPAM") ? SPAM_REASONS[random.nextInt(SPAM_REASONS.length)] : null);
					inquiry.setObject(11, created);
					// never snoozed: listed by arrival, as Inquiry keeps it
					inquiry.setObject(12, created);
					inquiry.setObject(13, responded);
					inquiry.setObject(14, answered ? (Object) (long) random.nextInt(11 * 3600 * 2) : null);
					inquiry.setObject(15, answered ? (Object) random.nextBoolean() : null);
					inquiry.setObject(16, responded);
					// the day it arrived in the clinic's time zone and that week's Monday, as Inquiry stores them
					LocalDate day = created.atZoneSameInstant(CLINIC_ZONE).toLocalDate();
					inquiry.setObject(17, day);
					inquiry.setObject(18, day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
					Person person = people ? Person.random(random, i) : Person.NOBODY;
					inquiry.setString(19, person.name());
					inquiry.setString(20, person.email());
					inquiry.setString(21, person.phone());
					inquiry.setString(22, person.phoneGlobal());
					inquiry.setString(23, person.message());
					if (people && i == count / 2) {
						sample = String.join("\t", "sample", reference, person.name().split(" ")[1], person.email(),
								person.phone());
					}
					inquiry.addBatch();
					if (i % 1000 == 999) {
						inquiry.executeBatch();
						db.commit();
					}
				}
				inquiry.executeBatch();
				db.commit();
				phase("inquiries");
				if (people) {
					searchTerms(db, term);
					phase("search terms");
				}
			}
			if (people) {
				work(db, random, now, trailEntries);
			}
			try (Statement sql = db.createStatement()) {
				// half the closed ones were booked before they were closed
				sql.executeUpdate("""
						insert into inquiry_activity (inquiry_id, kind, from_status, to_status, at)
						select id, 'STATUS_CHANGED', 'CONTACTED', 'BOOKED', created_at from inquiry
						where status = 'CLOSED' and consent_version = 'benchmark' and mod(id, 2) = 0""");
				// as Inquiry.changeStatus marks them when staff move an inquiry to booked
				sql.executeUpdate("""
						update inquiry set reached_booked = true
						where status = 'CLOSED' and consent_version = 'benchmark' and mod(id, 2) = 0""");
			}
			db.commit();
			phase("bookings");
			try (PreparedStatement page = db.prepareStatement(
					"insert into visit_page_day (visit_day, path, views, visitors) values (?, ?, ?, ?)");
					PreparedStatement site = db.prepareStatement(
							"insert into visit_site_day (visit_day, views, visitors) values (?, ?, ?)");
					PreparedStatement source = db.prepareStatement("""
							insert into visit_source_day (visit_day, path, referrer_host, utm_source, utm_medium,
							  utm_campaign, views, visitors) values (?, ?, ?, '', '', '', ?, ?)""")) {
				LocalDate today = LocalDate.now(ZoneOffset.UTC);
				for (int back = 0; back < 730; back++) {
					LocalDate day = today.minusDays(back);
					long siteViews = 0;
					for (int p = 0; p < 50; p++) {
						int views = 5 + random.nextInt(200);
						int visitors = 1 + views / 2;
						siteViews += views;
						page.setObject(1, day);
						page.setString(2, "/articles/article-" + p);
						page.setInt(3, views);
						page.setInt(4, visitors);
						page.addBatch();
						source.setObject(1, day);
						source.setString(2, "/articles/article-" + p);
						source.setString(3, SITES[p % SITES.length].substring("https://".length()));
						source.setInt(4, views / 3);
						source.setInt(5, visitors / 3);
						source.addBatch();
					}
					site.setObject(1, day);
					site.setLong(2, siteViews);
					site.setLong(3, siteViews / 3);
					site.addBatch();
					page.executeBatch();
					source.executeBatch();
				}
				site.executeBatch();
				db.commit();
			}
			phase("visits");
			makeIndexes(db, deferred);
			// Statistics, as a database that grew over two years has them: PostgreSQL's autovacuum and H2's automatic
			// analysis (after every 2,000 changed rows) gather them as rows arrive, but not in the seconds after a bulk
			// load, and without them both planners guess a dozen rows and PostgreSQL reads every row from the table
			// instead of answering from the index (its visibility map is set by vacuum).
			db.setAutoCommit(true);
			try (Statement sql = db.createStatement()) {
				sql.execute(db.getMetaData().getDatabaseProductName().contains("PostgreSQL") ? "vacuum analyze" : "analyze");
			}
			phase("statistics");
		}
		System.out.printf("Loaded %d inquiries%s and 730 days of visits for 50 pages in %.1f s%n", count,
				people ? " with people, their work and " + trailEntries + " access-trail entries" : "",
				(System.nanoTime() - started) / 1e9);
		if (sample != null) {
			// what benchmark/back-office.sh searches for: one inquiry's reference, family name, email and phone
			System.out.println(sample);
		}
	}

	static final String[] GIVEN = { "Zoe", "Ada", "Jose", "Mei", "Omar", "Priya", "Liam", "Noah", "Emma", "Olivia",
			"Lucas", "Amelia", "Ethan", "Sofia", "Mateo", "Aria", "Hugo", "Nora", "Felix", "Layla" };

	static final String[] FAMILY = { "OBrien", "Lovelace", "Alvarez", "Wang", "Haddad", "Sharma", "Tremblay", "Roy",
			"Gagnon", "Smith", "Nguyen", "Singh", "Martin", "Brown", "Wilson", "Taylor", "Lee", "Clark", "Lewis",
			"Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill" };

	static final String[] MAIL_HOSTS = { "gmail.com", "outlook.com", "yahoo.ca", "icloud.com", "bell.net" };

	/** The person behind a benchmark inquiry; plain ASCII, so the loader folds search terms as SearchTerms does. */
	record Person(String name, String email, String phone, String phoneGlobal, String message) {

		static final Person NOBODY = new Person(null, null, null, null, null);

		/** The n-th inquiry's person: a common name, but an email address and a phone number of its own. */
		static Person random(Random random, int n) {
			String given = GIVEN[random.nextInt(GIVEN.length)];
			String family = FAMILY[random.nextInt(FAMILY.length)];
			String email = (given + "." + family + n).toLowerCase() + "@" + MAIL_HOSTS[n % MAIL_HOSTS.length];
			// 905 and 289 are Hamilton's area codes; exchanges from 200 up are valid North American numbers
			String area = n % 2 == 0 ? "905" : "289";
			String line = String.format("%07d", 2_000_000 + n);
			String phone = area + "-" + line.substring(0, 3) + "-" + line.substring(3);
			return new Person(given + " " + family, email, phone, "+1" + area + line,
					"Hello, I would like to ask about " + (n % 3 == 0 ? "the cost of a visit." : "an appointment."));
		}

	}

	/** The search terms SearchTerms.ofInquiry stores for an inquiry's reference, name, email and phone. */
	static void searchTerms(Connection db, PreparedStatement term) throws Exception {
		// the terms of every inquiry worked out first, so the inserts can commit as they go (a commit may close an
		// open result set) instead of holding a million rows in one transaction
		List<Object[]> rows = new ArrayList<>();
		try (Statement sql = db.createStatement();
				ResultSet found = sql.executeQuery("select id, reference, name, email, phone_global from inquiry")) {
			while (found.next()) {
				Set<String> terms = new LinkedHashSet<>();
				for (int column = 2; column <= 4; column++) {
					terms.addAll(terms(found.getString(column)));
				}
				String global = found.getString(5);
				if (global != null) {
					// PhoneNumbers.Phone.searchDigits: with the country code, the national number, without the area code
					String national = global.substring(2);
					terms.add("1" + national);
					terms.add(national);
					terms.add(national.substring(3));
				}
				for (String t : terms) {
					rows.add(new Object[] { found.getLong(1), t });
				}
			}
		}
		int batched = 0;
		for (Object[] row : rows) {
			term.setLong(1, (Long) row[0]);
			term.setString(2, (String) row[1]);
			term.addBatch();
			if (++batched % 5000 == 0) {
				term.executeBatch();
				db.commit();
			}
		}
		term.executeBatch();
		db.commit();
	}

	/** SearchTerms.of for plain ASCII text: lower case, cut at all but letters and digits, each suffix joined. */
	static List<String> terms(String text) {
		List<String> terms = new ArrayList<>();
		if (text == null) {
			return terms;
		}
		String[] parts = text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+");
		for (int from = 0; from < parts.length; from++) {
			String joined = String.join("", Arrays.copyOfRange(parts, from, parts.length));
			if (!joined.isEmpty()) {
				terms.add(joined);
			}
		}
		return terms;
	}

	/**
	 * The front desk's work on the inquiries: a note on one in three answered, a call on one in four, an assignment
	 * to the first staff account on one in five, a reply sent on two in five answered, and a year of the access
	 * trail ({@code entries} rows, spread evenly: 25 inquiries listed, then one viewed).
	 */
	static void work(Connection db, Random random, OffsetDateTime now, int entries) throws Exception {
		long staffId;
		String staffEmail;
		try (Statement sql = db.createStatement();
				ResultSet rows = sql.executeQuery("select id, email from staff_account order by id")) {
			if (!rows.next()) {
				throw new IllegalStateException("no staff account: start the app once with CLINIC_ADMIN_EMAIL set");
			}
			staffId = rows.getLong(1);
			staffEmail = rows.getString(2);
		}
		String answered = "status not in ('NEW', 'SPAM') and consent_version = 'benchmark'";
		try (Statement sql = db.createStatement()) {
			sql.executeUpdate("""
					insert into inquiry_activity (inquiry_id, kind, note, actor_id, actor_name, at)
					select id, 'NOTE', 'Left a message; asked about their insurance and a Tuesday morning.', %d,
					  'Front Desk', first_responded_at from inquiry where %s and mod(id, 3) = 0"""
				.formatted(staffId, answered));
			sql.executeUpdate("""
					insert into inquiry_activity (inquiry_id, kind, call_outcome, note, actor_id, actor_name, at)
					select id, 'CALL', 'REACHED', '', %d, 'Front Desk', first_responded_at from inquiry
					where %s and mod(id, 4) = 1""".formatted(staffId, answered));
			sql.executeUpdate("""
					insert into inquiry_activity (inquiry_id, kind, assigned_to, actor_id, actor_name, at)
					select id, 'ASSIGNED', %d, %d, 'Front Desk', created_at from inquiry
					where consent_version = 'benchmark' and status <> 'SPAM' and mod(id, 5) = 2"""
				.formatted(staffId, staffId));
			sql.executeUpdate("""
					update inquiry set assigned_to = %d
					where consent_version = 'benchmark' and status <> 'SPAM' and mod(id, 5) = 2""".formatted(staffId));
			sql.executeUpdate("""
					insert into notification (kind, inquiry_id, reference, service, submitted_at, recipient_email,
					  state, attempts, sent_at, created_at, subject, body, sent_by, request_key)
					select 'REPLY', id, reference, service, created_at, email, 'SENT', 1, first_responded_at,
					  first_responded_at, 'Your inquiry ' || reference,
					  'Thank you for your inquiry. We can see you on Tuesday at ten.', 'Front Desk', reference
					from inquiry where %s and mod(id, 5) in (0, 3)""".formatted(answered));
		}
		db.commit();
		phase("notes, calls, assignments, replies");
		long minId;
		long maxId;
		try (Statement sql = db.createStatement();
				ResultSet rows = sql
					.executeQuery("select min(id), max(id) from inquiry where consent_version = 'benchmark'")) {
			rows.next();
			minId = rows.getLong(1);
			maxId = rows.getLong(2);
		}
		try (PreparedStatement entry = db.prepareStatement("""
				insert into audit_entry (at, actor_id, actor_email, action, subject_type, subject_id, client_address)
				values (?, ?, ?, ?, 'INQUIRY', ?, '192.0.2.10')""")) {
			long stepNanos = 365L * 86_400_000_000_000L / Math.max(entries, 1);
			OffsetDateTime at = now.minusDays(365);
			for (int i = 0; i < entries; i++) {
				at = at.plusNanos(stepNanos);
				entry.setObject(1, at);
				entry.setLong(2, staffId);
				entry.setString(3, staffEmail);
				entry.setString(4, i % 26 == 25 ? "INQUIRY_VIEWED" : "INQUIRY_LISTED");
				entry.setLong(5, minId + (long) (random.nextDouble() * (maxId - minId + 1)));
				entry.addBatch();
				if (i % 5000 == 4999) {
					entry.executeBatch();
					db.commit();
				}
			}
			entry.executeBatch();
			db.commit();
		}
		phase("access trail");
	}

	/** The tables the load fills. */
	static final List<String> LOADED = List.of("inquiry", "inquiry_search_term", "inquiry_activity", "notification",
			"audit_entry", "visit_page_day", "visit_site_day", "visit_source_day");

	/**
	 * On H2, drops the plain indexes of the tables the load fills and returns the statements that make them again
	 * ({@link #makeIndexes}, after the load). H2 keeps each index up to date row by row as rows arrive, and the
	 * inquiry table alone has twenty (the likeliest reason the 100,000-inquiry load took 33 minutes; not compared
	 * side by side on a quiet machine); an index made from the finished table is sorted once. The data and the
	 * indexes at the end are the same. PostgreSQL loads in minutes with its indexes in place, and keeps them (as a
	 * database that grew, not one made from a dump).
	 */
	static List<String> deferIndexes(Connection db) throws Exception {
		List<String> make = new ArrayList<>();
		if (!db.getMetaData().getDatabaseProductName().contains("H2")) {
			return make;
		}
		List<String[]> indexes = new ArrayList<>();
		try (Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery("""
				select i.index_name, i.table_name from information_schema.indexes i
				where i.table_schema = current_schema and i.index_type_name = 'INDEX' and not i.is_generated
				  and i.index_name not in (select c.index_name from information_schema.table_constraints c
				                           where c.table_schema = current_schema and c.index_name is not null)""")) {
			while (rows.next()) {
				if (LOADED.contains(rows.getString(2).toLowerCase(Locale.ROOT))) {
					indexes.add(new String[] { rows.getString(1), rows.getString(2) });
				}
			}
		}
		for (String[] index : indexes) {
			List<String> columns = new ArrayList<>();
			try (PreparedStatement sql = db.prepareStatement("""
					select column_name, ordering_specification from information_schema.index_columns
					where index_schema = current_schema and index_name = ? order by ordinal_position""")) {
				sql.setString(1, index[0]);
				try (ResultSet rows = sql.executeQuery()) {
					while (rows.next()) {
						columns.add(rows.getString(1) + ("DESC".equals(rows.getString(2)) ? " desc" : ""));
					}
				}
			}
			try (Statement sql = db.createStatement()) {
				sql.execute("drop index " + index[0]);
			}
			make.add("create index %s on %s (%s)".formatted(index[0], index[1], String.join(", ", columns)));
		}
		db.commit();
		phase("dropped " + make.size() + " indexes to make after");
		return make;
	}

	/** Makes the indexes {@link #deferIndexes} dropped. */
	static void makeIndexes(Connection db, List<String> make) throws Exception {
		try (Statement sql = db.createStatement()) {
			for (String index : make) {
				sql.execute(index);
			}
		}
		db.commit();
		if (!make.isEmpty()) {
			phase("made " + make.size() + " indexes");
		}
	}

	private static long phaseStarted = System.nanoTime();

	/** Prints how long the part of the load just finished took (which part to make faster, when one is slow). */
	static void phase(String name) {
		long now = System.nanoTime();
		System.out.printf("  %-36s %7.1f s%n", name, (now - phaseStarted) / 1e9);
		phaseStarted = now;
	}

}

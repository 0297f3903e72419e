import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Random;

/**
 * Loads the owner's insights benchmark data (benchmark/insights.sh) into a database the application has migrated:
 * 100,000 inquiries over the last two years (about one in ten spam, with reasons; sources spread over 50 article
 * pages, their slugs, ten referring sites and eight campaigns; first responses within two days, with their time in
 * opening hours already worked out so the start-up fill-in has nothing to do), a booking in the activity log of half
 * the closed ones, and two years of daily visit aggregates for 50 pages (page, site and one source row per page and
 * day), then gathers the tables' statistics. Same seed every run, so runs compare.
 *
 *   java -cp <jdbc driver jar> benchmark/InsightsLoad.java <jdbc url> <user> [inquiries, default 100000]
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
		Random random = new Random(11);
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		long started = System.nanoTime();
		try (Connection db = DriverManager.getConnection(url, user, "")) {
			db.setAutoCommit(false);
			try (PreparedStatement inquiry = db.prepareStatement("""
					insert into inquiry (reference, service, asking_about, consent_given_at, consent_version, source_page,
					  referrer, utm_source, utm_medium, utm_campaign, status, spam_reason, created_at, first_responded_at,
					  first_response_open_seconds, first_response_in_time, status_changed_at, arrival_day, arrival_week)
					values (?, ?, 'COST', ?, 'benchmark', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
					Statement.RETURN_GENERATED_KEYS)) {
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
					inquiry.setString(1, "B" + Integer.toString(i, 36) + "-" + Integer.toString(random.nextInt(1 << 20), 36));
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
					inquiry.setObject(12, responded);
					inquiry.setObject(13, answered ? (Object) (long) random.nextInt(11 * 3600 * 2) : null);
					inquiry.setObject(14, answered ? (Object) random.nextBoolean() : null);
					inquiry.setObject(15, responded);
					// the day it arrived in the clinic's time zone and that week's Monday, as Inquiry stores them
					LocalDate day = created.atZoneSameInstant(CLINIC_ZONE).toLocalDate();
					inquiry.setObject(16, day);
					inquiry.setObject(17, day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
					inquiry.addBatch();
					if (i % 1000 == 999) {
						inquiry.executeBatch();
						db.commit();
					}
				}
				inquiry.executeBatch();
				db.commit();
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
			// Statistics, as a database that grew over two years has them: PostgreSQL's autovacuum and H2's automatic
			// analysis (after every 2,000 changed rows) gather them as rows arrive, but not in the seconds after a bulk
			// load, and without them both planners guess a dozen rows and PostgreSQL reads every row from the table
			// instead of answering from the index (its visibility map is set by vacuum).
			db.setAutoCommit(true);
			try (Statement sql = db.createStatement()) {
				sql.execute(db.getMetaData().getDatabaseProductName().contains("PostgreSQL") ? "vacuum analyze" : "analyze");
			}
		}
		System.out.printf("Loaded %d inquiries and 730 days of visits for 50 pages in %.1f s%n", count,
				(System.nanoTime() - started) / 1e9);
	}

}

package ca.gagephysio.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import ca.gagephysio.clinic.ClinicDates;
import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.insights.LastWeek;
import ca.gagephysio.staff.StaffDirectory;
import ca.gagephysio.staff.StaffMember;

/**
 * The owner's weekly digest (issue 23): on Monday morning in the clinic's time zone, from {@link #SENDS_FROM} to
 * {@link #SENDS_UNTIL}, last week's visits, inquiries, share booked, median first response, what is overdue and the
 * articles that brought inquiries, from the insights module's {@link LastWeek}; plain text and HTML, one email to
 * each enabled administrator who has left it on (My account). A morning missed entirely (the application down) is
 * not made up on Monday evening: the next digest comes the next Monday.
 * <p>
 * Once per week whatever the number of instances: ShedLock lets one run at a time, and the week's row in
 * {@code notification_weekly_digest}, inserted in the transaction that queues the emails, is the claim (a second
 * insert of the week fails on its primary key and queues nothing).
 */
@Component
class WeeklyDigest {

	/** The earliest local time on Monday it is sent. */
	static final LocalTime SENDS_FROM = LocalTime.of(7, 0);

	/** The latest: after this it is no longer a morning email. */
	static final LocalTime SENDS_UNTIL = LocalTime.of(12, 0);

	/** How many overdue inquiries the digest names, oldest first; the others are counted (as the daily summary does). */
	static final int OVERDUE_LINES = 20;

	/** How many articles the digest names, most inquiries first; the others are counted. */
	static final int ARTICLE_LINES = 10;

	/** The longest article title (or path) the digest shows; a longer one is cut, with an ellipsis. */
	static final int TITLE_LENGTH = 100;

	/**
	 * Asked for when the digest is due, not at start: the insights module's figures are read only here, and the
	 * notification module's own module test (its direct dependencies alone, no insights queries) never sends one.
	 */
	private final ObjectProvider<LastWeek> lastWeek;

	private final StaffDirectory staff;

	private final NotificationRepository notifications;

	private final NotificationEmails emails;

	private final ClinicFacts clinic;

	private final MessageSource messages;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Locale locale;

	private final ClinicDates dates;

	WeeklyDigest(ObjectProvider<LastWeek> lastWeek, StaffDirectory staff, NotificationRepository notifications,
			NotificationEmails emails, ClinicFacts clinic, MessageSource messages, JdbcClient jdbc,
			TransactionTemplate transactions, ObjectProvider<Clock> clock,
			@Value("${spring.web.locale:en_CA}") Locale locale, ClinicDates dates) {
		this.dates = dates;
		this.lastWeek = lastWeek;
		this.staff = staff;
		this.notifications = notifications;
		this.emails = emails;
		this.clinic = clinic;
		this.messages = messages;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock.getIfUnique(Clock::systemUTC);
		this.locale = locale;
	}

	@Scheduled(cron = "${clinic.digest.cron:0 */10 * * * *}")
	@SchedulerLock(name = "weekly-digest", lockAtMostFor = "PT10M")
	void everyFewMinutes() {
		runAt(clock.instant());
	}

	/**
	 * Queues the digest if it is Monday morning at {@code now} in the clinic's time zone and this week's has not been
	 * queued.
	 *
	 * @return how many emails were queued (none outside Monday morning, or when already queued)
	 */
	int runAt(Instant now) {
		ZonedDateTime local = now.atZone(clinic.timeZone());
		if (local.getDayOfWeek() != DayOfWeek.MONDAY || local.toLocalTime().isBefore(SENDS_FROM)
				|| !local.toLocalTime().isBefore(SENDS_UNTIL)) {
			return 0;
		}
		LocalDate week = local.toLocalDate().minusWeeks(1);
		boolean queued = jdbc.sql("select count(*) from notification_weekly_digest where week_starting = :week")
			.param("week", week)
			.query(Long.class)
			.single() > 0;
		if (queued) {
			return 0;
		}
		List<StaffMember> recipients = staff.weeklyDigestRecipients();
		LastWeek.Figures figures = lastWeek.getObject().of(week, now);
		String[] parts = emails.renderNow("weekly-digest", variables(figures));
		String subject = messages.getMessage("notification.digest.subject",
				new Object[] { clinic.name(), figures.views(), figures.inquiries() }, locale);
		try {
			Integer count = transactions.execute(status -> {
				jdbc.sql("insert into notification_weekly_digest (week_starting, queued_at) values (:week, :now)")
					.param("week", week)
					.param("now", Timestamp.from(now))
					.update();
				for (StaffMember recipient : recipients) {
					// due at the real time, as every outbox row is (the sender compares with it)
					notifications.save(Notification.staffNotice(null, null, recipient.email(), subject, parts[0],
							parts[1], "digest-" + week, Instant.now()));
				}
				return recipients.size();
			});
			return count == null ? 0 : count;
		}
		catch (DataIntegrityViolationException anotherInstance) {
			return 0;
		}
	}

	/**
	 * The template's variables. Each list is capped ({@link #OVERDUE_LINES}, {@link #ARTICLE_LINES}, titles at
	 * {@link #TITLE_LENGTH}) and the rest counted, so the text stays well within the outbox's body column (10,000
	 * characters, V49) and the HTML within its own (30,000, V87) however far behind the clinic is: a clinic with many
	 * overdue inquiries would otherwise get no digest at all, its insert refused, exactly when it needs it most.
	 */
	private Map<String, Object> variables(LastWeek.Figures figures) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("from", dates.date(figures.weekStarting()));
		variables.put("to", dates.date(figures.weekStarting().plusDays(6)));
		variables.put("figures", figures);
		variables.put("bookedPercent", oneDecimal(figures.bookedPercent()));
		variables.put("medianHours", oneDecimal(figures.medianResponseHours()));
		variables.put("overdueCount", figures.overdue().size());
		variables.put("overdue", figures.overdue()
			.stream()
			.limit(OVERDUE_LINES)
			.map(overdue -> Map.of("reference", overdue.reference(), "due", dates.weekdayDateTime(overdue.dueAt()), "url",
					clinic.url("/staff/inquiries/" + overdue.inquiryId())))
			.toList());
		variables.put("overdueMore", Math.max(0, figures.overdue().size() - OVERDUE_LINES));
		variables.put("articles", figures.articles()
			.stream()
			.limit(ARTICLE_LINES)
			.map(article -> Map.of("title", cut(article.title()), "inquiries", article.inquiries()))
			.toList());
		variables.put("articlesMore", Math.max(0, figures.articles().size() - ARTICLE_LINES));
		variables.put("insightsUrl", clinic.url("/staff/insights"));
		variables.put("accountUrl", clinic.url("/staff/account"));
		return variables;
	}

	private static String cut(String title) {
		if (title.length() <= TITLE_LENGTH) {
			return title;
		}
		int end = TITLE_LENGTH - 1;
		// never half of a character outside the Basic Multilingual Plane
		if (Character.isHighSurrogate(title.charAt(end - 1))) {
			end--;
		}
		return title.substring(0, end).strip() + "\u2026";
	}

	private static String oneDecimal(Double value) {
		return value == null ? null : String.format(Locale.ROOT, "%.1f", value);
	}

}

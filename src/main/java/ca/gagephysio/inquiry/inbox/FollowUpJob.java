package ca.gagephysio.inquiry.inbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import ca.gagephysio.inquiry.InquiryFigures;
import ca.gagephysio.inquiry.InquiryFollowUpDue;
import ca.gagephysio.inquiry.OverdueSummaryDue;
import ca.gagephysio.staff.StaffDirectory;
import ca.gagephysio.staff.StaffMember;

/**
 * Nothing is forgotten: once a minute, the follow-ups that fell due are published for the notification outbox (the
 * inbox decides, the outbox sends):
 * <ul>
 * <li>a follow-up reminder whose time came, to its assignee (else whoever set it, else the alert recipients);</li>
 * <li>an inquiry that passed its first-response due time ({@link FirstResponseDue}: one business day, the clinic's
 * hours, time zone and statutory holidays) still new, to its assignee (else the alert recipients), once;</li>
 * <li>the administrators' daily summary of what is overdue, once per clinic day, in opening hours only, and only when
 * something is overdue.</li>
 * </ul>
 * Exactly once, with any number of instances: ShedLock lets one instance run at a time, and besides each follow-up
 * is claimed by a conditional update (a reminder's time cleared where it still is that time, an overdue alert's time
 * set where none is) or, for the summary, by inserting its day's row; the event is published in the transaction that
 * claims it, so the outbox row commits with the claim or not at all.
 */
@Component
class FollowUpJob {

	private static final Logger log = LoggerFactory.getLogger(FollowUpJob.class);

	/**
	 * New inquiries older than this are not alerted about one by one: their due time passed long ago (a due time is
	 * at most 15 days away), so they are in the daily summary instead of a sudden pile of emails.
	 */
	static final Duration ALERT_WINDOW = Duration.ofDays(30);

	private final JdbcClient jdbc;

	private final FirstResponseDue due;

	private final InquiryFigures figures;

	private final StaffDirectory staff;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	FollowUpJob(JdbcClient jdbc, FirstResponseDue due, InquiryFigures figures, StaffDirectory staff,
			ApplicationEventPublisher events, TransactionTemplate transactions, ObjectProvider<Clock> clock) {
		this.jdbc = jdbc;
		this.due = due;
		this.figures = figures;
		this.staff = staff;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	@Scheduled(cron = "${clinic.follow-up.cron:30 * * * * *}")
	@SchedulerLock(name = "inquiry-follow-up", lockAtMostFor = "PT10M")
	void everyMinute() {
		Result result = runAt(clock.instant());
		if (result.any()) {
			log.info("Follow-ups: {} reminders, {} overdue alerts, {} daily summaries queued", result.reminders(),
					result.overdueAlerts(), result.summaries());
		}
	}

	/** Publishes what is due at {@code now}; each follow-up in its own transaction. */
	Result runAt(Instant now) {
		int reminders = 0;
		for (DueReminder reminder : dueReminders(now)) {
			if (Boolean.TRUE.equals(transactions.execute(status -> remind(reminder)))) {
				reminders++;
			}
		}
		int alerts = 0;
		for (Candidate candidate : unalerted(now)) {
			Optional<Instant> dueAt = due.responseDue(candidate.createdAt()).filter(at -> !now.isBefore(at));
			if (dueAt.isPresent()
					&& Boolean.TRUE.equals(transactions.execute(status -> alertOverdue(candidate, dueAt.get(), now)))) {
				alerts++;
			}
		}
		int summaries = summarise(now) ? 1 : 0;
		return new Result(reminders, alerts, summaries);
	}

	private List<DueReminder> dueReminders(Instant now) {
		return jdbc.sql("""
				select id, reference, remind_at, remind_staff_id, assigned_to, remind_note from inquiry
				where remind_at <= :now and status <> 'SPAM'
				order by remind_at, id""")
			.param("now", Timestamp.from(now))
			.query((rs, row) -> new DueReminder(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
					(Long) rs.getObject(4, Long.class), (Long) rs.getObject(5, Long.class), rs.getString(6)))
			.list();
	}

	private boolean remind(DueReminder reminder) {
		// claimed where it is still this reminder: a run elsewhere, or a change of the time or the note, wins instead
		// (a changed note is sent by the next run, with the words staff left it with)
		int claimed = jdbc.sql("""
				update inquiry set remind_at = null, remind_staff_id = null, remind_note = null
				where id = :id and remind_at = :at and coalesce(remind_note, '') = :note""")
			.param("id", reminder.id())
			.param("at", Timestamp.from(reminder.remindAt()))
			.param("note", reminder.note() == null ? "" : reminder.note())
			.update();
		if (claimed == 0) {
			return false;
		}
		List<String> to = emailOf(reminder.assignedTo()).or(() -> emailOf(reminder.setBy())).stream().toList();
		events.publishEvent(new InquiryFollowUpDue(InquiryFollowUpDue.Kind.REMINDER, reminder.id(),
				reminder.reference(), reminder.remindAt(), to, reminder.note()));
		return true;
	}

	private List<Candidate> unalerted(Instant now) {
		return jdbc.sql("""
				select id, reference, created_at, assigned_to from inquiry
				where status = 'NEW' and overdue_alerted_at is null and created_at > :since and created_at <= :now
				order by created_at, id""")
			.param("since", Timestamp.from(now.minus(ALERT_WINDOW)))
			.param("now", Timestamp.from(now))
			.query((rs, row) -> new Candidate(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
					(Long) rs.getObject(4, Long.class)))
			.list();
	}

	private boolean alertOverdue(Candidate candidate, Instant dueAt, Instant now) {
		int claimed = jdbc.sql("""
				update inquiry set overdue_alerted_at = :now
				where id = :id and overdue_alerted_at is null and status = 'NEW'""")
			.param("now", Timestamp.from(now))
			.param("id", candidate.id())
			.update();
		if (claimed == 0) {
			return false;
		}
		events.publishEvent(new InquiryFollowUpDue(InquiryFollowUpDue.Kind.OVERDUE, candidate.id(),
				candidate.reference(), dueAt, emailOf(candidate.assignedTo()).stream().toList()));
		return true;
	}

	/**
	 * The daily summary, if the clinic is open now, something is overdue and none was queued for today. The day's
	 * row is inserted in its own transaction: a second instance's insert of the same day fails on the primary key
	 * and rolls back only itself (on PostgreSQL a failed statement ends its transaction).
	 */
	private boolean summarise(Instant now) {
		if (!due.isOpenAt(now)) {
			return false;
		}
		LocalDate today = LocalDate.ofInstant(now, due.zone());
		boolean sent = jdbc.sql("select count(*) from inquiry_overdue_summary where summary_day = :day")
			.param("day", today)
			.query(Long.class)
			.single() > 0;
		if (sent) {
			return false;
		}
		List<InquiryFigures.Overdue> overdue = figures.overdueAt(now);
		if (overdue.isEmpty()) {
			return false;
		}
		List<String> administrators = staff.administrators().stream().map(StaffMember::email).toList();
		if (administrators.isEmpty()) {
			return false;
		}
		try {
			return Boolean.TRUE.equals(transactions.execute(status -> {
				jdbc.sql("insert into inquiry_overdue_summary (summary_day, queued_at) values (:day, :now)")
					.param("day", today)
					.param("now", Timestamp.from(now))
					.update();
				events.publishEvent(new OverdueSummaryDue(today, overdue, administrators));
				return true;
			}));
		}
		catch (DataIntegrityViolationException another) {
			return false;
		}
	}

	/** The account's address if it is enabled; a disabled or unknown account is nobody to tell. */
	private Optional<String> emailOf(Long staffAccountId) {
		if (staffAccountId == null) {
			return Optional.empty();
		}
		return staff.enabledStaff()
			.stream()
			.filter(member -> member.id() == staffAccountId)
			.map(StaffMember::email)
			.findFirst();
	}

	/** What one run queued. */
	record Result(int reminders, int overdueAlerts, int summaries) {

		boolean any() {
			return reminders + overdueAlerts + summaries > 0;
		}

	}

	private record DueReminder(long id, String reference, Instant remindAt, Long setBy, Long assignedTo, String note) {
	}

	private record Candidate(long id, String reference, Instant createdAt, Long assignedTo) {
	}

}

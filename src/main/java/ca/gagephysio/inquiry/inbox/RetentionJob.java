package ca.gagephysio.inquiry.inbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.annotation.Transactional;

import ca.gagephysio.inquiry.InquiryPersonalDataErased;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.inquiry.internal.InquiryStatus;
import ca.gagephysio.staff.AccessTrail;

/**
 * Keeps personal information no longer than the clinic needs it: every night, the name, email, phone, message,
 * referrer and internal notes of inquiries closed or marked spam longer ago than
 * {@code clinic.retention.inquiry-months} (24 by default, the period the privacy page states) are erased. The
 * rest stays for anonymous counts: service, dates, status, source.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RetentionJob {

	private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

	private static final EnumSet<InquiryStatus> FINISHED = EnumSet.of(InquiryStatus.CLOSED, InquiryStatus.SPAM);

	private final InquiryRepository inquiries;

	private final InquiryActivityRepository activities;

	private final InquiryAnswerRepository answers;

	private final AccessTrail trail;

	private final ApplicationEventPublisher events;

	private final int months;

	RetentionJob(InquiryRepository inquiries, InquiryActivityRepository activities, InquiryAnswerRepository answers,
			AccessTrail trail, ApplicationEventPublisher events, RetentionProperties retention) {
		this.inquiries = inquiries;
		this.activities = activities;
		this.answers = answers;
		this.trail = trail;
		this.events = events;
		this.months = retention.inquiryMonths();
	}

	@Scheduled(cron = "${clinic.retention.cron:0 15 3 * * *}", zone = "${clinic.time-zone}")
	@SchedulerLock(name = "inquiry-retention", lockAtMostFor = "PT1H", lockAtLeastFor = "PT1M")
	@Transactional
	void nightly() {
		int erased = eraseDue(Instant.now());
		if (erased > 0) {
			log.info("Retention: erased the personal data of {} inquiries finished more than {} months ago", erased,
					months);
		}
	}

	/** Erases what is due at {@code now}; returns how many inquiries it erased. */
	@Transactional
	int eraseDue(Instant now) {
		Instant cutoff = now.atOffset(ZoneOffset.UTC).minusMonths(months).toInstant();
		List<Inquiry> due = inquiries.findPersonalDataKeptSince(FINISHED, cutoff);
		for (Inquiry inquiry : due) {
			inquiry.erasePersonalData(now);
			activities.eraseNotesOf(inquiry.getId());
			answers.eraseTextsOf(inquiry.getId());
			events.publishEvent(new InquiryPersonalDataErased(inquiry.getId()));
		}
		trail.recordEach("INQUIRY_PERSONAL_DATA_ERASED", InboxService.SUBJECT,
				due.stream().map(Inquiry::getId).toList(), "retention, " + months + " months");
		return due.size();
	}

}

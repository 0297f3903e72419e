package ca.gagephysio.inquiry.inbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.inquiry.internal.Inquiry;
import ca.gagephysio.inquiry.internal.InquiryRepository;
import ca.gagephysio.inquiry.internal.InquiryStatus;
import ca.gagephysio.inquiry.internal.SearchTerms;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default period, 24 months, against inquiries made to look old.
 */
@ClinicIntegrationTest
class RetentionJobTests {

	/** Real time, so other tests' recent inquiries are never due; their data must survive this test. */
	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

	@Autowired
	RetentionJob job;

	@Autowired
	InquiryRepository inquiries;

	@Autowired
	InquiryActivityRepository activities;

	@Autowired
	JdbcClient jdbc;

	@Test
	void erasesThePersonalDataOfInquiriesFinishedLongerAgoThanTheRetentionPeriodAndNothingElse() {
		long closedLongAgo = finished(InquiryStatus.CLOSED, monthsBefore(25));
		long closedRecently = finished(InquiryStatus.CLOSED, monthsBefore(23));
		long bookedLongAgo = finished(InquiryStatus.BOOKED, monthsBefore(30));
		long newLongAgo = inquiries.save(TestInquiries.from("Still New", "n@example.com", null, monthsBefore(30))).getId();
		Inquiry spam = TestInquiries.from("Spammer", "s@example.com", null, monthsBefore(26));
		spam.markSpam("honeypot");
		long spamLongAgo = inquiries.save(spam).getId();
		activities.save(InquiryActivity.note(closedLongAgo, "She mentioned her diabetes", 1L, "Dana", monthsBefore(26)));
		activities.save(InquiryActivity.note(closedRecently, "Call back in spring", 1L, "Dana", monthsBefore(24)));
		anAnswer(closedLongAgo, monthsBefore(26));
		anAnswer(closedRecently, monthsBefore(24));

		job.eraseDue(NOW);

		assertErased(closedLongAgo);
		assertErased(spamLongAgo);
		assertThat(inquiries.findById(closedRecently).orElseThrow().getPhoneGlobal()).isEqualTo("+19055550123");
		assertKept(closedRecently);
		assertKept(bookedLongAgo);
		assertKept(newLongAgo);
		assertThat(activities.findByInquiryIdOrderByAtAscIdAsc(closedLongAgo)).singleElement()
			.satisfies(note -> assertThat(note.getNote()).isNull());
		assertThat(activities.findByInquiryIdOrderByAtAscIdAsc(closedRecently)).singleElement()
			.satisfies(note -> assertThat(note.getNote()).isEqualTo("Call back in spring"));
		assertThat(answerOf(closedLongAgo)).as("the patient's emailed answer: words, name and address erased")
			.containsEntry("from_name", null)
			.containsEntry("from_address", null)
			.containsEntry("subject", null)
			.containsEntry("new_text", null)
			.containsEntry("folded_text", null)
			.containsEntry("original_text", null);
		assertThat(answerOf(closedLongAgo).get("received_at")).as("its time stays for the figures").isNotNull();
		assertThat(answerOf(closedRecently)).containsEntry("from_name", "Zoë Answered")
			.containsEntry("new_text", "My knee is better, thank you.")
			.containsEntry("original_text", "My knee is better, thank you.\n> earlier");
	}

	/** A patient's emailed answer on the inquiry, as the mailbox reader leaves it (V84's columns). */
	private void anAnswer(long inquiryId, Instant received) {
		jdbc.sql("""
				insert into inquiry_answer (inquiry_id, message_key, received_at, from_name, from_address, subject,
				  new_text, folded_text, original_text, attachments)
				values (?, ?, ?, 'Zoë Answered', 'zoe@example.com', 'Re: your inquiry', 'My knee is better, thank you.',
				  '> earlier', ?, 1)""")
			.params(inquiryId, (java.util.UUID.randomUUID().toString() + java.util.UUID.randomUUID()).replace("-", ""),
					java.sql.Timestamp.from(received), "My knee is better, thank you.\n> earlier")
			.update();
	}

	private java.util.Map<String, Object> answerOf(long inquiryId) {
		java.util.Map<String, Object> row = new java.util.HashMap<>();
		jdbc.sql("select from_name, from_address, subject, new_text, folded_text, original_text, received_at "
				+ "from inquiry_answer where inquiry_id = ?")
			.param(inquiryId)
			.query(rs -> {
				for (String column : java.util.List.of("from_name", "from_address", "subject", "new_text",
						"folded_text", "original_text", "received_at")) {
					row.put(column, rs.getObject(column));
				}
			});
		assertThat(row).as("one answer on inquiry %d", inquiryId).isNotEmpty();
		return row;
	}

	private long finished(InquiryStatus status, Instant when) {
		Inquiry inquiry = TestInquiries.from("Finished " + status, "f@example.com", "905-555-0123",
				when.minusSeconds(86_400));
		inquiry.changeStatus(status, when);
		return inquiries.save(inquiry).getId();
	}

	private void assertErased(long id) {
		Inquiry inquiry = inquiries.findById(id).orElseThrow();
		assertThat(inquiry.getName()).isNull();
		assertThat(inquiry.getEmail()).isNull();
		assertThat(inquiry.getPhone()).isNull();
		assertThat(inquiry.getPhoneGlobal()).as("the phone's E.164 form is personal data too").isNull();
		assertThat(searchTermsOf(id)).as("only the reference is still searchable")
			.containsExactlyInAnyOrderElementsOf(SearchTerms.of(inquiry.getReference()));
		assertThat(inquiry.getMessage()).isNull();
		assertThat(inquiry.getPersonalDataErasedAt()).isEqualTo(NOW);
		assertThat(inquiry.getService()).isNotNull();
		assertThat(inquiry.getReference()).isNotNull();
	}

	private void assertKept(long id) {
		Inquiry inquiry = inquiries.findById(id).orElseThrow();
		assertThat(inquiry.getName()).isNotNull();
		assertThat(inquiry.getEmail()).isNotNull();
		assertThat(inquiry.getPersonalDataErasedAt()).isNull();
		assertThat(searchTermsOf(id)).containsAll(SearchTerms.of(inquiry.getName()));
	}

	private List<String> searchTermsOf(long id) {
		return jdbc.sql("select term from inquiry_search_term where inquiry_id = ?").param(id).query(String.class).list();
	}

	private static Instant monthsBefore(int months) {
		return NOW.atOffset(ZoneOffset.UTC).minusMonths(months).toInstant();
	}

}

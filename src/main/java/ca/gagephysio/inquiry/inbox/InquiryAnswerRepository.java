package ca.gagephysio.inquiry.inbox;

import java.time.Instant;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** Patients' answers that came back by email. */
interface InquiryAnswerRepository extends JpaRepository<InquiryAnswer, Long> {

	boolean existsByMessageKey(String messageKey);

	List<InquiryAnswer> findByInquiryIdOrderByReceivedAtAscIdAsc(long inquiryId);

	/** The person's latest answer that carried a Message-ID, which the clinic's next reply follows. */
	java.util.Optional<InquiryAnswer> findFirstByInquiryIdAndMessageIdIsNotNullOrderByReceivedAtDescIdDesc(
			long inquiryId);

	/** The answers of this inquiry still waiting for the clinic's reply, oldest first. */
	List<InquiryAnswer> findByInquiryIdAndRepliedAtIsNullOrderByReceivedAtAsc(long inquiryId);

	/**
	 * The clinic replied: the answer gets its reply time. Not clearing the persistence context: the caller holds the
	 * inquiry it is changing in the same transaction.
	 */
	@Modifying(flushAutomatically = true)
	@Query("""
			update InquiryAnswer a set a.repliedAt = :at, a.replyOpenSeconds = :openSeconds
			where a.id = :id and a.repliedAt is null""")
	int replied(long id, Instant at, long openSeconds);

	/**
	 * The retention policy erases the person's words, name and address; the times stay for the figures. Not clearing
	 * the persistence context: the retention job holds the inquiries it is erasing.
	 */
	@Modifying(flushAutomatically = true)
	@Query("""
			update InquiryAnswer a set a.fromName = null, a.fromAddress = null, a.subject = null, a.newText = null,
			  a.foldedText = null, a.originalText = null, a.messageId = null
			where a.inquiryId = :inquiryId""")
	int eraseTextsOf(long inquiryId);

}

package ca.gagephysio.inquiry.inbox;

import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * What staff did with inquiries. No delete: the follow-up history stays.
 */
interface InquiryActivityRepository extends Repository<InquiryActivity, Long> {

	InquiryActivity save(InquiryActivity activity);

	List<InquiryActivity> findByInquiryIdOrderByAtAscIdAsc(long inquiryId);

	List<InquiryActivity> findByInquiryIdInOrderByAtAscIdAsc(Collection<Long> inquiryIds);

	/** Notes may hold health details, so their text goes with the inquiry's personal data. */
	@Modifying(flushAutomatically = true)
	@Query("update InquiryActivity a set a.note = null where a.inquiryId = :inquiryId and a.note is not null")
	int eraseNotesOf(long inquiryId);

}

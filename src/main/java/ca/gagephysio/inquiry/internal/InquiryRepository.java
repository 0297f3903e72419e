package ca.gagephysio.inquiry.internal;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/**
 * Stored inquiries.
 */
public interface InquiryRepository extends JpaRepository<Inquiry, Long> {

	Optional<Inquiry> findByReference(String reference);

	Optional<Inquiry> findByFormTokenId(String formTokenId);

	/** The most recent earlier inquiry from the same email or phone since a given time, for duplicate flagging. */
	@Query("""
			select i from Inquiry i
			where i.createdAt >= :since and i.status <> ca.gagephysio.inquiry.internal.InquiryStatus.SPAM
			  and ((:email is not null and lower(i.email) = lower(:email))
			    or (:phoneDigits is not null and i.phoneDigits = :phoneDigits))
			order by i.createdAt asc limit 1""")
	Optional<Inquiry> findFirstFromSameContactSince(String email, String phoneDigits, Instant since);

}

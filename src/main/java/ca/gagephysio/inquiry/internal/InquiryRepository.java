package ca.gagephysio.inquiry.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/**
 * Stored inquiries.
 */
public interface InquiryRepository extends JpaRepository<Inquiry, Long>, JpaSpecificationExecutor<Inquiry> {

	Optional<Inquiry> findByReference(String reference);

	/**
	 * The inquiry, its row locked until the transaction ends ({@code select ... for update}): the front desk's
	 * changes to one inquiry happen one after the other, so the second of two at the same instant sees the first.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select i from Inquiry i where i.id = :id")
	Optional<Inquiry> findByIdForUpdate(long id);

	/** How many inquiries there are of each status (statuses with none are left out). One grouped query. */
	@Query("select i.status as status, count(i) as inquiries from Inquiry i group by i.status")
	List<StatusCount> countPerStatus();

	/** When the longest-waiting inquiry of this status arrived; empty if there is none. */
	@Query("select min(i.createdAt) from Inquiry i where i.status = :status")
	Optional<Instant> findEarliestCreatedAt(InquiryStatus status);

	/** One row of {@link #countPerStatus()}. */
	interface StatusCount {

		InquiryStatus getStatus();

		long getInquiries();

	}

	Optional<Inquiry> findByFormTokenId(String formTokenId);

	// The casts give PostgreSQL a type for a null parameter (else it guesses bytea and lower(bytea) fails): an
	// inquiry with a phone and no email, or the other way round, is the everyday case.

	/**
	 * The first inquiry from the same email or phone since a given time, for duplicate flagging; the phone is
	 * compared in E.164 form, so {@code (905) 555-0142} and {@code +1 905.555.0142} are the same number.
	 */
	@Query("""
			select i from Inquiry i
			where i.createdAt >= :since and i.status <> ca.gagephysio.inquiry.internal.InquiryStatus.SPAM
			  and ((cast(:email as String) is not null and lower(i.email) = lower(cast(:email as String)))
			    or (cast(:phoneGlobal as String) is not null and i.phoneGlobal = cast(:phoneGlobal as String)))
			order by i.createdAt asc limit 1""")
	Optional<Inquiry> findFirstFromSameContactSince(String email, String phoneGlobal, Instant since);

	/**
	 * Records the first time any staff member opened it, without counting as an edit: a bulk update leaves the
	 * version alone, so someone merely opening an inquiry never makes another person's change stale.
	 */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update Inquiry i set i.firstOpenedAt = :when where i.id = :id and i.firstOpenedAt is null")
	int markFirstOpened(long id, Instant when);

	/**
	 * A patient's answer arrived: unread and waiting for the clinic. A bulk update that leaves the version alone, so
	 * someone with the inquiry open is not told their page is stale by the patient's email.
	 */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update Inquiry i set i.unread = true, i.waitingForUs = true where i.id = :id")
	int markAnswerArrived(long id);

	/** Someone opened it: no longer unread. Leaves the version alone, like {@link #markFirstOpened}. */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update Inquiry i set i.unread = false where i.id = :id and i.unread = true")
	int markRead(long id);

	/**
	 * The pages inquiries came from that may be articles, for the inbox's filter: paths under {@code /articles/}
	 * (a same-site referrer) and bare slugs (a call to action's {@code from=}, which may also name a clinician or
	 * the home page; the inbox tells them apart by what is published).
	 */
	@Query("""
			select distinct i.sourcePage from Inquiry i
			where i.sourcePage like '/articles/%' or i.sourcePage not like '/%'
			order by i.sourcePage""")
	List<String> findArticleSourcePages();

	/** Inquiries in one of these statuses since before a time, whose personal data is still stored. */
	@Query("""
			select i from Inquiry i
			where i.status in :statuses and i.personalDataErasedAt is null
			  and coalesce(i.statusChangedAt, i.createdAt) < :before
			order by i.id""")
	List<Inquiry> findPersonalDataKeptSince(Collection<InquiryStatus> statuses, Instant before);

	/**
	 * Every inquiry from one email or one phone number (E.164), oldest first, for a person's right of access.
	 */
	@Query("""
			select i from Inquiry i
			where (cast(:email as String) is not null and lower(i.email) = lower(cast(:email as String)))
			   or (cast(:phoneGlobal as String) is not null and i.phoneGlobal = cast(:phoneGlobal as String))
			order by i.createdAt asc""")
	List<Inquiry> findAllFromContact(String email, String phoneGlobal);

}

package ca.gagephysio.staff.trail;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * The access trail's storage. A plain {@link Repository} on purpose: it offers saving and reading, and no update
 * or delete method exists to call.
 */
public interface AuditEntryRepository extends Repository<AuditEntry, Long> {

	/** Earlier than any entry: the open start of a time range. */
	Instant BEGINNING = Instant.EPOCH;

	/** Later than any entry: the open end of a time range. */
	Instant END = Instant.parse("9999-01-01T00:00:00Z");

	AuditEntry save(AuditEntry entry);

	/**
	 * The trail, newest first, narrowed by whichever of person and record are given. The time range is always
	 * bounded ({@link #BEGINNING} and {@link #END} stand for "open"): PostgreSQL cannot type a null timestamp
	 * parameter in {@code :from is null}, which H2 lets pass.
	 */
	@Query("""
			select e from AuditEntry e
			where (:actorId is null or e.actorId = :actorId)
			  and (:subjectType is null or e.subjectType = :subjectType)
			  and (:subjectId is null or e.subjectId = :subjectId)
			  and e.at >= :from and e.at < :until
			order by e.at desc, e.id desc""")
	Page<AuditEntry> search(Long actorId, String subjectType, Long subjectId, Instant from, Instant until,
			Pageable pageable);

	/** One page of {@link #search}, without counting the whole trail (a year holds about a million entries). */
	@Query("""
			select e from AuditEntry e
			where (:actorId is null or e.actorId = :actorId)
			  and (:subjectType is null or e.subjectType = :subjectType)
			  and (:subjectId is null or e.subjectId = :subjectId)
			  and e.at >= :from and e.at < :until
			order by e.at desc, e.id desc""")
	List<AuditEntry> searchOnePage(Long actorId, String subjectType, Long subjectId, Instant from, Instant until,
			Pageable pageable);

	/**
	 * How many entries {@link #search} finds, counted no further than {@code limit}: at most {@code limit} rows are
	 * read, where counting a year's trail read all of them (260 ms on PostgreSQL for a million). The casts type a
	 * null parameter for PostgreSQL.
	 */
	@Query(nativeQuery = true, value = """
			select count(*) from (select 1 from audit_entry e
			  where (cast(:actorId as bigint) is null or e.actor_id = :actorId)
			    and (cast(:subjectType as varchar(40)) is null or e.subject_type = :subjectType)
			    and (cast(:subjectId as bigint) is null or e.subject_id = :subjectId)
			    and e.at >= :from and e.at < :until
			  limit :limit) counted""")
	long countUpTo(Long actorId, String subjectType, Long subjectId, Instant from, Instant until, long limit);

	List<AuditEntry> findBySubjectTypeAndSubjectIdInOrderByAtAscIdAsc(String subjectType, Collection<Long> subjectIds);

}

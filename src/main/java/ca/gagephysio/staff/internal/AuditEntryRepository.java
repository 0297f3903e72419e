package ca.gagephysio.staff.internal;

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
interface AuditEntryRepository extends Repository<AuditEntry, Long> {

	AuditEntry save(AuditEntry entry);

	@Query("""
			select e from AuditEntry e
			where (:actorId is null or e.actorId = :actorId)
			  and (:subjectType is null or e.subjectType = :subjectType)
			  and (:subjectId is null or e.subjectId = :subjectId)
			  and (:from is null or e.at >= :from)
			  and (:until is null or e.at < :until)
			order by e.at desc, e.id desc""")
	Page<AuditEntry> search(Long actorId, String subjectType, Long subjectId, Instant from, Instant until,
			Pageable pageable);

	List<AuditEntry> findBySubjectTypeAndSubjectIdInOrderByAtAscIdAsc(String subjectType, Collection<Long> subjectIds);

}

package ca.gagephysio.team;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface TeamMemberRepository extends Repository<TeamMember, Long> {

	Optional<TeamMember> findById(long id);

	Optional<TeamMember> findBySlug(String slug);

	Optional<TeamMember> findByRequestKey(String requestKey);

	/**
	 * The clinician, their row locked until the transaction ends ({@code select ... for update}): two changes at
	 * the same instant happen one after the other, the second seeing the first.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select m from TeamMember m where m.id = :id")
	Optional<TeamMember> findByIdForUpdate(long id);

	boolean existsBySlug(String slug);

	List<TeamMember> findAllByOrderBySortOrderAscNameAsc();

	List<TeamMember> findByPublishedTrueOrderBySortOrderAscNameAsc();

	@Query("select coalesce(max(m.sortOrder), 0) from TeamMember m")
	int findHighestSortOrder();

	TeamMember save(TeamMember member);

	void delete(TeamMember member);

}

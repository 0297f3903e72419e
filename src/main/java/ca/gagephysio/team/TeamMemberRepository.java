package ca.gagephysio.team;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface TeamMemberRepository extends Repository<TeamMember, Long> {

	Optional<TeamMember> findById(long id);

	Optional<TeamMember> findBySlug(String slug);

	boolean existsBySlug(String slug);

	List<TeamMember> findAllByOrderBySortOrderAscNameAsc();

	List<TeamMember> findByPublishedTrueOrderBySortOrderAscNameAsc();

	@Query("select coalesce(max(m.sortOrder), 0) from TeamMember m")
	int findHighestSortOrder();

	TeamMember save(TeamMember member);

	void delete(TeamMember member);

}

package ca.gagephysio.team;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface TeamMemberRevisionRepository extends Repository<TeamMemberRevision, Long> {

	List<TeamMemberRevision> findByTeamMemberIdOrderByNumberDesc(long teamMemberId);

	Optional<TeamMemberRevision> findByTeamMemberIdAndNumber(long teamMemberId, int number);

	@Query("select coalesce(max(r.number), 0) from TeamMemberRevision r where r.teamMemberId = :teamMemberId")
	int findHighestNumber(long teamMemberId);

	TeamMemberRevision save(TeamMemberRevision revision);

}

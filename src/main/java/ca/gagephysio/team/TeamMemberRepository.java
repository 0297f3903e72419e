package ca.gagephysio.team;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.Repository;

interface TeamMemberRepository extends Repository<TeamMember, Long> {

	Optional<TeamMember> findBySlug(String slug);

	List<TeamMember> findAllByOrderBySortOrderAscNameAsc();

}

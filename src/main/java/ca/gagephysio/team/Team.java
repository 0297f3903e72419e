package ca.gagephysio.team;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The clinic's clinicians, for the team pages and for other features (article bylines and author boxes).
 */
@Service
@Transactional(readOnly = true)
public class Team {

	private final TeamMemberRepository members;

	Team(TeamMemberRepository members) {
		this.members = members;
	}

	public Optional<Clinician> find(String slug) {
		return members.findBySlug(slug).map(TeamMember::toClinician);
	}

	public List<Clinician> everyone() {
		return members.findAllByOrderBySortOrderAscNameAsc().stream().map(TeamMember::toClinician).toList();
	}

}

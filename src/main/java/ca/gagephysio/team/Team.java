package ca.gagephysio.team;

import java.util.List;
import java.util.Optional;

import ca.gagephysio.image.Images;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The clinic's clinicians, for the team pages and for other features (article bylines and author boxes).
 */
@Service
@Transactional(readOnly = true)
public class Team {

	private final TeamMemberRepository members;

	private final Images images;

	Team(TeamMemberRepository members, Images images) {
		this.members = members;
		this.images = images;
	}

	/**
	 * Any clinician, published or not: an article keeps naming its author after their bio is taken down.
	 * @param slug the last part of their bio's URL
	 * @return the clinician, or empty if there is none by that slug
	 */
	public Optional<Clinician> find(String slug) {
		return members.findBySlug(slug).map(this::toClinician);
	}

	/** Every clinician, published or not, in the team page's order. */
	public List<Clinician> everyone() {
		return members.findAllByOrderBySortOrderAscNameAsc().stream().map(this::toClinician).toList();
	}

	/** The clinicians whose bios are public, in the team page's order. */
	public List<Clinician> published() {
		return members.findByPublishedTrueOrderBySortOrderAscNameAsc().stream().map(this::toClinician).toList();
	}

	/** A clinician whose bio is public. */
	Optional<Clinician> findPublished(String slug) {
		return find(slug).filter(Clinician::published);
	}

	Clinician toClinician(TeamMember member) {
		var photo = member.photoImageId() == null ? null : images.find(member.photoImageId()).orElse(null);
		return new Clinician(member.slug(), member.name(), member.jobTitle(), member.profession(), member.bio(),
				member.updatedAt(), member.credentials(), photo, photo == null ? null : member.photoAlt(),
				member.published());
	}

}

package ca.gagephysio.team;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One saved version of a clinician's bio, never changed afterwards but for {@link #published}: what was saved, by
 * whom, when, and whether it went live at once or waited as a draft for an administrator (a staff member's change
 * to a published bio: credentials and titles are regulated). Numbered from 1 per clinician.
 */
@Entity
@Table(name = "team_member_revision")
class TeamMemberRevision {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long teamMemberId;

	private int number;

	private String name;

	private String jobTitle;

	private String profession;

	private String credentials;

	private String bio;

	private Long photoImageId;

	private String photoAlt;

	private Instant savedAt;

	/** Email of the staff member who saved it; {@code null} for the seed. */
	private String savedBy;

	/** Saved as a draft for an administrator to publish, and not (yet) published. */
	private boolean draft;

	protected TeamMemberRevision() {
	}

	TeamMemberRevision(long teamMemberId, int number, ClinicianDetails details, String savedBy, Instant savedAt,
			boolean draft) {
		this.teamMemberId = teamMemberId;
		this.number = number;
		this.name = details.name();
		this.jobTitle = details.jobTitle();
		this.profession = details.profession();
		this.credentials = details.credentials();
		this.bio = details.bio();
		this.photoImageId = details.photoImageId();
		this.photoAlt = details.photoAlt();
		this.savedBy = savedBy;
		this.savedAt = savedAt;
		this.draft = draft;
	}

	/** The draft went live: an administrator published it. */
	void published() {
		this.draft = false;
	}

	ClinicianDetails details() {
		return new ClinicianDetails(name, jobTitle, profession, credentials, bio, photoImageId, photoAlt);
	}

	public int number() {
		return number;
	}

	public Instant savedAt() {
		return savedAt;
	}

	public String savedBy() {
		return savedBy;
	}

	public boolean draft() {
		return draft;
	}

	public String name() {
		return name;
	}

	public String jobTitle() {
		return jobTitle;
	}

	public String profession() {
		return profession;
	}

	public String credentials() {
		return credentials;
	}

	public String bio() {
		return bio;
	}

}

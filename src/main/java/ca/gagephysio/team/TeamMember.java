package ca.gagephysio.team;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A clinician with a public bio page. Seeded by migration; the page's words are the clinic's own.
 */
@Entity
@Table(name = "team_member")
@EntityListeners(TeamMemberChangeListener.class)
class TeamMember {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String slug;

	private String name;

	/** As shown to readers: "Physiotherapist and owner". */
	private String jobTitle;

	/** The regulated profession alone, for structured data: "Physiotherapist". */
	private String profession;

	private String bio;

	private int sortOrder;

	private Instant updatedAt;

	@Version
	private long version;

	protected TeamMember() {
	}

	Clinician toClinician() {
		return new Clinician(slug, name, jobTitle, profession, bio, updatedAt);
	}

}

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
 * A clinician with a bio page, seeded by migration and edited in the back office ({@link TeamAdminController}). The
 * slug is made from the name once and never changes, so links to the bio and articles' bylines keep working.
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

	/** Letters after the name, such as "MScPT, FCAMPT"; may be {@code null}. */
	private String credentials;

	/** Markdown. */
	private String bio;

	/** An image in the image module, or {@code null}. */
	private Long photoImageId;

	/** Required whenever there is a photo. */
	private String photoAlt;

	/** An unpublished clinician has no public bio and is not on the team page or in the sitemap. */
	private boolean published;

	private int sortOrder;

	private Instant updatedAt;

	/** Email of the staff member who last changed it; {@code null} for the seed. */
	private String updatedBy;

	/**
	 * The revision ({@link TeamMemberRevision#number()}) of a staff member's change to this published bio that waits
	 * for an administrator, or {@code null}: readers see the fields above until it is published.
	 */
	private Integer draftRevision;

	@Version
	private long version;

	/** The one-time key of the form that added it, or {@code null}: the same form sent twice adds it once. */
	private String requestKey;

	protected TeamMember() {
	}

	/** A new clinician, not yet published: an administrator decides when the bio goes public. */
	TeamMember(String slug, int sortOrder, ClinicianDetails details, String by, Instant at, String requestKey) {
		this.slug = slug;
		this.requestKey = requestKey;
		this.sortOrder = sortOrder;
		this.published = false;
		edit(details, by, at);
	}

	void edit(ClinicianDetails details, String by, Instant at) {
		this.name = details.name();
		this.jobTitle = details.jobTitle();
		this.profession = details.profession();
		this.credentials = details.credentials();
		this.bio = details.bio();
		this.photoImageId = details.photoImageId();
		this.photoAlt = details.photoImageId() == null ? null : details.photoAlt();
		touch(by, at);
	}

	/** A change waits for an administrator as revision {@code number}; what readers see stays as it is. */
	void awaitDraft(int number) {
		this.draftRevision = number;
	}

	/** No change waits any longer: it was published, discarded, or overtaken by an administrator's edit. */
	void clearDraft() {
		this.draftRevision = null;
	}

	Integer draftRevision() {
		return draftRevision;
	}

	void publish(String by, Instant at) {
		this.published = true;
		touch(by, at);
	}

	void unpublish(String by, Instant at) {
		this.published = false;
		touch(by, at);
	}

	private void touch(String by, Instant at) {
		this.updatedBy = by;
		this.updatedAt = at;
	}

	ClinicianDetails details() {
		return new ClinicianDetails(name, jobTitle, profession, credentials, bio, photoImageId, photoAlt);
	}

	Long id() {
		return id;
	}

	String slug() {
		return slug;
	}

	String name() {
		return name;
	}

	String jobTitle() {
		return jobTitle;
	}

	String profession() {
		return profession;
	}

	String credentials() {
		return credentials;
	}

	String bio() {
		return bio;
	}

	Long photoImageId() {
		return photoImageId;
	}

	String photoAlt() {
		return photoAlt;
	}

	boolean published() {
		return published;
	}

	Instant updatedAt() {
		return updatedAt;
	}

	String updatedBy() {
		return updatedBy;
	}

	long version() {
		return version;
	}

}

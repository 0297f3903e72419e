package ca.gagephysio.team;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.List;
import java.util.Optional;

import ca.gagephysio.site.error.NotFoundException;
import ca.gagephysio.staff.AccessTrail;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes to clinicians from the back office, each written to the access trail. Who may do what is decided by the
 * staff filter chain ({@code StaffSecurityConfig}): any staff member adds and edits, only administrators publish,
 * unpublish and delete. Every write announces itself through {@link TeamMemberChangeListener}, so the bio, the team
 * page, articles' author boxes, the JSON-LD and the sitemap show it on the next request.
 * <p>
 * Two people at the same instant: every change locks the clinician's row first ({@code select ... for update}), so
 * the second waits for the first and then sees it: an edit from an older version is a
 * {@link StaleClinicianException} (the form again, their version above it and the loser's text kept), and the same
 * text saved twice (a double click) is saved once. Adding carries the form's one-time key, so the same form sent twice
 * adds one clinician.
 */
@Service
@Transactional
class TeamEditor {

	static final String SUBJECT = "CLINICIAN";

	private final TeamMemberRepository members;

	private final AccessTrail trail;

	private final ObjectProvider<ClinicianReferences> references;

	private final TeamMemberRevisionRepository revisions;

	private final Clock clock = Clock.systemUTC();

	TeamEditor(TeamMemberRepository members, AccessTrail trail, ObjectProvider<ClinicianReferences> references,
			TeamMemberRevisionRepository revisions) {
		this.members = members;
		this.revisions = revisions;
		this.trail = trail;
		this.references = references;
	}

	/**
	 * Adds a clinician, unpublished, with a slug made from their name (made unique with a number if needed).
	 * @param requestKey the one-time key of the form ({@link #isRequestKey}), or {@code null}: a clinician already
	 * added with it is not added again
	 * @return the new clinician's id, or the id of the one this key added already
	 * @throws org.springframework.dao.DataIntegrityViolationException when another post took the same slug or key at
	 * the same instant; {@link #addedWith} then tells a double click from a namesake
	 */
	long add(ClinicianDetails details, String by, String requestKey) {
		String key = isRequestKey(requestKey) ? requestKey : null;
		Optional<TeamMember> already = key == null ? Optional.empty() : members.findByRequestKey(key);
		if (already.isPresent()) {
			return already.get().id();
		}
		TeamMember member = members.save(new TeamMember(uniqueSlug(details.name()),
				members.findHighestSortOrder() + 1, details, by, now(), key));
		revisions.save(new TeamMemberRevision(member.id(), 1, member.details(), by, now(), false));
		trail.record("CLINICIAN_ADDED", SUBJECT, member.id(), member.slug());
		return member.id();
	}

	/**
	 * Saves an edit made on the version the editor opened, as a new revision. A staff member's change to a published
	 * bio does not go live: it waits as a draft until an administrator publishes it ({@link #publishDraft}), since
	 * credentials and titles are regulated; a second change before then replaces the draft. An administrator's
	 * change, or any change to an unpublished bio, goes live at once (and overtakes a waiting draft).
	 * @param expectedVersion the version shown in the editor
	 * @param administrator whether the person saving is an administrator
	 * @return whether the change waits as a draft
	 * @throws StaleClinicianException if someone saved in between (also when it happens between this check and the
	 * commit: JPA's version check then fails the commit)
	 */
	boolean edit(long id, long expectedVersion, ClinicianDetails details, String by, boolean administrator) {
		TeamMember member = locked(id);
		ClinicianDetails asStored = details.photoImageId() == null ? new ClinicianDetails(details.name(),
				details.jobTitle(), details.profession(), details.credentials(), details.bio(), null, null) : details;
		boolean asDraft = member.published() && !administrator;
		if (editedText(member).equals(asStored) && (asDraft || member.draftRevision() == null)) {
			// A second click on Save, or someone else saving the very same text: nothing to save, nothing lost.
			return asDraft;
		}
		if (member.version() != expectedVersion) {
			throw new StaleClinicianException(id);
		}
		int number = revisions.findHighestNumber(id) + 1;
		revisions.save(new TeamMemberRevision(id, number, asStored, by, now(), asDraft));
		if (asDraft) {
			member.awaitDraft(number);
			trail.record("CLINICIAN_DRAFT_SAVED", SUBJECT, id, member.slug());
			return true;
		}
		member.edit(details, by, now());
		member.clearDraft();
		trail.record("CLINICIAN_CHANGED", SUBJECT, id, member.slug());
		return false;
	}

	/** What the editor opens with: the draft waiting for an administrator, if any, else what readers see. */
	@Transactional(readOnly = true)
	ClinicianDetails editedText(TeamMember member) {
		return draft(member).map(TeamMemberRevision::details).orElse(member.details());
	}

	/** The change waiting for an administrator, if any. */
	@Transactional(readOnly = true)
	Optional<TeamMemberRevision> draft(TeamMember member) {
		return member.draftRevision() == null ? Optional.empty()
				: revisions.findByTeamMemberIdAndNumber(member.id(), member.draftRevision());
	}

	/** Every revision, newest first. */
	@Transactional(readOnly = true)
	List<TeamMemberRevision> revisions(long id) {
		return revisions.findByTeamMemberIdOrderByNumberDesc(id);
	}

	/**
	 * An administrator publishes the waiting draft: readers see it from now on. Nothing happens when none waits
	 * (published or discarded a moment ago by someone else).
	 */
	void publishDraft(long id, String by) {
		TeamMember member = locked(id);
		Optional<TeamMemberRevision> draft = draft(member);
		if (draft.isEmpty()) {
			return;
		}
		member.edit(draft.get().details(), by, now());
		member.clearDraft();
		draft.get().published();
		trail.record("CLINICIAN_DRAFT_PUBLISHED", SUBJECT, id, member.slug());
	}

	/** An administrator discards the waiting draft; it stays among the revisions. */
	void discardDraft(long id) {
		TeamMember member = locked(id);
		if (member.draftRevision() == null) {
			return;
		}
		member.clearDraft();
		trail.record("CLINICIAN_DRAFT_DISCARDED", SUBJECT, id, member.slug());
	}

	void publish(long id, String by) {
		TeamMember member = locked(id);
		member.publish(by, now());
		trail.record("CLINICIAN_PUBLISHED", SUBJECT, id, member.slug());
	}

	void unpublish(long id, String by) {
		TeamMember member = locked(id);
		member.unpublish(by, now());
		trail.record("CLINICIAN_UNPUBLISHED", SUBJECT, id, member.slug());
	}

	/**
	 * Deletes a clinician for good.
	 * @throws ClinicianStillReferencedException while an article names them
	 */
	void delete(long id) {
		TeamMember member = members.findByIdForUpdate(id).orElse(null);
		if (member == null) {
			// Deleted a moment ago (a second click, or someone else): the result asked for.
			return;
		}
		if (references.stream().anyMatch(feature -> feature.refersTo(member.slug()))) {
			throw new ClinicianStillReferencedException(member.slug());
		}
		members.delete(member);
		trail.record("CLINICIAN_DELETED", SUBJECT, id, member.slug());
	}

	/** The id of the clinician the form with this one-time key added, if it added one. */
	@Transactional(readOnly = true)
	Optional<Long> addedWith(String requestKey) {
		return isRequestKey(requestKey) ? members.findByRequestKey(requestKey).map(TeamMember::id) : Optional.empty();
	}

	/** Whether {@code key} is a one-time key as the add form makes them (a UUID); any other value is ignored. */
	static boolean isRequestKey(String key) {
		return key != null && key.matches("[0-9a-f-]{36}");
	}

	private TeamMember locked(long id) {
		return members.findByIdForUpdate(id).orElseThrow(() -> new NotFoundException("Clinician " + id));
	}

	@Transactional(readOnly = true)
	TeamMember find(long id) {
		return members.findById(id).orElseThrow(() -> new NotFoundException("Clinician " + id));
	}

	/** "Dr. Zoë O'Brien" becomes "dr-zoe-obrien": ASCII, lower case, words joined by hyphens. */
	static String slugOf(String name) {
		String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		String slug = ascii.toLowerCase(Locale.ROOT)
			.replaceAll("['’]", "")
			.replaceAll("[^a-z0-9]+", "-")
			.replaceAll("^-+|-+$", "");
		if (slug.length() > 90) {
			slug = slug.substring(0, 90).replaceAll("-+$", "");
		}
		return slug.isEmpty() ? "clinician" : slug;
	}

	private String uniqueSlug(String name) {
		String base = slugOf(name);
		String slug = base;
		for (int n = 2; members.existsBySlug(slug); n++) {
			slug = base + "-" + n;
		}
		return slug;
	}

	private Instant now() {
		return Instant.now(clock);
	}

}

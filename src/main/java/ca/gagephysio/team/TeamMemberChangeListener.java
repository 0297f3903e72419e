package ca.gagephysio.team;

import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

import ca.gagephysio.site.cache.ContentVersion;
import ca.gagephysio.site.cache.PageCache;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Announces every write of a clinician, however it was made, so other features can drop what they cached, and drops
 * the site's cached public pages on that announcement: the team page and the bios, and every page that names a
 * clinician (article bylines and author boxes, the feed's authors).
 * A JPA entity listener that Spring creates, so it can publish events.
 */
@Component
class TeamMemberChangeListener {

	private final ApplicationEventPublisher events;

	private final PageCache pages;

	private final ContentVersion contentVersion;

	TeamMemberChangeListener(ApplicationEventPublisher events, PageCache pages, ContentVersion contentVersion) {
		this.events = events;
		this.pages = pages;
		this.contentVersion = contentVersion;
	}

	@PostPersist
	@PostUpdate
	@PostRemove
	void memberChanged(TeamMember member) {
		events.publishEvent(new ClinicianChanged(member.slug()));
	}

	/** Drops at once and again when the writing transaction ends (see {@link PageCache#dropAll()}). */
	@EventListener
	void clinicianChanged(ClinicianChanged event) {
		pages.dropAll();
		// in the writing transaction: the other instances drop theirs once it commits
		contentVersion.bump();
	}

}

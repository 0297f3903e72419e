package ca.gagephysio.team;

import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Announces every write of a clinician, however it was made, so other features can drop what they cached (today
 * the article page cache, which shows bylines and author boxes). A JPA entity listener that Spring creates, so it
 * can publish events.
 */
@Component
class TeamMemberChangeListener {

	private final ApplicationEventPublisher events;

	TeamMemberChangeListener(ApplicationEventPublisher events) {
		this.events = events;
	}

	@PostPersist
	@PostUpdate
	@PostRemove
	void memberChanged(TeamMember member) {
		events.publishEvent(new ClinicianChanged(member.slug()));
	}

}

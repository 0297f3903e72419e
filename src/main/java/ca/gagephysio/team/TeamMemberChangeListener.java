package ca.gagephysio.team;

import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

import ca.gagephysio.shared.PublicContentChanged;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Announces every write of a clinician, however it was made, as a {@link PublicContentChanged}: the team page and
 * the bio, and every page that names them (article bylines and author boxes, the feed's authors). Every write, a
 * clinician whose bio is not published included: an article keeps naming its author after their bio is taken down
 * ({@link Team#find}).
 * <p>
 * A JPA entity listener that Spring creates, so it can publish events; it runs when JPA writes the row, inside the
 * writing transaction, which is where the event must be published.
 */
@Component
class TeamMemberChangeListener {

	static final String KIND = "clinician";

	private final ApplicationEventPublisher events;

	TeamMemberChangeListener(ApplicationEventPublisher events) {
		this.events = events;
	}

	@PostPersist
	@PostUpdate
	@PostRemove
	void memberChanged(TeamMember member) {
		events.publishEvent(PublicContentChanged.at(KIND, "/team", "/team/" + member.slug()));
	}

}

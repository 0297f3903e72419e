package ca.gagephysio.fees;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ca.gagephysio.shared.PublicContentChanged;
import ca.gagephysio.staff.AccessTrail;
import ca.gagephysio.staff.StaffDirectory;

/**
 * Saves the fees as a new revision, in one transaction with its access-trail entry and the
 * {@link PublicContentChanged} that refreshes every cached page (the clinic's structured data on every page carries
 * the prices, and the footer links the page).
 */
@Service
class FeesEditor {

	/** What the access trail calls the fees; the subject id is the revision's number. */
	static final String SUBJECT = "FEES";

	private final FeeRevisionRepository revisions;

	private final AccessTrail trail;

	private final StaffDirectory staff;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	FeesEditor(FeeRevisionRepository revisions, AccessTrail trail, StaffDirectory staff,
			ApplicationEventPublisher events, ObjectProvider<Clock> clock) {
		this.revisions = revisions;
		this.trail = trail;
		this.staff = staff;
		this.events = events;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/**
	 * Saves what was typed as the next revision, unless it says exactly what the one in force says (a second click
	 * on Save is saved once).
	 *
	 * @param typed the fees as typed (its number, saver and time are ignored)
	 * @param seenNumber the revision the editor showed (0 for none), so a save made meanwhile is not overwritten
	 * @param restoredFrom the older revision the editor was started from, or {@code null}
	 * @return the number of the revision now in force
	 * @throws FeesConflict when someone else saved different fees after {@code seenNumber}
	 */
	@Transactional
	int save(FeeSchedule typed, int seenNumber, Integer restoredFrom) {
		FeeScheduleHead head = revisions.lockHead();
		int current = head.currentNumber();
		FeeSchedule inForce = current == 0 ? null
				: revisions.findByNumber(current).map(FeeRevision::schedule).orElseThrow();
		if (inForce != null && inForce.sameContentAs(typed)) {
			return current;
		}
		if (current != seenNumber) {
			throw new FeesConflict(current);
		}
		int number = current + 1;
		revisions.save(new FeeRevision(number, typed, staff.current().displayName(), clock.instant(), restoredFrom));
		head.moveTo(number);
		trail.record(current == 0 ? "FEES_PUBLISHED" : "FEES_SAVED", SUBJECT, (long) number,
				(restoredFrom == null ? "" : "from revision " + restoredFrom + "; ") + typed.services().size()
						+ " services");
		events.publishEvent(PublicContentChanged.everyPage(Fees.KIND));
		return number;
	}

}

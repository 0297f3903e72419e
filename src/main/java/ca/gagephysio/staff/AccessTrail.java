package ca.gagephysio.staff;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The append-only access trail: who listed, viewed, changed or exported which record, from where and when (UTC).
 * Other modules record here; only the staff module reads it back, for the privacy officer. Entries are never
 * edited or deleted.
 */
public interface AccessTrail {

	/**
	 * Records one action by the signed-in staff member (or the system when nobody is signed in), from the current
	 * request's client address.
	 * @param action what was done, in capitals, e.g. {@code INQUIRY_VIEWED}
	 * @param subjectType the kind of record, e.g. {@code INQUIRY}, or {@code null}
	 * @param subjectId the record's id, or {@code null}
	 * @param detail a short note without personal information, or {@code null}
	 */
	void record(String action, String subjectType, Long subjectId, String detail);

	/** Records the same action on several records at once, one entry each (a list page, an export). */
	void recordEach(String action, String subjectType, Collection<Long> subjectIds, String detail);

	/** Everything the trail holds about these records, oldest first, for a person's right-of-access export. */
	List<Entry> entriesAbout(String subjectType, Collection<Long> subjectIds);

	/**
	 * One line of the trail.
	 *
	 * @param at when, in UTC
	 * @param actorEmail the staff account's email, or {@code null} for the system
	 * @param action what was done
	 * @param subjectType the kind of record
	 * @param subjectId the record's id
	 * @param detail a short note
	 * @param clientAddress the client's network address
	 */
	record Entry(Instant at, String actorEmail, String action, String subjectType, Long subjectId, String detail,
			String clientAddress) {
	}

}

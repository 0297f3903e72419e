package ca.gagephysio.inquiry.inbox;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import ca.gagephysio.staff.StaffMember;

/**
 * Who has an inquiry open, so two people do not answer it twice without knowing (issue 23): each opening of the
 * inquiry's page, and each refresh of its presence line by {@code /js/presence.js} while it stays open, renews the
 * person's row in {@code inquiry_presence}; others see whoever was there within {@link #RECENT}. In the database,
 * so every instance behind the proxy sees the same. No websocket: a look every {@link #REFRESH} is enough to
 * notice a colleague.
 */
@Component
class InquiryPresence {

	/** How long after their last sign of life someone still counts as looking. */
	static final Duration RECENT = Duration.ofMinutes(3);

	/** How often the page's script asks again (in the page, for the script). */
	static final Duration REFRESH = Duration.ofSeconds(30);

	private final JdbcClient jdbc;

	InquiryPresence(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records that {@code me} is looking at the inquiry now. Its own transaction, so a lost race with the same
	 * person's other tab (the insert of the same key) neither fails the page nor aborts its transaction.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void looking(long inquiryId, StaffMember me, Instant now) {
		int updated = jdbc.sql("""
				update inquiry_presence set seen_at = :now, display_name = :name
				where inquiry_id = :inquiry and staff_account_id = :staff""")
			.param("now", Timestamp.from(now))
			.param("name", me.displayName())
			.param("inquiry", inquiryId)
			.param("staff", me.id())
			.update();
		if (updated == 0) {
			try {
				jdbc.sql("""
						insert into inquiry_presence (inquiry_id, staff_account_id, display_name, seen_at)
						values (:inquiry, :staff, :name, :now)""")
					.param("now", Timestamp.from(now))
					.param("name", me.displayName())
					.param("inquiry", inquiryId)
					.param("staff", me.id())
					.update();
			}
			catch (DuplicateKeyException sameMomentElsewhere) {
				// the same person's other tab inserted it at the same instant: they are recorded as looking
			}
		}
	}

	/** The names of the others who looked at the inquiry within {@link #RECENT} before {@code now}, by name. */
	@Transactional(readOnly = true)
	List<String> othersLooking(long inquiryId, long myId, Instant now) {
		return jdbc.sql("""
				select display_name from inquiry_presence
				where inquiry_id = :inquiry and staff_account_id <> :me and seen_at > :since
				order by display_name""")
			.param("inquiry", inquiryId)
			.param("me", myId)
			.param("since", Timestamp.from(now.minus(RECENT)))
			.query(String.class)
			.list();
	}

}

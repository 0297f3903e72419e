package ca.gagephysio.notification;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/**
 * The outbox table.
 */
interface NotificationRepository extends JpaRepository<Notification, Long> {

	/**
	 * The notification, its row locked until the transaction ends ({@code select ... for update}): a staff member's
	 * retry (or two, from a double click) waits for the sender's change and then sees it, instead of failing its
	 * version check.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select n from Notification n where n.id = :id")
	Optional<Notification> findByIdForUpdate(long id);

	/**
	 * Those of these notifications waiting to be sent and due by {@code now}, their rows locked until the
	 * transaction ends ({@code select ... for update}): a sender run on another instance that claims or counts one
	 * of them meanwhile waits for this transaction, then finds it as it was left (no longer due, if it was counted).
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("""
			select n from Notification n
			where n.id in :ids and n.state = PENDING and n.nextAttemptAt <= :now
			order by n.id""")
	List<Notification> findDueForUpdate(Collection<Long> ids, Instant now);


	boolean existsByInquiryIdAndKind(long inquiryId, Notification.Kind kind);

	boolean existsByInquiryIdAndKindAndRecipientEmail(long inquiryId, Notification.Kind kind, String recipientEmail);

	boolean existsByInquiryIdAndKindAndRecipientEmailAndRequestKey(long inquiryId, Notification.Kind kind,
			String recipientEmail, String requestKey);

	/** The inquiries of the emails of these kinds with these Message-ID local parts (an answer names one or a few). */
	@Query("""
			select distinct n.inquiryId from Notification n
			where n.messageId in :messageIds and n.kind in :kinds and n.inquiryId is not null""")
	List<Long> findInquiryIdsByMessageIds(java.util.Collection<String> messageIds,
			java.util.Collection<Notification.Kind> kinds);

	boolean existsByInquiryIdAndKindAndRequestKey(long inquiryId, Notification.Kind kind, String requestKey);


	List<Notification> findByInquiryIdOrderByCreatedAtAscIdAsc(long inquiryId);

	/** Ids of the emails whose turn has come, the longest waiting first. */
	@Query("""
			select n.id from Notification n
			where n.state = PENDING and n.nextAttemptAt <= :now
			order by n.nextAttemptAt asc, n.id asc""")
	List<Long> findDueIds(Instant now, Limit limit);

	/**
	 * Takes a pending email for one sender run. The update only matches while the row is still pending, so of two
	 * runs racing for it exactly one gets 1 back.
	 */
	@Modifying(clearAutomatically = true, flushAutomatically = true)
	@Query("""
			update Notification n set n.state = SENDING, n.claimedAt = :now, n.version = n.version + 1
			where n.id = :id and n.state = PENDING""")
	int claim(long id, Instant now);

	/** Claims left by a run that died mid-send (a crash, a kill) go back to pending after the lease. */
	@Modifying(clearAutomatically = true, flushAutomatically = true)
	@Query("""
			update Notification n set n.state = PENDING, n.claimedAt = null, n.nextAttemptAt = :now,
			  n.version = n.version + 1
			where n.state = SENDING and n.claimedAt < :claimedBefore""")
	int releaseClaimsOlderThan(Instant claimedBefore, Instant now);

	/**
	 * A staff account's email changed: its front-desk alerts not yet sent (waiting, or failed or refused and waiting
	 * for a person) go to the new address instead, unless the inquiry already has one for it. One being sent now is
	 * left to finish.
	 */
	@Modifying(clearAutomatically = true, flushAutomatically = true)
	@Query("""
			update Notification n set n.recipientEmail = :newEmail, n.version = n.version + 1
			where n.kind = STAFF_ALERT and n.recipientEmail = :oldEmail and n.state in (PENDING, FAILED, REFUSED)
			  and not exists (select o.id from Notification o where o.inquiryId = n.inquiryId and o.kind = STAFF_ALERT
			    and o.recipientEmail = :newEmail)""")
	int readdressUnsentAlerts(String oldEmail, String newEmail);

	long countByState(Notification.State state);

	/** The oldest emails in these states first, at most {@code limit} of them (the outbox page). */
	List<Notification> findByStateInOrderByCreatedAtAscIdAsc(java.util.Collection<Notification.State> states,
			Limit limit);

	/**
	 * How many emails are in each state, as {@code [Notification.State, Long]} rows (states with none are left out).
	 * One grouped query. Rows rather than an interface projection: the proxy such a projection gets cannot reach the
	 * package-private {@code State}.
	 */
	@Query("select n.state, count(n) from Notification n group by n.state")
	List<Object[]> countPerState();

	long countByStateAndAttemptsGreaterThan(Notification.State state, int attempts);

	long countByStateAndAttemptsAndCreatedAtBefore(Notification.State state, int attempts, Instant createdBefore);


}

package ca.gagephysio.staff.signin;

import ca.gagephysio.staff.account.StaffAccount;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Slows down and then refuses password and code guessing. Attempts are counted per typed email, whether or not the
 * account exists (so the throttle itself reveals nothing), and per client address (so one machine cannot try many
 * accounts). After a few each attempt must wait, the wait doubling; past the maximum the email or address is locked
 * until {@code lockout} has passed since its last attempt.
 *
 * <p>
 * <b>Counted before checked.</b> {@link #admit} counts an attempt before the password hash (Argon2) or the code is
 * looked at, and the check runs only if the attempt was admitted. Counting afterwards let a burst of parallel wrong
 * passwords all pass a "not blocked yet" look before any of them was counted: 16 to 20 of 20 to 50 were checked
 * where 3 to 5 are allowed. An attempt that turns out right is {@linkplain #refund refunded}, so the count is the
 * failures plus the attempts being checked at this moment, and sequential use behaves exactly as before. An error
 * while counting is thrown, never taken as "admitted": the caller refuses the attempt.
 *
 * <p>
 * Held in the database (table {@code staff_sign_in_failure}, column {@code failures} being that count), so every
 * instance and a restart see the same counts. Each admission is a compare-and-set: read the row, decide in Java,
 * then {@code update ... where failures = <read> and last_failure = <read>}, which H2 and PostgreSQL both evaluate
 * against the row as it is once they hold its lock; losing that race means reading again. Hand-written rather than
 * Bucket4j (which the inquiry form uses): a token bucket refills at a steady rate, while this rule is a doubling wait
 * after the last attempt and a count that a successful sign-in clears, which no Bucket4j bandwidth expresses, and the
 * compare-and-set keeps that rule in one readable Java method instead of an SQL expression with powers of two.
 * Times are UTC epoch milliseconds.
 */
@Component
public class SignInThrottle {

	private static final String ACCOUNT = "account";

	private static final String ADDRESS = "address";

	/** Longer keys (a pasted essay in the email field) are stored as their SHA-256, within the column's 320. */
	private static final int MAX_KEY_LENGTH = 254;

	/**
	 * How often one admission reads again after losing the compare-and-set. Each loss means another attempt was
	 * counted, and at most the maximum number are admitted per lockout, so this is never reached by honest load;
	 * past it the attempt is refused as uncounted rather than let through.
	 */
	private static final int MAX_ROUNDS = 100;

	private final StaffProperties.SignIn settings;

	private final JdbcClient jdbc;

	SignInThrottle(StaffProperties properties, JdbcClient jdbc) {
		this.settings = properties.signIn();
		this.jdbc = jdbc;
	}

	/**
	 * Counts an attempt for this email from this address, before it is checked: first against the address, then
	 * against the email (an attempt the email refuses is given back to the address, so someone retrying a locked
	 * account does not lock everyone behind the same address).
	 * @return empty if the attempt was counted and may be checked; else how long to wait before the next one (it was
	 * not counted and must not be checked)
	 * @throws org.springframework.dao.DataAccessException if it could not be counted; the attempt must be refused
	 */
	public Optional<Duration> admit(String email, String address, Instant now) {
		Optional<Duration> addressWait = take(ADDRESS, addressKey(address), settings.maxFailuresPerAddress(), now);
		if (addressWait.isPresent()) {
			return addressWait;
		}
		Optional<Duration> accountWait = take(ACCOUNT, accountKey(email), settings.maxFailuresPerAccount(), now);
		if (accountWait.isPresent()) {
			giveBack(ADDRESS, addressKey(address));
		}
		return accountWait;
	}

	/**
	 * How long an attempt for this email from this address would have to wait now (empty: none), counting nothing;
	 * for telling someone how long to wait after a failure.
	 */
	Optional<Duration> waitBefore(String email, String address, Instant now) {
		Optional<Duration> addressWait = failures(ADDRESS, addressKey(address))
			.flatMap(seen -> waitAfter(seen, settings.maxFailuresPerAddress(), now));
		Optional<Duration> accountWait = failures(ACCOUNT, accountKey(email))
			.flatMap(seen -> waitAfter(seen, settings.maxFailuresPerAccount(), now));
		if (addressWait.isPresent() && accountWait.isPresent()) {
			return Optional.of(addressWait.get().compareTo(accountWait.get()) > 0 ? addressWait.get() : accountWait.get());
		}
		return addressWait.or(() -> accountWait);
	}

	/**
	 * An admitted attempt was right (the password, or the code): it does not count against the email or the
	 * address, as if it had never been counted.
	 */
	public void refund(String email, String address) {
		giveBack(ADDRESS, addressKey(address));
		giveBack(ACCOUNT, accountKey(email));
	}

	/**
	 * Both factors are done (or a passkey did both): the account's count is cleared; the address keeps its own, so it
	 * cannot be reset this way.
	 */
	void succeeded(String email) {
		jdbc.sql("delete from staff_sign_in_failure where kind = ? and sign_in_key = ?")
			.params(ACCOUNT, accountKey(email))
			.update();
	}

	/**
	 * Forgets attempts older than the lockout: they no longer count (see {@link #take}). Every ten minutes, on one
	 * instance at a time (the delete is harmless twice, the lock just saves the work).
	 */
	@Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT10M")
	@SchedulerLock(name = "staff-sign-in-failures-cleanup", lockAtMostFor = "PT5M")
	void forgetExpired() {
		forgetFailuresBefore(Instant.now().minus(settings.lockout()));
	}

	int forgetFailuresBefore(Instant cutoff) {
		return jdbc.sql("delete from staff_sign_in_failure where last_failure < ?").param(cutoff.toEpochMilli()).update();
	}

	/** Counts one attempt against one key if its rule admits it now: empty if counted, else the wait. */
	private Optional<Duration> take(String kind, String key, int max, Instant now) {
		for (int round = 0; round < MAX_ROUNDS; round++) {
			Optional<Failures> counted = failures(kind, key);
			if (counted.isEmpty()) {
				// a first attempt: a row that has never counted anything, then the compare-and-set as for any other
				jdbc.sql("""
						insert into staff_sign_in_failure (kind, sign_in_key, failures, last_failure) values (?, ?, 0, 0)
						on conflict do nothing""").params(kind, key).update();
				continue;
			}
			Failures seen = counted.get();
			Optional<Duration> wait = waitAfter(seen, max, now);
			if (wait.isPresent()) {
				return wait;
			}
			// an attempt more than the lockout after the last one starts the count again
			int count = seen.last().isBefore(now.minus(settings.lockout())) ? 1 : seen.count() + 1;
			int updated = jdbc.sql("""
					update staff_sign_in_failure set failures = ?, last_failure = ?
					where kind = ? and sign_in_key = ? and failures = ? and last_failure = ?""")
				.params(count, now.toEpochMilli(), kind, key, seen.count(), seen.last().toEpochMilli())
				.update();
			if (updated == 1) {
				return Optional.empty();
			}
		}
		throw new ConcurrencyFailureException("Could not count a sign-in attempt after " + MAX_ROUNDS + " rounds");
	}

	private void giveBack(String kind, String key) {
		jdbc.sql("update staff_sign_in_failure set failures = failures - 1 where kind = ? and sign_in_key = ? and failures > 0")
			.params(kind, key)
			.update();
	}

	private Optional<Failures> failures(String kind, String key) {
		return jdbc.sql("select failures, last_failure from staff_sign_in_failure where kind = ? and sign_in_key = ?")
			.params(kind, key)
			.query((row, n) -> new Failures(row.getInt(1), Instant.ofEpochMilli(row.getLong(2))))
			.optional();
	}

	/** How long the next attempt must wait after what is counted (empty: it may go ahead now). */
	private Optional<Duration> waitAfter(Failures failures, int max, Instant now) {
		Duration since = Duration.between(failures.last(), now);
		if (since.compareTo(settings.lockout()) >= 0) {
			return Optional.empty();
		}
		Duration needed;
		if (failures.count() >= max) {
			needed = settings.lockout();
		}
		else if (failures.count() >= settings.slowDownAfter()) {
			int doublings = Math.min(failures.count() - settings.slowDownAfter(), 20);
			needed = settings.slowDownStep().multipliedBy(1L << doublings);
		}
		else {
			return Optional.empty();
		}
		return since.compareTo(needed) < 0 ? Optional.of(needed.minus(since)) : Optional.empty();
	}

	private static String accountKey(String email) {
		return bounded(StaffAccount.normalise(email));
	}

	private static String addressKey(String address) {
		return bounded(String.valueOf(address));
	}

	private static String bounded(String key) {
		if (key.length() <= MAX_KEY_LENGTH) {
			return key;
		}
		try {
			return "sha256:" + HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	private record Failures(int count, Instant last) {
	}

}

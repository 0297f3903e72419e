package ca.gagephysio.staff.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Slows down and then refuses password guessing. Failures are counted per typed email, whether or not the account
 * exists (so the throttle itself reveals nothing), and per client address (so one machine cannot try many
 * accounts). After a few failures each attempt must wait, the wait doubling; past the maximum the email or address
 * is locked until {@code lockout} has passed since its last failure.
 *
 * <p>
 * Held in the database (table {@code staff_sign_in_failure}), so every instance and a restart see the same counts:
 * guesses spread over two instances are counted together. Hand-written rather than Bucket4j (which the inquiry form
 * uses): a token bucket refills at a steady rate, while this throttle's rule is a doubling wait after the last
 * failure and a count that a successful sign-in resets, which no Bucket4j bandwidth expresses. Each failure is one
 * {@code insert ... on conflict do nothing} and one conditional {@code update} of the row, both atomic in H2 and
 * PostgreSQL, so two instances counting at once never lose a failure. Times are UTC epoch milliseconds.
 */
@Component
class SignInThrottle {

	private static final String ACCOUNT = "account";

	private static final String ADDRESS = "address";

	/** Longer keys (a pasted essay in the email field) are stored as their SHA-256, within the column's 320. */
	private static final int MAX_KEY_LENGTH = 254;

	private final StaffProperties.SignIn settings;

	private final JdbcClient jdbc;

	SignInThrottle(StaffProperties properties, JdbcClient jdbc) {
		this.settings = properties.signIn();
		this.jdbc = jdbc;
	}

	/** True if an attempt for this email from this address must be refused now, before checking the password. */
	boolean isBlocked(String email, String address, Instant now) {
		return mustWait(failures(ACCOUNT, accountKey(email)), settings.maxFailuresPerAccount(), now)
				|| mustWait(failures(ADDRESS, addressKey(address)), settings.maxFailuresPerAddress(), now);
	}

	void failed(String email, String address, Instant now) {
		countFailure(ACCOUNT, accountKey(email), now);
		countFailure(ADDRESS, addressKey(address), now);
	}

	/** A correct password clears the account's count; the address keeps its own, so it cannot be reset this way. */
	void succeeded(String email) {
		jdbc.sql("delete from staff_sign_in_failure where kind = ? and sign_in_key = ?")
			.params(ACCOUNT, accountKey(email))
			.update();
	}

	/**
	 * Forgets failures older than the lockout: they no longer count (see {@link #countFailure}). Every ten minutes,
	 * on one instance at a time (the delete is harmless twice, the lock just saves the work).
	 */
	@Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT10M")
	@SchedulerLock(name = "staff-sign-in-failures-cleanup", lockAtMostFor = "PT5M")
	void forgetExpired() {
		forgetFailuresBefore(Instant.now().minus(settings.lockout()));
	}

	int forgetFailuresBefore(Instant cutoff) {
		return jdbc.sql("delete from staff_sign_in_failure where last_failure < ?").param(cutoff.toEpochMilli()).update();
	}

	private void countFailure(String kind, String key, Instant now) {
		jdbc.sql("""
				insert into staff_sign_in_failure (kind, sign_in_key, failures, last_failure) values (?, ?, 0, ?)
				on conflict do nothing""").params(kind, key, now.toEpochMilli()).update();
		// a failure more than the lockout after the last one starts the count again
		jdbc.sql("""
				update staff_sign_in_failure
				set failures = case when last_failure < ? then 1 else failures + 1 end, last_failure = ?
				where kind = ? and sign_in_key = ?""")
			.params(now.minus(settings.lockout()).toEpochMilli(), now.toEpochMilli(), kind, key)
			.update();
	}

	private Optional<Failures> failures(String kind, String key) {
		return jdbc.sql("select failures, last_failure from staff_sign_in_failure where kind = ? and sign_in_key = ?")
			.params(kind, key)
			.query((row, n) -> new Failures(row.getInt(1), Instant.ofEpochMilli(row.getLong(2))))
			.optional();
	}

	private boolean mustWait(Optional<Failures> counted, int max, Instant now) {
		if (counted.isEmpty()) {
			return false;
		}
		Failures failures = counted.get();
		Duration since = Duration.between(failures.last(), now);
		if (failures.count() >= max) {
			return since.compareTo(settings.lockout()) < 0;
		}
		if (failures.count() >= settings.slowDownAfter()) {
			int doublings = Math.min(failures.count() - settings.slowDownAfter(), 20);
			return since.compareTo(settings.slowDownStep().multipliedBy(1L << doublings)) < 0;
		}
		return false;
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

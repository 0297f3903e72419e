package ca.gagephysio.staff.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Slows down and then refuses password guessing. Failures are counted per typed email, whether or not the account
 * exists (so the throttle itself reveals nothing), and per client address (so one machine cannot try many
 * accounts). After a few failures each attempt must wait, the wait doubling; past the maximum the email or address
 * is locked until {@code lockout} has passed since its last failure. Kept in memory: a restart forgets it, and
 * several instances would each count on their own.
 */
@Component
class SignInThrottle {

	/** Bounds the memory an attacker spraying made-up emails can use. */
	private static final int MAX_TRACKED = 10_000;

	private final StaffProperties.SignIn settings;

	private final Map<String, Failures> byAccount = new ConcurrentHashMap<>();

	private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

	SignInThrottle(StaffProperties properties) {
		this.settings = properties.signIn();
	}

	/** True if an attempt for this email from this address must be refused now, before checking the password. */
	boolean isBlocked(String email, String address, Instant now) {
		return mustWait(byAccount.get(StaffAccount.normalise(email)), settings.maxFailuresPerAccount(), now)
				|| mustWait(byAddress.get(String.valueOf(address)), settings.maxFailuresPerAddress(), now);
	}

	void failed(String email, String address, Instant now) {
		if (byAccount.size() + byAddress.size() > MAX_TRACKED) {
			forgetExpired(now);
		}
		byAccount.merge(StaffAccount.normalise(email), new Failures(1, now), (old, one) -> old.plusOne(now, settings.lockout()));
		byAddress.merge(String.valueOf(address), new Failures(1, now), (old, one) -> old.plusOne(now, settings.lockout()));
	}

	/** A correct password clears the account's count; the address keeps its own, so it cannot be reset this way. */
	void succeeded(String email) {
		byAccount.remove(StaffAccount.normalise(email));
	}

	private boolean mustWait(Failures failures, int max, Instant now) {
		if (failures == null) {
			return false;
		}
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

	private void forgetExpired(Instant now) {
		Instant cutoff = now.minus(settings.lockout());
		byAccount.values().removeIf(failures -> failures.last().isBefore(cutoff));
		byAddress.values().removeIf(failures -> failures.last().isBefore(cutoff));
	}

	private record Failures(int count, Instant last) {

		Failures plusOne(Instant now, Duration lockout) {
			boolean forgotten = last.plus(lockout).isBefore(now);
			return new Failures(forgotten ? 1 : count + 1, now);
		}

	}

}

package ca.gagephysio.staff.signin;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import ca.gagephysio.ClinicIntegrationTest;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-in throttle as several instances share it: two throttles over the one database stand for two instances,
 * and count attempts together, never admitting more than the limit between them even when they race; its clean-up runs on one instance at a time (ShedLock).
 */
@ClinicIntegrationTest
class SharedSignInThrottleTests {

	@Autowired
	StaffProperties properties;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	/** The application's own throttle, proxied for its scheduled lock. */
	@Autowired
	SignInThrottle applications;

	@Test
	void attemptsThroughTwoInstancesCountTogetherPerAccountAndPerAddress() {
		SignInThrottle one = new SignInThrottle(properties, jdbc);
		SignInThrottle other = new SignInThrottle(properties, jdbc);
		String email = "shared-" + UUID.randomUUID() + "@test.gagephysio.ca";
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS); // as stored

		assertThat(one.admit(email, "192.0.2.101", now)).isEmpty();
		assertThat(other.admit(email, "192.0.2.102", now)).isEmpty();
		assertThat(one.waitBefore(email, "192.0.2.103", now)).as("two attempts: no wait yet").isEmpty();
		assertThat(one.admit(email, "192.0.2.104", now)).isEmpty();

		assertThat(other.admit(email, "192.0.2.105", now)).as("the fourth, counted across both")
			.hasValue(properties.signIn().slowDownStep());
		assertThat(one.waitBefore(email.toUpperCase(), "192.0.2.106", now)).isPresent();
		one.succeeded(email);
		assertThat(other.admit(email, "192.0.2.107", now)).as("a sign-in through one clears it for both").isEmpty();
	}

	@Test
	void aRightAttemptIsGivenBackSoOnlyWrongOnesCount() {
		String email = "refund-" + UUID.randomUUID() + "@test.gagephysio.ca";
		String address = "192.0.2.130";
		Instant now = Instant.now();
		for (int i = 0; i < properties.signIn().slowDownAfter() * 3; i++) {
			assertThat(applications.admit(email, address, now)).as("right attempt " + (i + 1)).isEmpty();
			applications.refund(email, address);
		}
		assertThat(failures("account", email)).isZero();
		assertThat(failures("address", address)).isZero();
	}

	@Test
	void anAttemptTheAccountRefusesIsGivenBackToTheAddress() {
		String locked = "locked-" + UUID.randomUUID() + "@test.gagephysio.ca";
		Instant now = Instant.now();
		for (int i = 0; i < properties.signIn().slowDownAfter(); i++) {
			assertThat(applications.admit(locked, "192.0.2.131", now)).isEmpty();
		}
		String sharedAddress = "192.0.2.132";

		for (int i = 0; i < 10; i++) {
			assertThat(applications.admit(locked, sharedAddress, now)).as("the locked account, tried again").isPresent();
		}

		assertThat(failures("address", sharedAddress)).as("the address it was tried from").isZero();
	}

	@Test
	void attemptsRacingThroughTwoInstancesAreNeverAdmittedPastTheLimit() throws Exception {
		SignInThrottle one = new SignInThrottle(properties, jdbc);
		SignInThrottle other = new SignInThrottle(properties, jdbc);
		String email = "race-" + UUID.randomUUID() + "@test.gagephysio.ca";
		Instant now = Instant.now();
		AtomicInteger admitted = new AtomicInteger();
		CountDownLatch start = new CountDownLatch(1);
		Thread first = started(() -> admitEach(one, email, "192.0.2.110", now, start, admitted));
		Thread second = started(() -> admitEach(other, email, "192.0.2.111", now, start, admitted));
		start.countDown();
		first.join();
		second.join();

		assertThat(admitted).hasValue(properties.signIn().slowDownAfter());
		assertThat(failures("account", email)).isEqualTo(properties.signIn().slowDownAfter());
	}

	private static void admitEach(SignInThrottle throttle, String email, String address, Instant now,
			CountDownLatch start, AtomicInteger admitted) {
		try {
			start.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		for (int i = 0; i < 10; i++) {
			if (throttle.admit(email, address, now).isEmpty()) {
				admitted.incrementAndGet();
			}
		}
	}

	private int failures(String kind, String key) {
		return jdbc.sql("select coalesce(max(failures), 0) from staff_sign_in_failure where kind = ? and sign_in_key = ?")
			.params(kind, key)
			.query(Integer.class)
			.single();
	}

	@Test
	void theCleanUpSkipsItsRunWhileAnotherInstanceHoldsItsLockAndForgetsOnlyExpiredFailures() throws Exception {
		String old = "old-" + UUID.randomUUID() + "@test.gagephysio.ca";
		String recent = "recent-" + UUID.randomUUID() + "@test.gagephysio.ca";
		Instant longAgo = Instant.now().minus(properties.signIn().lockout()).minus(Duration.ofMinutes(1));
		applications.admit(old, "192.0.2.120", longAgo);
		applications.admit(recent, "192.0.2.121", Instant.now());
		LockProvider otherInstance = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.withTableName("shedlock")
			.usingDbTime()
			.build());
		SimpleLock held = otherInstance
			.lock(new LockConfiguration(Instant.now(), "staff-sign-in-failures-cleanup", Duration.ofMinutes(1),
					Duration.ZERO))
			.orElseThrow();

		runOnAnotherThread(applications::forgetExpired);
		assertThat(failuresOf(old)).as("while the other instance holds the lock").isOne();

		held.unlock();
		runOnAnotherThread(applications::forgetExpired);
		assertThat(failuresOf(old)).as("once it is free").isZero();
		assertThat(failuresOf(recent)).isOne();
	}

	private int failuresOf(String email) {
		return jdbc.sql("select count(*) from staff_sign_in_failure where kind = 'account' and sign_in_key = ?")
			.param(email)
			.query(Integer.class)
			.single();
	}

	private static void runOnAnotherThread(Runnable job) throws InterruptedException {
		Thread thread = started(job);
		thread.join();
	}

	private static Thread started(Runnable work) {
		Thread thread = new Thread(work);
		thread.start();
		return thread;
	}

}

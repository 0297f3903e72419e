package ca.gagephysio.staff.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

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
 * and count failures together; its clean-up runs on one instance at a time (ShedLock).
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
	void failuresThroughTwoInstancesCountTogetherPerAccountAndPerAddress() {
		SignInThrottle one = new SignInThrottle(properties, jdbc);
		SignInThrottle other = new SignInThrottle(properties, jdbc);
		String email = "shared-" + UUID.randomUUID() + "@test.gagephysio.ca";
		Instant now = Instant.now();

		one.failed(email, "192.0.2.101", now);
		other.failed(email, "192.0.2.102", now);
		assertThat(one.isBlocked(email, "192.0.2.103", now)).as("two failures: not yet").isFalse();
		one.failed(email, "192.0.2.104", now);

		assertThat(other.isBlocked(email, "192.0.2.105", now)).as("the third, counted across both").isTrue();
		assertThat(one.isBlocked(email.toUpperCase(), "192.0.2.106", now)).isTrue();
		one.succeeded(email);
		assertThat(other.isBlocked(email, "192.0.2.107", now)).as("a sign-in through one clears it for both").isFalse();
	}

	@Test
	void concurrentFailuresThroughTwoInstancesAreNeverLost() throws Exception {
		SignInThrottle one = new SignInThrottle(properties, jdbc);
		SignInThrottle other = new SignInThrottle(properties, jdbc);
		String email = "race-" + UUID.randomUUID() + "@test.gagephysio.ca";
		Instant now = Instant.now();
		Thread first = started(() -> {
			for (int i = 0; i < 10; i++) {
				one.failed(email, "192.0.2.110", now);
			}
		});
		Thread second = started(() -> {
			for (int i = 0; i < 10; i++) {
				other.failed(email, "192.0.2.110", now);
			}
		});
		first.join();
		second.join();

		assertThat(jdbc.sql("select failures from staff_sign_in_failure where kind = 'account' and sign_in_key = ?")
			.param(email)
			.query(Integer.class)
			.single()).isEqualTo(20);
	}

	@Test
	void theCleanUpSkipsItsRunWhileAnotherInstanceHoldsItsLockAndForgetsOnlyExpiredFailures() throws Exception {
		String old = "old-" + UUID.randomUUID() + "@test.gagephysio.ca";
		String recent = "recent-" + UUID.randomUUID() + "@test.gagephysio.ca";
		Instant longAgo = Instant.now().minus(properties.signIn().lockout()).minus(Duration.ofMinutes(1));
		applications.failed(old, "192.0.2.120", longAgo);
		applications.failed(recent, "192.0.2.121", Instant.now());
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

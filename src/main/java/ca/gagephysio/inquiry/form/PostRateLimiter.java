package ca.gagephysio.inquiry.form;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;

import javax.sql.DataSource;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Limits how often one client may post the inquiry form: a Bucket4j token bucket per client, held in the database
 * (table {@code inquiry_post_bucket}) so that posts through every instance, and across restarts, count together. The
 * client is the address Spring resolves for the request: behind the clinic's own proxy set
 * {@code server.forward-headers-strategy=native} so that it is the visitor's address, and never trust
 * {@code X-Forwarded-For} otherwise, or anyone could send a new address with each post. IPv6 clients are counted by
 * their /64 network, which one household or one attacker usually has whole.
 *
 * <p>
 * Bucket4j's "select for update" protocol ({@link SharedPostBuckets}): each post locks its client's row, reads the
 * bucket, takes a token and writes it back in one transaction, so two instances never both spend the last token. The
 * same code runs on H2 (the default) and PostgreSQL. A client's row is worthless once its bucket is full again
 * ({@code expires_at}); a job deletes such rows, so addresses are kept only for minutes.
 *
 * <p>
 * A post it cannot count (the database failing) is reported as {@link Count.Uncounted}, not let through as if
 * counted: the form then stores the inquiry held for review (see {@code InquiryFormController#submit}), so the limit
 * never silently fails open and no inquiry is lost to it.
 */
@Component
class PostRateLimiter {

	private static final Logger log = LoggerFactory.getLogger(PostRateLimiter.class);

	/** How many worthless rows one clean-up deletes per statement, so it never holds many row locks at once. */
	private static final int CLEANUP_BATCH = 1_000;

	private final SharedPostBuckets buckets;

	private final BucketConfiguration configuration;

	private final JdbcClient jdbc;

	PostRateLimiter(InquiryFormProperties properties, DataSource dataSource) {
		long capacity = properties.rateLimit().capacity();
		Duration period = properties.rateLimit().period();
		this.configuration = BucketConfiguration.builder()
			.addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
			.build();
		this.buckets = new SharedPostBuckets(dataSource,
				ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO));
		this.jdbc = JdbcClient.create(dataSource);
	}

	/**
	 * Counts one post from the client.
	 * @return {@link Count.Admitted}, {@link Count.TooMany} with how long the client must wait, or
	 * {@link Count.Uncounted} when the count could not be taken (a database error of any kind): never taken as
	 * "admitted", the caller decides what such a post may still do
	 */
	Count tryPost(String clientAddress) {
		ConsumptionProbe probe;
		try {
			probe = buckets.builder()
				.build(keyOf(clientAddress), () -> configuration)
				.tryConsumeAndReturnRemaining(1);
		}
		catch (RuntimeException ex) {
			log.error("Could not count an inquiry post against the rate limit", ex);
			return new Count.Uncounted();
		}
		if (probe.isConsumed()) {
			return new Count.Admitted();
		}
		return new Count.TooMany(Duration.ofNanos(probe.getNanosToWaitForRefill()));
	}

	/** What counting one post came to. */
	sealed interface Count {

		/** Counted, within the limit. */
		record Admitted() implements Count {
		}

		/** Over the limit: not counted, and the client must wait this long. */
		record TooMany(Duration retryAfter) implements Count {
		}

		/** The count could not be taken, so nobody knows whether the client is over the limit. */
		record Uncounted() implements Count {
		}

	}

	/**
	 * Clients whose bucket is full again have not posted for a while: nothing about them needs keeping. Every
	 * minute, on one instance at a time.
	 */
	@Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
	@SchedulerLock(name = "inquiry-post-buckets-cleanup", lockAtMostFor = "PT5M")
	void forgetQuietClients() {
		while (buckets.removeExpired(CLEANUP_BATCH) >= CLEANUP_BATCH) {
			// another batch is due
		}
	}

	/** How many clients are being counted now (whose bucket is not yet full again). */
	int trackedClients() {
		return jdbc.sql("select count(*) from inquiry_post_bucket where expires_at > ?")
			.param(System.currentTimeMillis())
			.query(Integer.class)
			.single();
	}

	static String keyOf(String address) {
		if (address == null || address.indexOf(':') < 0) {
			return String.valueOf(address);
		}
		try {
			// an IPv6 literal: no name lookup happens
			byte[] bytes = InetAddress.getByName(address).getAddress();
			return bytes.length == 16 ? HexFormat.of().formatHex(Arrays.copyOf(bytes, 8)) + "::/64" : address;
		}
		catch (UnknownHostException ex) {
			return address;
		}
	}

}

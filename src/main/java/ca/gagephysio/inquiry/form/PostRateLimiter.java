package ca.gagephysio.inquiry.form;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

import javax.sql.DataSource;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

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
 */
@Component
class PostRateLimiter {

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
	 * @return empty if it may go ahead, else how long the client must wait
	 */
	Optional<Duration> tryPost(String clientAddress) {
		ConsumptionProbe probe = buckets.builder()
			.build(keyOf(clientAddress), () -> configuration)
			.tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			return Optional.empty();
		}
		return Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
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

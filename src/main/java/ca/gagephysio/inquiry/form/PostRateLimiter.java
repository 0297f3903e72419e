package ca.gagephysio.inquiry.form;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Limits how often one client may post the inquiry form (Bucket4j token buckets, in memory). The client is the
 * address Spring resolves for the request: behind the clinic's own proxy set
 * {@code server.forward-headers-strategy=native} so that it is the visitor's address, and never trust
 * {@code X-Forwarded-For} otherwise, or anyone could send a new address with each post. IPv6 clients are counted by
 * their /64 network, which one household or one attacker usually has whole.
 *
 * <p>
 * Addresses are kept only while their bucket refills (minutes), and per instance: with several instances the limit
 * applies per instance, which is still enough to stop a flood.
 */
@Component
class PostRateLimiter {

	/** Beyond this many clients at once, new ones share one bucket, so a spread-out flood cannot exhaust memory. */
	private static final int MAX_TRACKED_CLIENTS = 50_000;

	private static final String OVERFLOW = "overflow";

	private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final long capacity;

	private final Duration period;

	PostRateLimiter(InquiryFormProperties properties) {
		this.capacity = properties.rateLimit().capacity();
		this.period = properties.rateLimit().period();
	}

	/**
	 * Counts one post from the client.
	 * @return empty if it may go ahead, else how long the client must wait
	 */
	Optional<Duration> tryPost(String clientAddress) {
		String key = keyOf(clientAddress);
		if (buckets.size() >= MAX_TRACKED_CLIENTS && !buckets.containsKey(key)) {
			key = OVERFLOW;
		}
		ConsumptionProbe probe = buckets.computeIfAbsent(key, any -> newBucket()).tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			return Optional.empty();
		}
		return Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
	}

	private Bucket newBucket() {
		return Bucket.builder().addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build()).build();
	}

	/** Clients whose bucket is full again have not posted for a while: nothing about them needs keeping. */
	@Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
	void forgetQuietClients() {
		buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= capacity);
	}

	/** How many clients are being counted now. */
	int trackedClients() {
		return buckets.size();
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

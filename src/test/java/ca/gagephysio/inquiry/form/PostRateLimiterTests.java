package ca.gagephysio.inquiry.form;

import java.time.Duration;

import javax.sql.DataSource;

import ca.gagephysio.ClinicIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The form's rate limit, held in the database: limiters built here stand for instances sharing it. Each test counts
 * clients of its own (documentation addresses with a random part), since the table outlives a test.
 */
@ClinicIntegrationTest
class PostRateLimiterTests {

	@Autowired
	DataSource dataSource;

	private PostRateLimiter limiter(int capacity, Duration period) {
		return new PostRateLimiter(new InquiryFormProperties(null, Duration.ofHours(8), Duration.ofSeconds(3),
				Duration.ofDays(7), new InquiryFormProperties.RateLimit(capacity, period)), dataSource);
	}

	/** A client address no other test uses (198.18.0.0/15 is for benchmarks; nothing else here posts from it). */
	private static String ipv4() {
		int n = CLIENTS.incrementAndGet();
		return "198." + (18 + n / 65536) + "." + (n / 256 % 256) + "." + (n % 256);
	}

	private static String ipv6Network() {
		return "2001:db8:" + Integer.toHexString(RUN) + ":" + Integer.toHexString(CLIENTS.incrementAndGet());
	}

	private static final int RUN = new java.util.Random().nextInt(65536);

	private static final java.util.concurrent.atomic.AtomicInteger CLIENTS = new java.util.concurrent.atomic.AtomicInteger(
			new java.util.Random().nextInt(60000));

	@Test
	void letsAClientPostUpToTheLimitThenSaysHowLongToWait() {
		PostRateLimiter limiter = limiter(3, Duration.ofMinutes(10));
		String client = ipv4();
		for (int i = 0; i < 3; i++) {
			assertThat(limiter.tryPost(client)).isInstanceOf(PostRateLimiter.Count.Admitted.class);
		}

		assertThat(limiter.tryPost(client)).isInstanceOfSatisfying(PostRateLimiter.Count.TooMany.class,
				tooMany -> assertThat(tooMany.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(10)));
		assertThat(limiter.tryPost(ipv4())).as("another client").isInstanceOf(PostRateLimiter.Count.Admitted.class);
	}

	@Test
	void countsAnIpv6ClientByItsNetworkSoRotatingAddressesDoesNotEscapeTheLimit() {
		PostRateLimiter limiter = limiter(3, Duration.ofMinutes(10));
		String network = ipv6Network();
		assertThat(limiter.tryPost(network + "::1")).isInstanceOf(PostRateLimiter.Count.Admitted.class);
		assertThat(limiter.tryPost(network + ":aaaa::2")).isInstanceOf(PostRateLimiter.Count.Admitted.class);
		assertThat(limiter.tryPost(network + ":ffff:ffff:ffff:ffff")).isInstanceOf(PostRateLimiter.Count.Admitted.class);

		assertThat(limiter.tryPost(network + ":1234::99")).isInstanceOf(PostRateLimiter.Count.TooMany.class);
		assertThat(limiter.tryPost(ipv6Network() + "::1")).as("another network").isInstanceOf(PostRateLimiter.Count.Admitted.class);
	}

	@Test
	void postsThroughTwoInstancesCountTogether() {
		PostRateLimiter one = limiter(3, Duration.ofMinutes(10));
		PostRateLimiter other = limiter(3, Duration.ofMinutes(10));
		String client = ipv4();

		assertThat(one.tryPost(client)).isInstanceOf(PostRateLimiter.Count.Admitted.class);
		assertThat(other.tryPost(client)).isInstanceOf(PostRateLimiter.Count.Admitted.class);
		assertThat(one.tryPost(client)).isInstanceOf(PostRateLimiter.Count.Admitted.class);

		assertThat(other.tryPost(client)).as("the fourth post, wherever it lands").isInstanceOf(PostRateLimiter.Count.TooMany.class);
		assertThat(one.tryPost(client)).isInstanceOf(PostRateLimiter.Count.TooMany.class);
	}

	@Test
	void forgetsClientsOnceTheirAllowanceIsBack() throws InterruptedException {
		PostRateLimiter limiter = limiter(3, Duration.ofMinutes(10));
		PostRateLimiter quiet = limiter(1, Duration.ofMillis(1));
		String busyClient = ipv4();
		String quietClient = ipv4();
		int before = limiter.trackedClients();
		limiter.tryPost(busyClient);
		assertThat(limiter.trackedClients()).as("counting the busy client").isEqualTo(before + 1);
		quiet.tryPost(quietClient);
		Thread.sleep(5); // at least the 1 ms the quiet limiter needs to refill

		quiet.forgetQuietClients();

		assertThat(rows(quietClient)).as("the quiet client's row").isZero();
		assertThat(rows(busyClient)).as("the busy client's row").isOne();
	}

	private int rows(String client) {
		return org.springframework.jdbc.core.simple.JdbcClient.create(dataSource)
			.sql("select count(*) from inquiry_post_bucket where id = ?")
			.param(PostRateLimiter.keyOf(client))
			.query(Integer.class)
			.single();
	}

}

package ca.gagephysio.inquiry.form;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostRateLimiterTests {

	private final PostRateLimiter limiter = new PostRateLimiter(new InquiryFormProperties(null, Duration.ofHours(8),
			Duration.ofSeconds(3), Duration.ofDays(7), new InquiryFormProperties.RateLimit(3, Duration.ofMinutes(10))));

	@Test
	void letsAClientPostUpToTheLimitThenSaysHowLongToWait() {
		for (int i = 0; i < 3; i++) {
			assertThat(limiter.tryPost("203.0.113.7")).isEmpty();
		}

		assertThat(limiter.tryPost("203.0.113.7")).hasValueSatisfying(
				wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(10)));
		assertThat(limiter.tryPost("203.0.113.8")).as("another client").isEmpty();
	}

	@Test
	void countsAnIpv6ClientByItsNetworkSoRotatingAddressesDoesNotEscapeTheLimit() {
		assertThat(limiter.tryPost("2001:db8:1:2::1")).isEmpty();
		assertThat(limiter.tryPost("2001:db8:1:2:aaaa::2")).isEmpty();
		assertThat(limiter.tryPost("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).isEmpty();

		assertThat(limiter.tryPost("2001:db8:1:2:1234::99")).isPresent();
		assertThat(limiter.tryPost("2001:db8:1:3::1")).as("another network").isEmpty();
	}

	@Test
	void forgetsClientsOnceTheirAllowanceIsBack() throws InterruptedException {
		limiter.tryPost("203.0.113.9");
		PostRateLimiter quiet = new PostRateLimiter(new InquiryFormProperties(null, Duration.ofHours(8),
				Duration.ofSeconds(3), Duration.ofDays(7), new InquiryFormProperties.RateLimit(1, Duration.ofMillis(1))));
		quiet.tryPost("203.0.113.9");
		Thread.sleep(5); // at least the 1 ms the quiet limiter needs to refill

		quiet.forgetQuietClients();
		limiter.forgetQuietClients();

		assertThat(quiet.trackedClients()).isZero();
		assertThat(limiter.trackedClients()).isEqualTo(1);
	}

}

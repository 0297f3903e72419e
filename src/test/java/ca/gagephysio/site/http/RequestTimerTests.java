package ca.gagephysio.site.http;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request timer works only while Spring's own request observation is off, decided from the environment when the
 * application starts (a build-time condition would be fixed by Spring's ahead-of-time processing).
 */
class RequestTimerTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void withSpringsObservationOffEveryRequestIsTimedUnderItsRoute() throws Exception {
		RequestTimer timer = new RequestTimer(registry,
				new MockEnvironment().withProperty(RequestTimer.OBSERVATION_PROPERTY, "false"));

		MockFilterChain chain = new MockFilterChain();
		timer.doFilter(articleRequest(), new MockHttpServletResponse(), chain);

		assertThat(chain.getRequest()).isNotNull();
		assertThat(registry.get(RequestTimer.METER).tag("uri", "/articles/{slug}").tag("status", "200").timer().count())
			.isEqualTo(1);
	}

	@Test
	void withSpringsObservationOnItPassesRequestsOnAndRegistersNothing() throws Exception {
		RequestTimer timer = new RequestTimer(registry,
				new MockEnvironment().withProperty(RequestTimer.OBSERVATION_PROPERTY, "true"));

		MockFilterChain chain = new MockFilterChain();
		timer.doFilter(articleRequest(), new MockHttpServletResponse(), chain);

		assertThat(chain.getRequest()).isNotNull();
		assertThat(registry.getMeters()).isEmpty();
	}

	/** Spring Boot observes requests unless told otherwise, so an unset property means the timer steps aside. */
	@Test
	void withThePropertyUnsetItStepsAsideAsSpringObservesRequestsByDefault() throws Exception {
		RequestTimer timer = new RequestTimer(registry, new MockEnvironment());

		MockFilterChain chain = new MockFilterChain();
		timer.doFilter(articleRequest(), new MockHttpServletResponse(), chain);

		assertThat(chain.getRequest()).isNotNull();
		assertThat(registry.getMeters()).isEmpty();
	}

	private static MockHttpServletRequest articleRequest() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/articles/massage-for-back-pain");
		request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/articles/{slug}");
		return request;
	}

}

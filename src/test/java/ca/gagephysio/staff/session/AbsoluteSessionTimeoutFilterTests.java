package ca.gagephysio.staff.session;

import ca.gagephysio.staff.signin.SignInEvents;
import ca.gagephysio.staff.signin.StaffProperties;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;

class AbsoluteSessionTimeoutFilterTests {

	private final AbsoluteSessionTimeoutFilter filter = new AbsoluteSessionTimeoutFilter(
			new StaffProperties(Duration.ofHours(10), new StaffProperties.SignIn(3, Duration.ofSeconds(2), 5, 20,
					Duration.ofMinutes(15)), null));

	@Test
	void endsASessionSignedInLongerAgoThanTheAbsoluteTimeOutHoweverBusyAndLetsTheRequestGoOnWithoutIt()
			throws Exception {
		MockHttpSession session = signedInAgo(Duration.ofHours(10).plusMinutes(1));
		MockHttpServletRequest request = request(session);
		MockFilterChain chain = new MockFilterChain();

		filter.doFilter(request, new MockHttpServletResponse(), chain);

		assertThat(session.isInvalid()).isTrue();
		assertThat(chain.getRequest()).isSameAs(request);
		assertThat(request.getSession(false)).as("the ended session, as the security chain then sees it").isNull();
	}

	@Test
	void letsAYoungerSessionThrough() throws Exception {
		MockHttpSession session = signedInAgo(Duration.ofHours(9));
		MockFilterChain chain = new MockFilterChain();

		filter.doFilter(request(session), new MockHttpServletResponse(), chain);

		assertThat(session.isInvalid()).isFalse();
		assertThat(chain.getRequest()).isNotNull();
	}

	private static MockHttpSession signedInAgo(Duration ago) {
		MockHttpSession session = new MockHttpSession();
		session.setAttribute(SignInEvents.SIGNED_IN_AT, Instant.now().minus(ago));
		return session;
	}

	private static MockHttpServletRequest request(MockHttpSession session) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/staff/inquiries");
		request.setSession(session);
		return request;
	}

}

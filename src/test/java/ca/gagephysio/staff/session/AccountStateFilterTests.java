package ca.gagephysio.staff.session;

import ca.gagephysio.staff.account.AccountsThisRequest;
import ca.gagephysio.staff.account.StaffAccount;
import ca.gagephysio.staff.signin.SignInEvents;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The session-epoch check on its own, with the moments a second request of the same session can land in pinned
 * down; {@code StaffRaceTests} and {@code SessionsEndWhenTheAccountChangesTests} drive it through the real path.
 */
class AccountStateFilterTests {

	private static final String EMAIL = "frankie@example.org";

	private final AccountsThisRequest accounts = mock(AccountsThisRequest.class);

	private final AccountStateFilter filter = new AccountStateFilter(accounts);

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void keepsTheSessionWhenItsOwnChangeInAnotherTabCommitsWhileThisRequestReadsTheAccount() throws Exception {
		MockHttpSession session = signedInAtEpoch(3);
		StaffAccount asRead = account(3);
		// The other tab's request commits epoch 4, raised by this session, and gives the session epoch 4 just as
		// this request's read returns the account as it was before.
		when(accounts.byEmail(EMAIL)).thenAnswer(read -> {
			session.setAttribute(SignInEvents.SESSION_EPOCH, 4);
			return Optional.of(asRead);
		});

		MockHttpServletRequest request = request(session);
		filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());

		assertThat(session.isInvalid()).isFalse();
		assertThat(request.getAttribute(AccountStateFilter.SESSION_ENDED)).isNull();
		assertThat(SecurityContextHolder.getContext().getAuthentication()).isNotNull();
	}

	@Test
	void keepsTheSessionThatRaisedTheEpochItselfFromTheEpochBeforeAndGivesItTheNewOne() throws Exception {
		MockHttpSession session = signedInAtEpoch(3);
		StaffAccount account = account(3);
		account.endSessionsBut(session.getId());
		when(accounts.byEmail(EMAIL)).thenReturn(Optional.of(account));

		filter.doFilter(request(session), new MockHttpServletResponse(), new MockFilterChain());

		assertThat(session.isInvalid()).isFalse();
		assertThat(session.getAttribute(SignInEvents.SESSION_EPOCH)).isEqualTo(4);
	}

	@Test
	void endsASessionWhoseEpochWasRaisedByAnotherSession() throws Exception {
		MockHttpSession session = signedInAtEpoch(3);
		StaffAccount account = account(3);
		account.endSessionsBut("another-session");
		when(accounts.byEmail(EMAIL)).thenReturn(Optional.of(account));

		MockHttpServletRequest request = request(session);
		filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());

		assertThat(session.isInvalid()).isTrue();
		assertThat(request.getAttribute(AccountStateFilter.SESSION_ENDED)).isEqualTo(Boolean.TRUE);
		assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
	}

	private static MockHttpSession signedInAtEpoch(int epoch) {
		MockHttpSession session = new MockHttpSession();
		session.setAttribute(SignInEvents.SESSION_EPOCH, epoch);
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(EMAIL, null,
					List.of(new SimpleGrantedAuthority("ROLE_STAFF"))));
		return session;
	}

	/** An enabled account at this epoch, as the database would hand it over (its constructor is the module's own). */
	private static StaffAccount account(int epoch) {
		StaffAccount account = new StaffAccount() {
		};
		ReflectionTestUtils.setField(account, StaffAccount.class, "email", EMAIL, String.class);
		ReflectionTestUtils.setField(account, StaffAccount.class, "enabled", true, boolean.class);
		ReflectionTestUtils.setField(account, StaffAccount.class, "sessionEpoch", epoch, int.class);
		return account;
	}

	private static MockHttpServletRequest request(MockHttpSession session) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/staff/account/security/passkeys/x/delete");
		request.setSession(session);
		return request;
	}

}

package ca.gagephysio;

import ca.gagephysio.staff.account.AccountsAtServerStart;
import ca.gagephysio.staff.account.StaffAccounts;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.session.web.http.SessionRepositoryFilter;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * What every integration test's application context has beyond the application itself: a clock tests can move, and
 * a record of whether the first administrator existed when the web server started.
 * The application takes a {@link java.time.Clock} bean where there is one and the system clock otherwise.
 *
 * <p>
 * And one allowance for MockMvc: its requests keep MockMvc's own {@code MockHttpSession}, which tests look into, age
 * and end; Spring Session's filter, which would swap it for one in the database found by cookie, stands aside for
 * them. Every request to the real server ({@link LiveServer}) goes through Spring Session and the
 * {@code spring_session} table: {@code StaffSessionStoreTests} proves sign-in, fixation, sign-out, the time-outs, a
 * kept draft and a stateless public side that way.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ClinicTestConfiguration {

	/** Spring Session's filter skips a request that carries this attribute (it counts as already filtered). */
	static final String SESSION_REPOSITORY_FILTERED = SessionRepositoryFilter.class.getName()
			+ ".FILTERED";

	@Bean
	SettableClock clock() {
		return new SettableClock();
	}

	/** Whether the first administrator existed when the web server started ({@code FirstAdministratorIdentityTests}). */
	@Bean
	AccountsAtServerStart accountsAtServerStart(StaffAccounts accounts, @Value("${clinic.admin.email}") String email) {
		return new AccountsAtServerStart(accounts, email);
	}

	@Bean
	MockMvcBuilderCustomizer keepTheTestsOwnSession() {
		return builder -> builder.defaultRequest(get("/").requestAttr(SESSION_REPOSITORY_FILTERED, Boolean.TRUE));
	}

}

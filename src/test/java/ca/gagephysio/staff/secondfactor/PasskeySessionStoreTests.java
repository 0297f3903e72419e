package ca.gagephysio.staff.secondfactor;

import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import ca.gagephysio.staff.signin.StaffHttpBrowser;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.LiveServer;
import ca.gagephysio.SettableClock;
import ca.gagephysio.clinic.ClinicFacts;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The passkey ceremonies through the real server, where the options wait between the two requests in the
 * {@code spring_session} table (Java serialisation, Spring Session JDBC): the store through which the
 * user-verification requirement used to be lost, so that a key without PIN or fingerprint could be registered and
 * then open the back office alone. Here a key that does not verify the person is refused at registration and at
 * sign-in, and the same key verifying the person is accepted.
 */
@ClinicIntegrationTest
class PasskeySessionStoreTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	SettableClock clock;

	@Autowired
	ClinicFacts clinic;

	@Autowired
	JdbcClient jdbc;

	@Test
	void throughTheDatabaseSessionAKeyWithoutUserVerificationIsRefusedAtRegistrationAndAtSignIn() {
		String email = StaffTestAccounts.create(accounts, "Stored Options", StaffRole.STAFF);
		Browser staff = new Browser(new LiveServer(port));
		staff.signIn(email);
		String token = staff.csrf("/staff/account/security");
		TestAuthenticator key = new TestAuthenticator();

		HttpResponse<String> unverified = staff.register(token, key, TestAuthenticator.UP);
		assertThat(unverified.statusCode()).isEqualTo(400);
		assertThat(unverified.body()).doesNotContain("\"success\":true");
		assertThat(credentials(email)).isZero();
		HttpResponse<String> verified = staff.register(token, key, TestAuthenticator.UP | TestAuthenticator.UV);
		assertThat(verified.statusCode()).isEqualTo(200);
		assertThat(verified.body()).contains("\"success\":true");

		Browser stranger = new Browser(new LiveServer(port));
		HttpResponse<String> noPin = stranger.signInWithPasskey(key, TestAuthenticator.UP);
		assertThat(noPin.statusCode()).isEqualTo(401);
		assertThat(stranger.get("/staff/inquiries").statusCode()).isEqualTo(302);

		Browser owner = new Browser(new LiveServer(port));
		HttpResponse<String> withPin = owner.signInWithPasskey(key, TestAuthenticator.UP | TestAuthenticator.UV);
		assertThat(withPin.statusCode()).isEqualTo(200);
		assertThat(withPin.body()).contains("\"authenticated\":true");
		assertThat(owner.get("/staff/inquiries").statusCode()).isEqualTo(200);
	}

	private long credentials(String email) {
		return jdbc.sql("""
				select count(*) from user_credentials c join user_entities u on u.id = c.user_entity_user_id
				where u.name = ?""").param(email).query(Long.class).single();
	}

	private String origin() {
		URI base = clinic.baseUrl();
		return PasskeyRelyingParty.origin(base.getScheme(), base.getHost(), base.getPort());
	}

	/** Plain HTTP with one session cookie, as a browser whose page script calls the passkey endpoints. */
	private final class Browser extends StaffHttpBrowser {

		Browser(LiveServer server) {
			super(server);
		}

		void signIn(String email) {
			signIn(email, clock);
		}

		HttpResponse<String> register(String token, TestAuthenticator key, int flags) {
			HttpResponse<String> options = postJson("/webauthn/register/options", token, "");
			assertThat(options.statusCode()).as("registration options").isEqualTo(200);
			return postJson("/webauthn/register", token,
					key.registration(JsonPath.read(options.body(), "$.rp.id"), origin(),
							JsonPath.read(options.body(), "$.challenge"), flags, "Stored options key"));
		}

		HttpResponse<String> signInWithPasskey(TestAuthenticator key, int flags) {
			String token = csrf("/login");
			HttpResponse<String> options = postJson("/webauthn/authenticate/options", token, "");
			assertThat(options.statusCode()).as("sign-in options").isEqualTo(200);
			String handle = jdbc.sql("""
					select u.id from user_entities u join user_credentials c on c.user_entity_user_id = u.id
					where c.credential_id = ?""").param(key.credentialId()).query(String.class).single();
			return postJson("/login/webauthn", token, key.assertion(JsonPath.read(options.body(), "$.rpId"),
					origin(), JsonPath.read(options.body(), "$.challenge"), flags, handle));
		}

	}

}

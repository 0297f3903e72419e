package ca.gagephysio.staff.secondfactor;

import ca.gagephysio.staff.signin.StaffSessions;
import ca.gagephysio.staff.account.StaffTestAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.signin.StaffHttpBrowser;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ca.gagephysio.ClinicApplication;
import ca.gagephysio.ClinicTestConfiguration;
import ca.gagephysio.LiveServer;
import ca.gagephysio.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A clinic changes its keys the way docs/operations.md says (Secrets and changing them): it stops, and starts again with a
 * new {@code clinic.staff.totp-key} and {@code clinic.inquiry.token-secret}, the old ones listed as previous. Here
 * the application really is started three times on one database of its own (a new H2 file, or with
 * {@code -Ppostgres} a new schema), over HTTP like a browser: before the change, after it, and after the old keys
 * were dropped. Not the shared test context, which runs as a clinic after the change already
 * ({@link AppKeyRotationTests}).
 */
class RestartWithRotatedKeysTests {

	private static final String TOTP_KEY_A = "a2V5IEEgb2YgdGhlIHJlc3RhcnQgdGVzdCwgMzJieXQ=";

	private static final String TOTP_KEY_B = "a2V5IEIgb2YgdGhlIHJlc3RhcnQgdGVzdCwgMzJieXQ=";

	private static final String TOKEN_SECRET_A = "restart test: the inquiry token secret before the change";

	private static final String TOKEN_SECRET_B = "restart test: the inquiry token secret after the change";

	@TempDir
	Path directory;

	@Test
	void aRestartWithNewKeysAndTheOldOnesListedKeepsAppsFormsAndDataAndDroppingThemShowsTheAppPageNotAnError()
			throws Exception {
		Map<String, String> database = PostgresTestDatabase.inUse() ? PostgresTestDatabase.newSchema()
				: Map.of("spring.datasource.url", "jdbc:h2:file:" + directory.resolve("clinic")
						+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
		String returning;
		String away;
		String formOpenedForAfter;
		String formOpenedForDropped;
		String inquiryReference;
		long returningId;
		String returningSecretBefore;

		// before: key A, secret A; two people set up their apps, a patient sends an inquiry, two more open the form
		try (ConfigurableApplicationContext before = start(database, TOTP_KEY_A, "", TOKEN_SECRET_A, "")) {
			StaffAccounts accounts = before.getBean(StaffAccounts.class);
			returning = StaffTestAccounts.create(accounts, "Signs In After The Change", StaffRole.STAFF);
			away = StaffTestAccounts.create(accounts, "Away Until The Old Key Is Gone", StaffRole.STAFF);
			for (String email : List.of(returning, away)) {
				assertThat(location(browserOf(before).signIn(email, clockOf(before))))
					.as("the app set up at the first sign-in")
					.endsWith(SecurityPageController.PATH + "/recovery-codes");
			}
			returningId = accounts.byEmail(returning).orElseThrow().getId();
			returningSecretBefore = storedAppKey(before, returningId);

			StaffHttpBrowser patient = browserOf(before);
			HttpResponse<String> sent = patient.post("/inquiry", inquiry(patient, "Restart Before Patient"));
			assertThat(location(sent)).as("sent before the change").contains("/inquiry/sent/");
			inquiryReference = location(sent).substring(location(sent).lastIndexOf('/') + 1);
			formOpenedForAfter = patient.get("/inquiry").body();
			formOpenedForDropped = patient.get("/inquiry").body();
		}

		// after: key B encrypts, A still decrypts; the same for the token secret
		try (ConfigurableApplicationContext after = start(database, TOTP_KEY_B, TOTP_KEY_A, TOKEN_SECRET_B,
				TOKEN_SECRET_A)) {
			StaffHttpBrowser browser = browserOf(after);
			HttpResponse<String> landed = browser.signIn(returning, clockOf(after));

			assertThat(location(landed)).as("the app's code signs in").endsWith("/staff/inquiries");
			assertThat(browser.get("/staff/inquiries").body()).as("data stored before the change")
				.contains(inquiryReference);
			assertThat(storedAppKey(after, returningId)).as("encrypted again, with B").isNotEqualTo(returningSecretBefore);

			StaffHttpBrowser patient = browserOf(after);
			HttpResponse<String> sent = patient.post("/inquiry",
					filledIn(formOpenedForAfter, "Restart Form Opened Before"));
			assertThat(location(sent)).as("a form signed with A is taken at the first press").contains("/inquiry/sent/");
		}

		// A dropped: the one who stayed away cannot use the app and is told what to do; the old form comes back
		try (ConfigurableApplicationContext dropped = start(database, TOTP_KEY_B, "", TOKEN_SECRET_B, "")) {
			StaffHttpBrowser browser = browserOf(dropped);
			Map<String, String> password = new LinkedHashMap<>();
			password.put("_csrf", browser.csrf("/login"));
			password.put("email", away);
			password.put("password", StaffTestAccounts.PASSWORD);
			browser.post("/login", password);
			String step = browser.get(SecondFactorRule.STEP_PATH).body();
			HttpResponse<String> code = browser.post(SecondFactorRule.STEP_PATH, Map.of("_csrf",
					StaffHttpBrowser.csrfOf(step), "code", StaffTestAccounts.nextCode(clockOf(dropped), away)));

			assertThat(location(code)).endsWith(AppUnreadableController.PATH);
			HttpResponse<String> page = browser.get(AppUnreadableController.PATH);
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).contains("Your authenticator app must be set up again")
				.doesNotContain(StaffSessions.PUBLIC_ERROR_WORDING);
			assertThat(location(browser.get("/staff/inquiries"))).as("the password alone reaches nothing else")
				.endsWith(SecondFactorRule.STEP_PATH);
			// the one who signed in after the change is under B already, which this start alone knows
			assertThat(location(browserOf(dropped).signIn(returning, clockOf(dropped)))).endsWith("/staff/inquiries");

			StaffHttpBrowser patient = browserOf(dropped);
			HttpResponse<String> back = patient.post("/inquiry",
					filledIn(formOpenedForDropped, "Restart Form Opened Long Before"));
			assertThat(back.statusCode()).as("the form again, not an error").isEqualTo(200);
			assertThat(back.body()).contains("Your inquiry hasn&#39;t been sent yet", "Restart Form Opened Long Before");
		}
	}

	/**
	 * The application as {@code java -jar} starts it with these settings (on a random port), plus the tests' clock.
	 * Command-line arguments, so they win over the test {@code application.properties}.
	 */
	private static ConfigurableApplicationContext start(Map<String, String> database, String totpKey,
			String previousTotpKeys, String tokenSecret, String previousTokenSecrets) {
		List<String> args = new ArrayList<>();
		database.forEach((name, value) -> args.add("--" + name + "=" + value));
		args.add("--" + PostgresTestDatabase.CHOSEN + "=true");
		args.add("--server.port=0");
		args.add("--management.server.port=0");
		// the patient here fills the form in at once; a person's pace is InquiryFormTests' concern
		args.add("--clinic.inquiry.minimum-fill-time=0s");
		args.add("--clinic.staff.totp-key=" + totpKey);
		args.add("--clinic.staff.totp-previous-keys=" + previousTotpKeys);
		args.add("--clinic.inquiry.token-secret=" + tokenSecret);
		args.add("--clinic.inquiry.token-previous-secrets=" + previousTokenSecrets);
		return new SpringApplicationBuilder(ClinicApplication.class, ClinicTestConfiguration.class)
			.run(args.toArray(String[]::new));
	}

	private static StaffHttpBrowser browserOf(ConfigurableApplicationContext context) {
		return new StaffHttpBrowser(
				new LiveServer(((WebServerApplicationContext) context).getWebServer().getPort()));
	}

	private static Clock clockOf(ConfigurableApplicationContext context) {
		return context.getBean(Clock.class);
	}

	/** The inquiry form as a patient opens and fills it in. */
	private static Map<String, String> inquiry(StaffHttpBrowser patient, String name) {
		return filledIn(patient.get("/inquiry").body(), name);
	}

	private static Map<String, String> filledIn(String form, String name) {
		Map<String, String> fields = new LinkedHashMap<>(StaffSessions.formFieldsWithToken(form, "/inquiry"));
		fields.put("name", name);
		fields.put("email", name.toLowerCase().replace(' ', '.') + "@example.com");
		fields.put("service", "MASSAGE_THERAPY");
		fields.put("askingAbout", "COST");
		fields.put("consent", "true");
		return fields;
	}

	private static String storedAppKey(ConfigurableApplicationContext context, long accountId) {
		return context.getBean(JdbcClient.class)
			.sql("select secret from staff_totp where account_id = ?")
			.param(accountId)
			.query(String.class)
			.single();
	}

	private static String location(HttpResponse<String> response) {
		return response.headers().firstValue("Location").orElse("");
	}

}

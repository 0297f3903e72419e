package ca.gagephysio.fees;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.Race;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.account.StaffTestAccounts;
import ca.gagephysio.staff.signin.StaffSessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Two administrators saving the fees at the same instant, and one double-clicking Save, through the real path with
 * two signed-in sessions: two threads released together ({@link Race}). Two first saves end in one revision and the
 * other told, with their typing kept; a double click ends both clicks like the first, with one revision. Never a 500.
 */
@ClinicIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeesRaceTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	MockHttpSession first;

	MockHttpSession second;

	@BeforeAll
	void signInOnce(@Autowired StaffAccounts accounts) throws Exception {
		first = StaffSessions.signIn(mvc, StaffTestAccounts.create(accounts, "Avery Fees", StaffRole.ADMIN));
		second = StaffSessions.signIn(mvc, StaffTestAccounts.create(accounts, "Blair Fees", StaffRole.ADMIN));
	}

	@AfterEach
	void noFeesAgain() {
		SavedFees.forget(context);
	}

	@Test
	void twoFirstSavesAtOnceSaveOneAndShowTheOtherWhatHappenedWithItsTypingKept() throws Exception {
		List<MvcResult> results = Race.run(() -> save(first, fees("95.00")), () -> save(second, fees("99.00")));

		assertThat(results).extracting(result -> result.getResponse().getStatus()).containsExactlyInAnyOrder(302, 200);
		boolean firstLost = results.get(0).getResponse().getStatus() == 200;
		String loser = results.get(firstLost ? 0 : 1).getResponse().getContentAsString();
		assertThat(loser).containsAnyOf("Someone else saved the fees while you were editing",
				"Someone else was saving the fees at the same moment");
		assertThat(loser).contains("value=\"" + (firstLost ? "95.00" : "99.00") + "\"");
		assertThat(revisions()).isEqualTo(1);
		assertThat(price()).isEqualTo(firstLost ? 9900 : 9500);
	}

	@Test
	void aDoubleClickOnSaveEndsBothClicksLikeTheFirstWithOneRevision() throws Exception {
		Map<String, String> form = fees("95.00");

		List<MvcResult> results = Race.run(() -> save(first, form), () -> save(first, form));

		assertThat(results).allSatisfy(result -> {
			assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/staff/fees");
			assertThat(result.getFlashMap().get("flash")).isEqualTo("fees.saved");
		});
		assertThat(revisions()).isEqualTo(1);
	}

	private MvcResult save(MockHttpSession who, Map<String, String> form) throws Exception {
		MockHttpServletRequestBuilder request = post("/staff/fees").session(who).with(csrf());
		form.forEach(request::param);
		return mvc.perform(request).andReturn();
	}

	/** What the editor posts for one service at {@code price}, opened before anything was saved. */
	private static Map<String, String> fees(String price) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("revision", "0");
		form.put("restoredFrom", "");
		form.put("services[0].name", "Physiotherapy assessment");
		form.put("services[0].minutes", "60");
		form.put("services[0].price", price);
		form.put("services[0].kind", "FIRST_VISIT");
		form.put("_services[0].hst", "on");
		form.put("save", "save");
		return form;
	}

	private int revisions() {
		return jdbc.sql("select count(*) from fee_revision").query(Integer.class).single();
	}

	private long price() {
		return jdbc.sql("select s.price_cents from fee_revision_service s join fee_schedule h on h.id = 1 "
				+ "join fee_revision r on r.id = s.revision_id and r.number = h.current_number")
			.query(Long.class)
			.single();
	}

}

package ca.gagephysio.clinic.staff;

import java.time.DayOfWeek;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.Race;
import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.clinic.SavedClinicFacts;
import ca.gagephysio.staff.account.StaffAccounts;
import ca.gagephysio.staff.account.StaffRole;
import ca.gagephysio.staff.signin.StaffSessions;
import ca.gagephysio.staff.account.StaffTestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Two administrators saving the clinic facts at the same instant, and one double-clicking Save, through the real
 * path with two real signed-in sessions: two threads released together. The first save ever (both inserting the one
 * row) and a later one (both updating it) each end in one save and the conflict message with the loser's typing
 * kept, or, for a double click, in the same result as the first click. Never a 500.
 */
@ClinicIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClinicFactsRaceTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ClinicFacts clinic;

	@Autowired
	ApplicationContext context;

	MockHttpSession first;

	MockHttpSession second;

	@BeforeAll
	void signInOnce(@Autowired StaffAccounts accounts) throws Exception {
		first = StaffSessions.signIn(mvc, StaffTestAccounts.create(accounts, "Avery Facts", StaffRole.ADMIN));
		second = StaffSessions.signIn(mvc, StaffTestAccounts.create(accounts, "Blair Facts", StaffRole.ADMIN));
	}

	@AfterEach
	void backToTheDefaults() {
		SavedClinicFacts.forget(context);
	}

	@Test
	void twoFirstSavesAtOnceSaveOneAndShowTheOtherTheConflictWithItsTypingKept() throws Exception {
		assertOneSaveAndOneConflict();
	}

	@Test
	void twoLaterSavesAtOnceSaveOneAndShowTheOtherTheConflictWithItsTypingKept() throws Exception {
		Map<String, String> form = currentForm();
		form.put("phone", "905-555-0150");
		assertThat(save(first, form).getResponse().getStatus()).isEqualTo(302);

		assertOneSaveAndOneConflict();
	}

	@Test
	void aDoubleClickOnSaveEndsBothClicksLikeTheFirst() throws Exception {
		Map<String, String> form = currentForm();
		form.put("phone", "905-555-0166");

		List<MvcResult> results = Race.run(() -> save(first, form), () -> save(first, form));

		assertThat(results).allSatisfy(result -> {
			assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/staff/settings");
			assertThat(result.getFlashMap().get("flash")).isEqualTo("settings.saved");
		});
		assertThat(clinic.phone()).isEqualTo("905-555-0166");
	}

	private void assertOneSaveAndOneConflict() throws Exception {
		Map<String, String> firstForm = currentForm();
		firstForm.put("phone", "905-555-0111");
		Map<String, String> secondForm = currentForm();
		secondForm.put("phone", "905-555-0122");

		List<MvcResult> results = Race.run(() -> save(first, firstForm), () -> save(second, secondForm));

		assertThat(results).extracting(result -> result.getResponse().getStatus()).containsExactlyInAnyOrder(302, 200);
		boolean firstLost = results.get(0).getResponse().getStatus() == 200;
		MvcResult loser = results.get(firstLost ? 0 : 1);
		assertThat(loser.getResponse().getContentAsString())
			.contains("Someone else saved the clinic facts while you were editing")
			.contains("value=\"" + (firstLost ? "905-555-0111" : "905-555-0122") + "\"");
		assertThat(clinic.phone()).isEqualTo(firstLost ? "905-555-0122" : "905-555-0111");
	}

	private MvcResult save(MockHttpSession who, Map<String, String> form) throws Exception {
		MockHttpServletRequestBuilder request = post("/staff/settings").session(who).with(csrf());
		form.forEach(request::param);
		return mvc.perform(request).andReturn();
	}

	/** What the page posts when nothing is changed: the facts in force, as the browser would send them. */
	private Map<String, String> currentForm() {
		ClinicFactsForm now = ClinicFactsForm.of(clinic);
		Map<String, String> form = new LinkedHashMap<>();
		form.put("version", now.version());
		form.put("name", now.name());
		form.put("phone", now.phone());
		form.put("email", now.email());
		form.put("street", now.street());
		form.put("city", now.city());
		form.put("province", now.province());
		form.put("postalCode", now.postalCode());
		form.put("latitude", now.latitude());
		form.put("longitude", now.longitude());
		for (int i = 0; i < now.days().size(); i++) {
			ClinicFactsForm.Day day = now.days().get(i);
			form.put("days[" + i + "].day", DayOfWeek.valueOf(day.day()).name());
			if (day.isOpen()) {
				form.put("days[" + i + "].open", "true");
			}
			form.put("_days[" + i + "].open", "on");
			form.put("days[" + i + "].opens", day.opens());
			form.put("days[" + i + "].closes", day.closes());
		}
		if (Boolean.TRUE.equals(now.closedOnStatutoryHolidays())) {
			form.put("closedOnStatutoryHolidays", "true");
		}
		form.put("_closedOnStatutoryHolidays", "on");
		form.put("baseUrl", now.baseUrl());
		form.put("bookingUrl", now.bookingUrl());
		if (Boolean.TRUE.equals(now.acceptingNewClients())) {
			form.put("acceptingNewClients", "true");
		}
		form.put("_acceptingNewClients", "on");
		return form;
	}

}

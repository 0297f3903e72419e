package ca.gagephysio.staff.internal;

import java.lang.reflect.Method;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.staff.AccessTrail;
import org.hibernate.annotations.Immutable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

@ClinicIntegrationTest
class AuditTrailTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	AccessTrail trail;

	@Test
	void thePrivacyOfficerFiltersTheTrailByPersonAndRecord() throws Exception {
		String admin = StaffTestAccounts.create(accounts, "Privacy Officer", StaffRole.ADMIN);
		String looker = StaffTestAccounts.create(accounts, "Curious Colleague", StaffRole.STAFF);
		long lookerId = accounts.byEmail(looker).orElseThrow().getId();
		long record = 900_000_000L + (System.nanoTime() % 1_000_000);
		recordAs(looker, record);

		String byPerson = page(admin, "/staff/audit?person=" + lookerId);
		String byRecord = page(admin, "/staff/audit?inquiry=" + record);
		String tomorrowOnly = page(admin, "/staff/audit?person=" + lookerId + "&from=" + LocalDate.now().plusDays(2));

		assertThat(byPerson).contains(looker).contains("INQUIRY_VIEWED");
		assertThat(byRecord).contains(looker).doesNotContain(admin + "</td>");
		assertThat(tomorrowOnly).contains("Nothing matches.");
	}

	@Test
	void theTrailOffersNoWayToChangeOrDeleteAnEntry() {
		assertThat(Arrays.stream(AuditEntryRepository.class.getMethods()).map(Method::getName))
			.noneMatch(name -> name.startsWith("delete") || name.startsWith("update"));
		assertThat(AuditEntry.class.isAnnotationPresent(Immutable.class)).isTrue();
	}

	private void recordAs(String email, long record) {
		SecurityContext previous = SecurityContextHolder.getContext();
		try {
			SecurityContextHolder.setContext(
					new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(email, null, List.of())));
			trail.record("INQUIRY_VIEWED", "INQUIRY", record, null);
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
	}

	private String page(String admin, String path) throws Exception {
		return mvc.perform(get(path).with(StaffTestAccounts.signedIn(admin, "ADMIN", "STAFF")))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

}

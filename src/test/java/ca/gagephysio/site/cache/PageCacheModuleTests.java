package ca.gagephysio.site.cache;

import java.nio.charset.StandardCharsets;

import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.clinic.ClinicProperties;
import ca.gagephysio.clinic.ClinicFacts.Facts;
import ca.gagephysio.clinic.SavedClinicFacts;
import ca.gagephysio.inquiry.internal.InquiryJavaMigrations;
import ca.gagephysio.shared.PhoneNumbers;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The site module with only the modules it depends on (clinic, shared): public content saved in another module reaches
 * the page cache, so the next request renders the page again instead of sending the one kept before the change.
 * The clinic's facts are that content here, as they are the one kind of public content below the site; articles and
 * clinicians reach the cache too ({@code ArticleCacheTests}, {@code TeamPageCacheTests}).
 * <p>
 * Closed after the class ({@link DirtiesContext}), so its page cache and content-version poller do not run beside the
 * shared context for the rest of the suite.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
@DirtiesContext
@AutoConfigureMockMvc
class PageCacheModuleTests {

	private static final String RENAMED = "Module Test Physiotherapy";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	ClinicFacts clinic;

	@Autowired
	ApplicationContext context;

	@AfterEach
	void forgetTheSavedFacts() {
		SavedClinicFacts.forget(context);
	}

	@Test
	void savedClinicFactsReplaceTheCachedHomePage(Scenario scenario) {
		String kept = home();
		assertThat(home()).as("served from the cache the second time").isEqualTo(kept).doesNotContain(RENAMED);
		Facts now = clinic.facts();
		Facts renamed = new Facts(RENAMED, now.baseUrl(), now.phone(), now.email(), now.address(), now.geo(), now.week(),
				now.closedOnStatutoryHolidays(), now.bookingUrl(), now.acceptingNewClients());

		scenario.stimulate(() -> clinic.save(renamed, clinic.version(), "Module test"))
			.andWaitForStateChange(this::home, page -> page.contains(RENAMED))
			.andVerify(page -> assertThat(page).isNotEqualTo(kept).contains("<title>"));
	}

	private String home() {
		MvcTestResult result = mvc.get().uri("/").exchange();
		assertThat(result).hasStatusOk();
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	/** The inquiry module's Java migrations, which this partial context would otherwise lack. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Migrations {

		@Bean
		JavaMigration inquirySearchKeysMigration(PhoneNumbers phones) {
			return InquiryJavaMigrations.searchKeys(phones);
		}

		@Bean
		JavaMigration inquiryArrivalDayMigration(ClinicProperties clinic) {
			return InquiryJavaMigrations.arrivalDay(clinic);
		}

		@Bean
		JavaMigration inquirySearchCountsIndexMigration() {
			return InquiryJavaMigrations.searchCountsIndex();
		}

	}

}

package ca.gagephysio.fees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.UnavailableTable;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Whether the fees page is public is read only when a page is rendered ({@link FeesLinkAdvice}), never on a request
 * answered from the page cache: the inquiry form, whose cached page only gets its token spliced in per request, is
 * served while the fees module's table cannot be read at all. Read eagerly, the advice cost the form one query per
 * request (issue 24: the form fell to 0.21x nginx in {@code benchmark/wrk-vs-nginx.sh}).
 */
@ClinicIntegrationTest
class FeesLinkQueryTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theCachedInquiryFormIsServedWithoutReadingWhetherFeesArePublished() throws Exception {
		String rendered = form();
		try (UnavailableTable head = UnavailableTable.of(jdbc, "fee_schedule")) {
			String served = form();
			assertThat(served).as("the same cached page, another token").contains("name=\"token\"");
			assertThat(withoutToken(served)).isEqualTo(withoutToken(rendered));
		}
	}

	private String form() throws Exception {
		MvcResult result = mvc.perform(get("/inquiry")).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		return result.getResponse().getContentAsString();
	}

	private static String withoutToken(String page) {
		return page.replaceAll("name=\"token\" value=\"[^\"]*\"", "name=\"token\"");
	}

}

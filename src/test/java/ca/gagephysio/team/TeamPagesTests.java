package ca.gagephysio.team;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.LiveServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

@ClinicIntegrationTest
class TeamPagesTests {

	@Autowired
	MockMvcTester mvc;

	@LocalServerPort
	int port;

	@Test
	void teamPageLinksToEachBio() {
		MvcTestResult team = mvc.get().uri("/team").exchange();

		assertThat(team).hasStatusOk();
		assertThat(team).headers().hasValue("Cache-Control", "no-cache, public");
		assertThat(team).bodyText()
			.contains("<h1>Our Team</h1>")
			.contains("href=\"/team/valerie-van-woudenberg\"")
			.contains("Physiotherapist and owner");
	}

	@Test
	void bioPageShowsHerNameTitleAndBioWordForWord() {
		MvcTestResult bio = mvc.get().uri("/team/valerie-van-woudenberg").exchange();

		assertThat(bio).hasStatusOk();
		assertThat(bio).bodyText()
			.contains("<h1>Valerie van Woudenberg</h1>")
			.contains("Physiotherapist and owner")
			.contains("She believes that in order to take care of yourself, a holistic approach to treatment is required.")
			.contains("have been let down by previous physiotherapy treatments, doctors or other treatments.")
			.contains("without the worrying of lingering injuries slowing them down.")
			.contains("<link rel=\"canonical\" href=\"http://localhost:8080/team/valerie-van-woudenberg\">")
			.contains("<span aria-current=\"page\">Valerie van Woudenberg</span>");
	}

	@Test
	void bioStructuredDataIsAProfilePageOfAPhysiotherapistWorkingForTheClinic() throws Exception {
		String html = mvc.get().uri("/team/valerie-van-woudenberg").exchange().getResponse().getContentAsString();
		JsonNode graph = JsonMapper.shared().readTree(jsonLd(html)).get("@graph");

		JsonNode page = node(graph, "ProfilePage");
		JsonNode person = node(graph, "Person");
		JsonNode clinic = graph.get(1);
		assertThat(page.get("mainEntity").get("@id").asString()).isEqualTo(person.get("@id").asString());
		assertThat(person.get("name").asString()).isEqualTo("Valerie van Woudenberg");
		assertThat(person.get("jobTitle").asString()).isEqualTo("Physiotherapist");
		assertThat(person.get("worksFor").get("@id").asString()).isEqualTo(clinic.get("@id").asString());
		assertThat(node(graph, "BreadcrumbList").get("itemListElement")).hasSize(3);
		assertThat(html).doesNotContain("Physician");
	}

	@Test
	void unknownClinicianGetsTheNotFoundPage() {
		HttpResponse<String> response = new LiveServer(port).get("/team/nobody-here", "Accept", "text/html");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("We couldn&#39;t find that page").doesNotContain("Exception");
	}

	static String jsonLd(String html) {
		Matcher script = Pattern.compile("<script type=\"application/ld\\+json\">(.*?)</script>", Pattern.DOTALL)
			.matcher(html);
		assertThat(script.find()).as("a JSON-LD block").isTrue();
		return script.group(1);
	}

	static JsonNode node(JsonNode graph, String type) {
		List<JsonNode> found = new ArrayList<>();
		for (JsonNode node : graph) {
			JsonNode types = node.get("@type");
			boolean matches = types.isArray() ? types.valueStream().anyMatch(t -> t.asString().equals(type))
					: types.asString().equals(type);
			if (matches) {
				found.add(node);
			}
		}
		assertThat(found).as("one %s node", type).hasSize(1);
		return found.get(0);
	}

}

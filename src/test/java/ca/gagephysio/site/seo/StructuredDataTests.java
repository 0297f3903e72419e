package ca.gagephysio.site.seo;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import ca.gagephysio.clinic.ClinicProperties;
import ca.gagephysio.clinic.FixedClinicFacts;
import ca.gagephysio.site.PageMeta;

import static org.assertj.core.api.Assertions.assertThat;

class StructuredDataTests {

	private final ClinicProperties clinic = new ClinicProperties("Clinic <b>&</b>", URI.create("https://clinic.example/"),
			"905-555-0100", null, new ClinicProperties.Address("1 Main St", "Hamilton", "ON", "L8A 0A0", "CA"),
			new ClinicProperties.Geo(43.2, -79.8), ZoneId.of("America/Toronto"),
			List.of(new ClinicProperties.OpeningHours(Set.of(DayOfWeek.FRIDAY, DayOfWeek.MONDAY), LocalTime.of(8, 0),
					LocalTime.of(17, 30))),
			true, false, null, false);

	private final StructuredData structuredData = new StructuredData(FixedClinicFacts.of(clinic));

	@Test
	void textThatCouldCloseTheScriptElementIsEscapedYetParsesBackUnchanged() {
		PageMeta page = PageMeta.of("Title </script><script>alert(1)</script>", "A & B", "/articles/x");

		String json = structuredData.forPage(page);

		assertThat(json).doesNotContain("<").doesNotContain(">").doesNotContain("&");
		JsonNode graph = JsonMapper.shared().readTree(json).get("@graph");
		assertThat(graph.get(2).get("name").asString()).isEqualTo("Title </script><script>alert(1)</script>");
		assertThat(graph.get(1).get("name").asString()).isEqualTo("Clinic <b>&</b>");
	}

	@Test
	void nodesReferToEachOtherByIdAcrossTheGraph() {
		PageMeta page = PageMeta.of("Bio", "About her", "/team/someone")
			.withBreadcrumbs(List.of(new PageMeta.Breadcrumb("Our Team", "/team"),
					new PageMeta.Breadcrumb("Someone", "/team/someone")));
		StructuredData.Person person = new StructuredData.Person("/team/someone", "Someone", "Physiotherapist", null, true);

		JsonNode graph = JsonMapper.shared().readTree(structuredData.forProfile(page, person)).get("@graph");

		assertThat(graph.get(0).get("@id").asString()).isEqualTo("https://clinic.example/#website");
		assertThat(graph.get(1).get("@id").asString()).isEqualTo("https://clinic.example/#clinic");
		assertThat(graph.get(1).get("openingHoursSpecification").get(0).get("dayOfWeek").toString())
			.isEqualTo("[\"https://schema.org/Monday\",\"https://schema.org/Friday\"]");
		assertThat(graph.get(1).get("openingHoursSpecification").get(0).get("closes").asString()).isEqualTo("17:30");
		assertThat(graph.get(2).get("@type").asString()).isEqualTo("ProfilePage");
		assertThat(graph.get(2).get("breadcrumb").get("@id").asString()).isEqualTo(graph.get(3).get("@id").asString());
		assertThat(graph.get(3).get("itemListElement").get(2).get("item").asString())
			.isEqualTo("https://clinic.example/team/someone");
		assertThat(graph.get(2).get("mainEntity").get("@id").asString()).isEqualTo(graph.get(4).get("@id").asString());
		assertThat(graph.get(4).get("worksFor").get("@id").asString()).isEqualTo("https://clinic.example/#clinic");
	}

	@Test
	void anArticleWrittenAndReviewedByOnePersonNamesHerOnce() {
		PageMeta page = PageMeta.of("Tip", "About", "/articles/tip");
		StructuredData.Person author = new StructuredData.Person("/team/someone", "Someone", "Physiotherapist", null, true);
		LocalDate day = LocalDate.of(2026, 11, 25);

		JsonNode graph = JsonMapper.shared()
			.readTree(structuredData.forArticle(page,
					new StructuredData.ArticleFacts("Health Tips", day, day, day, author, author, null)))
			.get("@graph");

		assertThat(graph.valueStream().filter(node -> "\"Person\"".equals(node.get("@type").toString()))).hasSize(1);
		assertThat(graph.get(2).has("about")).isFalse();
	}

	@Test
	void anAuthorWhoseBioIsNotPublicIsNamedWithoutAnyLinkToTheirBio() {
		PageMeta page = PageMeta.of("Tip", "About", "/articles/tip");
		StructuredData.Person author = new StructuredData.Person("/team/someone", "Someone", "Physiotherapist", null,
				false);
		LocalDate day = LocalDate.of(2026, 11, 25);

		String json = structuredData.forArticle(page,
				new StructuredData.ArticleFacts("Health Tips", day, day, day, author, author, null));

		assertThat(json).doesNotContain("/team/someone\"").doesNotContain("/team/someone#");
		JsonNode graph = JsonMapper.shared().readTree(json).get("@graph");
		JsonNode person = graph.valueStream().filter(node -> "\"Person\"".equals(node.get("@type").toString()))
			.findFirst().orElseThrow();
		assertThat(person.has("url")).isFalse();
		assertThat(person.get("@id").asString()).isEqualTo("https://clinic.example/#person-someone");
		JsonNode article = graph.valueStream().filter(node -> node.has("author")).findFirst().orElseThrow();
		assertThat(article.get("author").get("@id").asString()).isEqualTo(person.get("@id").asString());
	}

}

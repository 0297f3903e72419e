package ca.gagephysio.site;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import ca.gagephysio.ClinicIntegrationTest;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

@ClinicIntegrationTest
class PublicPagesTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void homePageIntroducesTheClinicWithItsLatestHealthTipAndTheCallToAction() {
		MvcTestResult home = mvc.get().uri("/").exchange();

		assertThat(home).hasStatusOk();
		assertThat(home).headers().hasValue("Cache-Control", "no-cache, public");
		assertThat(home).bodyText()
			.contains("<title>Gage Physiotherapy &amp; Foot Clinic: physiotherapy and foot care in Hamilton, ON</title>")
			.contains("Physiotherapy and foot care in Hamilton")
			.contains("href=\"/articles/massage-for-back-pain\"")
			.contains("How Massage Therapy Can Relieve Your Back Pain")
			.contains("Want Help Deciding if Physiotherapy is Right For You?")
			.contains("please fill out this 35-second form")
			.contains("href=\"/inquiry?from=home\"")
			.contains("905-555-0100")
			.contains("\"@type\":[\"MedicalClinic\",\"Physiotherapy\"]");
	}

	@Test
	void privacyPageSaysWhatIsCollectedWhoSeesItHowLongAndHowToAskForDeletion() {
		MvcTestResult privacy = mvc.get().uri("/privacy").exchange();

		assertThat(privacy).hasStatusOk();
		assertThat(privacy).bodyText()
			.contains("your email address or phone number")
			.contains("the best time to reach you")
			.contains("a record of your consent")
			.contains("campaign tags (UTM)")
			.contains("front-desk staff and the clinic&#39;s owner")
			.contains("it is recorded")
			.contains("we keep it for 24 months")
			.contains("with a reference number only: never your message")
			.contains("ask us to delete it")
			.contains("tel:+19055550100")
			.contains("(PHIPA)")
			.contains("(PIPEDA)");
	}

	@Test
	void robotsPointAtTheSitemapAndKeepCrawlersOutOfTheBackOffice() {
		MvcTestResult robots = mvc.get().uri("/robots.txt").exchange();

		assertThat(robots).hasStatusOk();
		assertThat(robots).hasContentTypeCompatibleWith("text/plain");
		assertThat(robots).bodyText()
			.contains("Disallow: /staff\n")
			.contains("Disallow: /login\n")
			.contains("Sitemap: http://localhost:8080/sitemap.xml");
	}

	@Test
	void sitemapIsWellFormedAndListsTheArticleTheBioAndTheSitePages() throws Exception {
		MvcTestResult sitemap = mvc.get().uri("/sitemap.xml").exchange();

		assertThat(sitemap).hasStatusOk();
		assertThat(sitemap).hasContentTypeCompatibleWith("application/xml");
		Document xml = parse(sitemap.getResponse().getContentAsString());
		assertThat(xml.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.sitemaps.org/schemas/sitemap/0.9");
		assertThat(texts(xml, "http://www.sitemaps.org/schemas/sitemap/0.9", "loc")).contains(
				"http://localhost:8080/", "http://localhost:8080/articles", "http://localhost:8080/privacy",
				"http://localhost:8080/articles/massage-for-back-pain",
				"http://localhost:8080/team/valerie-van-woudenberg");
	}

	@Test
	void feedIsAWellFormedAtomFeedOfTheHealthTips() throws Exception {
		MvcTestResult feed = mvc.get().uri("/feed.xml").exchange();

		assertThat(feed).hasStatusOk();
		assertThat(feed).hasContentTypeCompatibleWith("application/atom+xml");
		Document xml = parse(feed.getResponse().getContentAsString());
		String atom = "http://www.w3.org/2005/Atom";
		assertThat(xml.getDocumentElement().getNamespaceURI()).isEqualTo(atom);
		assertThat(texts(xml, atom, "title")).contains("Health Tips from Gage Physiotherapy & Foot Clinic",
				"How Massage Therapy Can Relieve Your Back Pain");
		assertThat(texts(xml, atom, "id")).contains("http://localhost:8080/articles/massage-for-back-pain");
		assertThat(texts(xml, atom, "name")).contains("Valerie van Woudenberg");
		assertThat(texts(xml, atom, "published")).contains("2026-11-25T05:00:00Z");
	}

	static Document parse(String xml) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
	}

	private static List<String> texts(Document xml, String namespace, String element) {
		NodeList nodes = xml.getElementsByTagNameNS(namespace, element);
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < nodes.getLength(); i++) {
			texts.add(nodes.item(i).getTextContent());
		}
		return texts;
	}

}

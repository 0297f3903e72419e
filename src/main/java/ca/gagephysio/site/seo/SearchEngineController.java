package ca.gagephysio.site.seo;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.site.cache.PageCache;

/**
 * What search engines and feed readers fetch: the sitemap, robots.txt and the Atom feed of Health Tips. Built with
 * an XML writer, so a title with an ampersand can never break the document. Served from the {@link PageCache}, so a
 * feed reader polling every few minutes costs nothing.
 */
@RestController
class SearchEngineController {

	private static final String SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";

	private static final String ATOM_NS = "http://www.w3.org/2005/Atom";

	/** Pages of the site itself, before the features' own. */
	private static final List<String> SITE_PAGES = List.of("/", "/articles", "/team", "/privacy");

	private static final MediaType XML = new MediaType(MediaType.APPLICATION_XML, StandardCharsets.UTF_8);

	private static final MediaType ATOM = new MediaType(MediaType.APPLICATION_ATOM_XML, StandardCharsets.UTF_8);

	private static final MediaType TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

	private static final XMLOutputFactory XML_OUTPUT = XMLOutputFactory.newFactory();

	private final List<PublishedContent> content;

	private final ClinicFacts clinic;

	private final MessageSource messages;

	private final PageCache pages;

	SearchEngineController(List<PublishedContent> content, ClinicFacts clinic, MessageSource messages,
			PageCache pages) {
		this.pages = pages;
		this.content = content;
		this.clinic = clinic;
		this.messages = messages;
	}

	@GetMapping("/robots.txt")
	ResponseEntity<byte[]> robots(
			@RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding) {
		return pages.serve("/robots.txt", TEXT, acceptEncoding, this::robots);
	}

	private String robots() {
		return """
				User-agent: *
				Disallow: /staff
				Disallow: /login

				Sitemap: %s
				""".formatted(clinic.url("/sitemap.xml"));
	}

	@GetMapping("/sitemap.xml")
	ResponseEntity<byte[]> sitemap(
			@RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding) {
		return pages.serve("/sitemap.xml", XML, acceptEncoding, () -> xml(this::sitemap));
	}

	private String sitemap() throws XMLStreamException {
		StringWriter out = new StringWriter();
		XMLStreamWriter xml = XML_OUTPUT.createXMLStreamWriter(out);
		xml.writeStartDocument("UTF-8", "1.0");
		xml.writeStartElement("urlset");
		xml.writeDefaultNamespace(SITEMAP_NS);
		for (String path : SITE_PAGES) {
			url(xml, path, null);
		}
		for (PublishedPage page : pages().toList()) {
			url(xml, page.path(), LocalDate.ofInstant(page.updated(), ZoneOffset.UTC));
		}
		xml.writeEndElement();
		xml.writeEndDocument();
		xml.close();
		return out.toString();
	}

	private void url(XMLStreamWriter xml, String path, LocalDate lastModified) throws XMLStreamException {
		xml.writeStartElement("url");
		element(xml, "loc", clinic.url(path));
		if (lastModified != null) {
			element(xml, "lastmod", lastModified.toString());
		}
		xml.writeEndElement();
	}

	@GetMapping("/feed.xml")
	ResponseEntity<byte[]> feed(
			@RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding) {
		return pages.serve("/feed.xml", ATOM, acceptEncoding, () -> xml(this::feed));
	}

	private String feed() throws XMLStreamException {
		List<PublishedPage> tips = pages().filter(PublishedPage::healthTip)
			.sorted(Comparator.comparing(PublishedPage::published).reversed())
			.toList();
		Instant updated = tips.stream().map(PublishedPage::updated).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);

		StringWriter out = new StringWriter();
		XMLStreamWriter xml = XML_OUTPUT.createXMLStreamWriter(out);
		xml.writeStartDocument("UTF-8", "1.0");
		xml.writeStartElement("feed");
		xml.writeDefaultNamespace(ATOM_NS);
		xml.writeAttribute("xml:lang", "en-CA");
		element(xml, "id", clinic.url("/articles"));
		element(xml, "title", messages.getMessage("feed.title", new Object[] { clinic.name() },
				LocaleContextHolder.getLocale()));
		element(xml, "updated", timestamp(updated));
		link(xml, "self", clinic.url("/feed.xml"));
		link(xml, "alternate", clinic.url("/articles"));
		xml.writeStartElement("author");
		element(xml, "name", clinic.name());
		xml.writeEndElement();
		for (PublishedPage tip : tips) {
			xml.writeStartElement("entry");
			element(xml, "id", clinic.url(tip.path()));
			element(xml, "title", tip.title());
			link(xml, "alternate", clinic.url(tip.path()));
			element(xml, "published", timestamp(tip.published().atStartOfDay(clinic.timeZone()).toInstant()));
			element(xml, "updated", timestamp(tip.updated()));
			xml.writeStartElement("author");
			element(xml, "name", tip.authorName() != null ? tip.authorName() : clinic.name());
			xml.writeEndElement();
			element(xml, "summary", tip.summary());
			xml.writeEndElement();
		}
		xml.writeEndElement();
		xml.writeEndDocument();
		xml.close();
		return out.toString();
	}

	/** A document written with the XML writer, whose only checked exception cannot happen with a string writer. */
	private static String xml(XmlDocument document) {
		try {
			return document.write();
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException("Could not write XML", ex);
		}
	}

	@FunctionalInterface
	private interface XmlDocument {

		String write() throws XMLStreamException;

	}

	private Stream<PublishedPage> pages() {
		return content.stream().flatMap(source -> source.publishedPages().stream());
	}

	private static void link(XMLStreamWriter xml, String rel, String href) throws XMLStreamException {
		xml.writeEmptyElement("link");
		xml.writeAttribute("rel", rel);
		xml.writeAttribute("href", href);
	}

	private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
		xml.writeStartElement(name);
		xml.writeCharacters(text);
		xml.writeEndElement();
	}

	private static String timestamp(Instant instant) {
		return DateTimeFormatter.ISO_INSTANT.format(instant);
	}

}

package ca.gagephysio.site.seo;

import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.stereotype.Component;

import ca.gagephysio.clinic.ClinicFacts;
import ca.gagephysio.clinic.ClinicProperties;
import ca.gagephysio.site.PageMeta;

/**
 * Builds each page's JSON-LD as one {@code @graph} whose nodes point at each other by {@code @id}: the site, the
 * clinic (typed both {@code MedicalClinic} and {@code Physiotherapy}), the page itself, its breadcrumbs and, on
 * articles and bios, the article and the person. Every page repeats the site and the clinic so each stands on its
 * own, as search engines read pages one at a time. The clinic's node carries the current {@link ClinicFacts}: its
 * public email, its weekly hours, the weekdays it is closed and, when it closes on statutory holidays, each one of the
 * coming 12 months as a closed day under the name Ontario gives it (Victoria Day, Family Day...); and,
 * once a feature publishes prices ({@link ClinicOffers}), its {@code OfferCatalog}; and while the pages show a next
 * opening for new clients ({@link NextOpenings}), each one as an {@code Offer} the clinic makes, from that day.
 */
@Component
public class StructuredData {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String LANGUAGE = "en-CA";

	/** ISO 4217 code of every price the clinic publishes. */
	private static final String CURRENCY = "CAD";

	private final ClinicFacts clinic;

	/** Whoever publishes prices (none in a module test, or before a feature with prices is part of the build). */
	private final ObjectProvider<ClinicOffers> offers;

	/** Whoever shows the next openings for new clients (none in a module test). */
	private final ObjectProvider<NextOpenings> openings;

	StructuredData(ClinicFacts clinic) {
		this(clinic, new StaticListableBeanFactory().getBeanProvider(ClinicOffers.class),
				new StaticListableBeanFactory().getBeanProvider(NextOpenings.class));
	}

	@Autowired
	StructuredData(ClinicFacts clinic, ObjectProvider<ClinicOffers> offers, ObjectProvider<NextOpenings> openings) {
		this.clinic = clinic;
		this.offers = offers;
		this.openings = openings;
	}

	/** An ordinary page: the site, the clinic, the page and its breadcrumbs. */
	public String forPage(PageMeta page) {
		return graph(page, webPage(page, "WebPage"));
	}

	/** A health article: a {@code MedicalWebPage} reviewed by a clinician, whose main entity is the article. */
	public String forArticle(PageMeta page, ArticleFacts article) {
		Map<String, Object> webPage = webPage(page, "MedicalWebPage");
		if (article.condition() != null) {
			webPage.put("about", node("MedicalCondition", null, "name", article.condition()));
		}
		webPage.put("lastReviewed", article.lastReviewed().toString());
		webPage.put("reviewedBy", ref(personId(article.reviewer())));
		webPage.put("mainEntity", ref(pageUrl(page) + "#article"));

		Map<String, Object> articleNode = node("Article", pageUrl(page) + "#article", "headline", page.title());
		articleNode.put("description", page.description());
		articleNode.put("articleSection", article.section());
		articleNode.put("image", clinic.url(page.image()));
		articleNode.put("datePublished", article.published().toString());
		articleNode.put("dateModified", article.modified().toString());
		articleNode.put("author", ref(personId(article.author())));
		articleNode.put("publisher", ref(clinicId()));
		articleNode.put("mainEntityOfPage", ref(pageUrl(page) + "#webpage"));
		articleNode.put("inLanguage", LANGUAGE);

		List<Map<String, Object>> extra = new ArrayList<>(List.of(articleNode, person(article.author())));
		if (!article.reviewer().path().equals(article.author().path())) {
			extra.add(person(article.reviewer()));
		}
		return graph(page, webPage, extra.toArray(Map[]::new));
	}

	/** A clinician's bio: a {@code ProfilePage} whose main entity is the person. */
	public String forProfile(PageMeta page, Person person) {
		Map<String, Object> webPage = webPage(page, "ProfilePage");
		webPage.put("mainEntity", ref(personId(person)));
		return graph(page, webPage, person(person));
	}

	@SafeVarargs
	private String graph(PageMeta page, Map<String, Object> webPage, Map<String, Object>... extra) {
		List<Object> nodes = new ArrayList<>();
		nodes.add(website());
		nodes.add(clinicNode());
		nodes.add(webPage);
		nodes.add(breadcrumbs(page));
		nodes.addAll(List.of(extra));
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("@context", "https://schema.org");
		document.put("@graph", nodes);
		return safeInScript(JSON.writeValueAsString(document));
	}

	/**
	 * The JSON sits inside a {@code <script>} element, where {@code </script>} in a text would end it early. Escaping
	 * these characters keeps the JSON identical for a parser and inert for the HTML one.
	 */
	static String safeInScript(String json) {
		return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
	}

	private Map<String, Object> website() {
		Map<String, Object> site = node("WebSite", clinic.url("/") + "#website", "name", clinic.name());
		site.put("url", clinic.url("/"));
		site.put("publisher", ref(clinicId()));
		site.put("inLanguage", LANGUAGE);
		return site;
	}

	private Map<String, Object> clinicNode() {
		Map<String, Object> node = new LinkedHashMap<>();
		node.put("@type", List.of("MedicalClinic", "Physiotherapy"));
		node.put("@id", clinicId());
		node.put("name", clinic.name());
		node.put("url", clinic.url("/"));
		node.put("telephone", clinic.phone());
		if (clinic.email() != null && !clinic.email().isBlank()) {
			node.put("email", clinic.email());
		}
		node.put("medicalSpecialty", List.of("Physiotherapy", "Podiatric"));
		ClinicProperties.Address address = clinic.address();
		Map<String, Object> postal = node("PostalAddress", null, "streetAddress", address.street());
		postal.put("addressLocality", address.city());
		postal.put("addressRegion", address.region());
		postal.put("postalCode", address.postalCode());
		postal.put("addressCountry", address.country());
		node.put("address", postal);
		Map<String, Object> geo = node("GeoCoordinates", null, "latitude", clinic.geo().latitude());
		geo.put("longitude", clinic.geo().longitude());
		node.put("geo", geo);
		List<Map<String, Object>> hours = new ArrayList<>(
				clinic.hours().stream().map(StructuredData::openingHours).toList());
		if (!clinic.closedDays().isEmpty()) {
			hours.add(closedOn(clinic.closedDays()));
		}
		LocalDate today = clinic.today();
		clinic.holidaysBetween(today, today.plusYears(1)).forEach(holiday -> hours.add(closedAllDay(holiday)));
		node.put("openingHoursSpecification", hours);
		Map<String, Object> contact = node("ContactPoint", null, "contactType", "new client inquiries");
		contact.put("telephone", clinic.phone());
		contact.put("url", clinic.url("/inquiry"));
		contact.put("areaServed", address.region() + ", " + address.country());
		contact.put("availableLanguage", "English");
		node.put("contactPoint", contact);
		offers.orderedStream().flatMap(source -> source.offerCatalog().stream()).findFirst().ifPresent(catalog -> {
			node.put("currenciesAccepted", CURRENCY);
			if (!catalog.paymentMethods().isEmpty()) {
				node.put("paymentAccepted", String.join(", ", catalog.paymentMethods()));
			}
			node.put("hasOfferCatalog", offerCatalog(catalog));
		});
		List<Map<String, Object>> shown = openings.orderedStream()
			.flatMap(source -> source.shownOpenings().stream())
			.map(this::opening)
			.toList();
		if (!shown.isEmpty()) {
			node.put("makesOffer", shown);
		}
		return node;
	}

	/**
	 * A next opening for new clients as schema.org lets a business say when something it offers becomes available:
	 * an {@code Offer} with {@code availabilityStarts} (a date), named by the sentence the pages show, pointing at the
	 * inquiry form. See {@link NextOpenings} for why this shape.
	 */
	private Map<String, Object> opening(NextOpenings.Opening opening) {
		Map<String, Object> node = node("Offer", null, "name", opening.text());
		node.put("availabilityStarts", opening.date().toString());
		node.put("url", clinic.url("/inquiry"));
		node.put("offeredBy", ref(clinicId()));
		return node;
	}

	/**
	 * The clinic's prices as schema.org describes a business's catalog: an {@code OfferCatalog} whose items are
	 * {@code Offer}s of a {@code Service}, each priced by a {@code PriceSpecification} in CAD. The price is written
	 * as text with a dot and two decimals, as schema.org asks (no currency sign or thousands separator);
	 * {@code valueAddedTaxIncluded} is false where HST is added, and left out where none applies.
	 */
	private Map<String, Object> offerCatalog(ClinicOffers.OfferCatalog catalog) {
		String url = clinic.url(catalog.path());
		Map<String, Object> node = node("OfferCatalog", url + "#offers", "name", catalog.name());
		node.put("url", url);
		List<Map<String, Object>> items = new ArrayList<>();
		for (ClinicOffers.Offer offer : catalog.offers()) {
			Map<String, Object> service = node("Service", null, "name", offer.name());
			if (!offer.description().isBlank()) {
				service.put("description", offer.description());
			}
			service.put("provider", ref(clinicId()));
			String price = offer.price().setScale(2, RoundingMode.UNNECESSARY).toPlainString();
			Map<String, Object> specification = node("PriceSpecification", null, "price", price);
			specification.put("priceCurrency", CURRENCY);
			if (offer.taxAdded()) {
				specification.put("valueAddedTaxIncluded", false);
			}
			Map<String, Object> item = node("Offer", null, "itemOffered", service);
			item.put("price", price);
			item.put("priceCurrency", CURRENCY);
			item.put("priceSpecification", specification);
			item.put("url", url);
			items.add(item);
		}
		node.put("itemListElement", items);
		return node;
	}

	private static Map<String, Object> openingHours(ClinicProperties.OpeningHours hours) {
		List<String> days = hours.days().stream().sorted().map(StructuredData::schemaDay).toList();
		Map<String, Object> node = node("OpeningHoursSpecification", null, "dayOfWeek", days);
		node.put("opens", hours.opens().toString());
		node.put("closes", hours.closes().toString());
		return node;
	}

	/**
	 * The weekdays the clinic never opens, the way schema.org and Google describe a day closed all day: opening and
	 * closing at midnight.
	 */
	private static Map<String, Object> closedOn(List<DayOfWeek> days) {
		Map<String, Object> node = node("OpeningHoursSpecification", null, "dayOfWeek",
				days.stream().map(StructuredData::schemaDay).toList());
		node.put("opens", "00:00");
		node.put("closes", "00:00");
		return node;
	}

	/**
	 * A statutory holiday the clinic closes on, the way schema.org and Google describe a closed day: opening and
	 * closing at midnight, valid that one day.
	 */
	private static Map<String, Object> closedAllDay(ClinicFacts.Holiday holiday) {
		Map<String, Object> node = node("OpeningHoursSpecification", null, "name", holiday.name());
		node.put("opens", "00:00");
		node.put("closes", "00:00");
		node.put("validFrom", holiday.date().toString());
		node.put("validThrough", holiday.date().toString());
		return node;
	}

	private static String schemaDay(DayOfWeek day) {
		String name = day.name();
		return "https://schema.org/" + name.charAt(0) + name.substring(1).toLowerCase();
	}

	private Map<String, Object> webPage(PageMeta page, String type) {
		Map<String, Object> node = node(type, pageUrl(page) + "#webpage", "name", page.title());
		node.put("url", pageUrl(page));
		node.put("description", page.description());
		node.put("isPartOf", ref(clinic.url("/") + "#website"));
		node.put("breadcrumb", ref(pageUrl(page) + "#breadcrumb"));
		node.put("inLanguage", LANGUAGE);
		return node;
	}

	private Map<String, Object> breadcrumbs(PageMeta page) {
		List<PageMeta.Breadcrumb> trail = new ArrayList<>();
		trail.add(new PageMeta.Breadcrumb(clinic.name(), "/"));
		trail.addAll(page.breadcrumbs());
		List<Map<String, Object>> items = new ArrayList<>();
		for (int i = 0; i < trail.size(); i++) {
			Map<String, Object> item = node("ListItem", null, "position", i + 1);
			item.put("name", trail.get(i).name());
			item.put("item", clinic.url(trail.get(i).path()));
			items.add(item);
		}
		return node("BreadcrumbList", pageUrl(page) + "#breadcrumb", "itemListElement", items);
	}

	private Map<String, Object> person(Person person) {
		Map<String, Object> node = node("Person", personId(person), "name", person.name());
		node.put("jobTitle", person.jobTitle());
		if (person.published()) {
			node.put("url", clinic.url(person.path()));
		}
		node.put("worksFor", ref(clinicId()));
		if (person.description() != null) {
			node.put("description", person.description());
		}
		if (person.credentials() != null) {
			node.put("honorificSuffix", person.credentials());
		}
		if (person.imagePath() != null) {
			node.put("image", clinic.url(person.imagePath()));
		}
		return node;
	}

	/**
	 * A person's node id: on their bio page while it is public; otherwise a name on the home page, so that nothing
	 * in the graph points at an address that answers 404.
	 */
	private String personId(Person person) {
		if (!person.published()) {
			return clinic.url("/") + "#person-" + person.path().substring(person.path().lastIndexOf('/') + 1);
		}
		return clinic.url(person.path()) + "#person";
	}

	private String clinicId() {
		return clinic.url("/") + "#clinic";
	}

	private String pageUrl(PageMeta page) {
		return clinic.url(page.path());
	}

	private static Map<String, Object> ref(String id) {
		return Map.of("@id", id);
	}

	private static Map<String, Object> node(String type, String id, String key, Object value) {
		Map<String, Object> node = new LinkedHashMap<>();
		node.put("@type", type);
		if (id != null) {
			node.put("@id", id);
		}
		node.put(key, value);
		return node;
	}

	/**
	 * A clinician as structured data knows them.
	 *
	 * @param path their bio page, such as {@code /team/valerie-van-woudenberg}
	 * @param name their name
	 * @param jobTitle their profession, such as {@code Physiotherapist} (never typed as a {@code Physician})
	 * @param description a sentence or two about them, or {@code null}
	 * @param credentials letters after their name, such as {@code MScPT}, or {@code null}
	 * @param imagePath their photo's path on this site, or {@code null}
	 * @param published whether their bio page is public; if not, the graph names them without linking to it
	 */
	public record Person(String path, String name, String jobTitle, String description, String credentials,
			String imagePath, boolean published) {

		/** A person whose bio page is public. */
		public Person(String path, String name, String jobTitle, String description, String credentials,
				String imagePath) {
			this(path, name, jobTitle, description, credentials, imagePath, true);
		}

		/** A person known by name, title and description only (as an article's author is). */
		public Person(String path, String name, String jobTitle, String description, boolean published) {
			this(path, name, jobTitle, description, null, null, published);
		}

	}

	/**
	 * What an article's structured data says beyond its page's title, description and image.
	 *
	 * @param section its category, such as {@code Health Tips}
	 * @param published the day it was published
	 * @param modified the day it last changed
	 * @param lastReviewed the day a clinician last reviewed it
	 * @param author who wrote it
	 * @param reviewer who reviewed it
	 * @param condition the health condition it is about, or {@code null}
	 */
	public record ArticleFacts(String section, LocalDate published, LocalDate modified, LocalDate lastReviewed,
			Person author, Person reviewer, String condition) {
	}

}

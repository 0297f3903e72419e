package ca.gagephysio.site.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.View;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;


/**
 * Every public page as it leaves the server: rendered once, kept as UTF-8 bytes and gzipped at the highest level,
 * with a weak ETag, so a request costs no query, no templating and no compression, which is what lets the pages
 * keep up with a static file server. One cache for the whole site; the features feed it (their controllers call
 * {@link #serve}) and tell of their changes with one event, {@link PublicContentChanged}, whose one listener
 * ({@link ContentVersion}) drops it here and on every other instance.
 * <p>
 * <b>What is dropped, and when.</b> Everything, on any change: the site has few pages, and nearly every change shows
 * on many of them (an article's title is on the home page, the list, the feed, the sitemap and its related
 * articles; a clinician's name on every article they wrote; the clinic's facts in every footer). Dropped when the
 * transaction that published a {@link PublicContentChanged} has ended, so a page rendered between the write and the
 * commit (still reading the old rows) cannot stay; a page rendered from data read before a drop is served to its own
 * request but never stored (the {@linkplain #generation generation} moved on while it rendered).
 * <p>
 * <b>Changes that happen by themselves.</b> A scheduled article goes public without any write at its time. Each
 * feature whose pages change at a known instant publishes a {@link ChangeSchedule}; the cache asks them for the
 * earliest instant still to come and drops everything on the first request at or after it. That costs one clock
 * reading per request, is exact to the request, follows the injectable {@link Clock} in tests, and needs no job
 * (which could run late, or on every instance of the site at once). The instant is looked up again after every drop,
 * since an edit may have scheduled something.
 * <p>
 * <b>What is cached, and what is not.</b> Only successful responses: a renderer that throws (a 404 for an unknown
 * slug, a 301 for a former one) stores nothing, so a crawler probing random addresses cannot fill memory. The key
 * is built by the controller from the request values it reads (the path, and {@code ?page=} on the Health Tips
 * list, as a number the controller has checked): any other query parameter ({@code utm_*}, {@code fbclid}) serves
 * the same page rather than a copy of it. Pages that differ per request (a session, a CSRF token, a signed-in
 * person's name) are never served from here: public pages have none (the public filter chain is stateless), and the
 * inquiry form's one-time token and lead source are spliced into its cached page per request
 * ({@link #serveSpliced}). At most {@value #MAX_ENTRIES} entries (about 40 KB each): beyond that a page is
 * rendered for its request and not kept, which only a site with hundreds of articles would reach.
 * <p>
 * <b>The front door.</b> Even from memory, a page answered through Spring Security's filter chain and Spring MVC
 * (handler lookup, argument resolution, the return value's message converter, the security header writers) cost
 * about three times what nginx spends on the same static file; for small pages that overhead alone kept them under
 * 0.7x nginx's throughput ({@code benchmark/wrk-vs-nginx.sh}, docs/performance.md). So the first time a page is
 * sent, the whole response is kept ({@link #remember}), and {@link CachedPageFilter}, the first filter of every
 * request, answers the next identical GET with it ({@link #writeStored}). Those headers are the ones Spring Security wrote for that
 * request; the public chain is stateless and writes the same ones for every anonymous GET of a page, which is
 * why a response is kept per scheme (HSTS goes only over HTTPS) and never when it set a cookie. A drop clears the
 * kept responses with the pages. A spliced page (the inquiry form) is answered there too, with any query string:
 * its kept headers and halves, and the text its feature's {@link Insert} makes for the request, which reads the
 * request only as Spring Security's firewall lets it (see {@link #writeStored}).
 */
@Component
public class PageCache {

	private static final Logger log = LoggerFactory.getLogger(PageCache.class);

	/** What every cached page but the XML and text ones is. */
	public static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

	/**
	 * Headers of a sent page that are not kept: the container writes them for each response (length, date, transfer
	 * coding), {@link #writeStored} sets the encoding the reader accepts, and a response that set a cookie is never
	 * kept at all.
	 */
	private static final Set<String> NOT_KEPT = Set.of("content-type", "content-length", "content-encoding", "date",
			"transfer-encoding", "connection", "keep-alive", "set-cookie");

	private static final String SERVED = PageCache.class.getName() + ".SERVED";

	/** The path of the HTML page a request was answered with, for {@link PageViewListener}s. */
	private static final String VIEWED = PageCache.class.getName() + ".VIEWED";

	/** Bounds memory (identity plus gzip is about 40 KB per page): a few hundred pages fit a 96 MB heap. */
	static final int MAX_ENTRIES = 256;

	private final Map<String, Object> entries = new ConcurrentHashMap<>();

	/**
	 * The complete responses {@link CachedPageFilter} answers without Spring: each cached page as it was last sent,
	 * headers and all, by exact request target and scheme. At most twice {@link #MAX_ENTRIES}: only a request whose
	 * target is exactly its page's key is kept (see {@link #remember}).
	 */
	private final Map<String, StoredResponse> responses = new ConcurrentHashMap<>();

	/**
	 * The spliced pages' responses {@link CachedPageFilter} answers without Spring, by scheme and path (the query
	 * string only changes the insert): at most two per spliced page.
	 */
	private final Map<String, StoredSplicedResponse> splicedResponses = new ConcurrentHashMap<>();

	/** Moves on at every drop, so a page rendered from data read before a change is never stored after it. */
	private final AtomicLong generation = new AtomicLong();

	/** How many pages were rendered: tests read it to see a page came from the cache. */
	private final AtomicLong renders = new AtomicLong();

	/** How many requests {@link #writeStored} answered: tests read it to see which path answered. */
	private final LongAdder storedAnswers = new LongAdder();

	/** Lazily: a feature's schedule is its repository, asked after each drop, never while the context starts. */
	private final ObjectProvider<ChangeSchedule> schedules;

	/** Lazily: needed only to render a page, never while the context starts. */
	private final ObjectProvider<ThymeleafViewResolver> views;

	private final Clock clock;

	/** The firewall Spring Security's filter chain uses (WebSecurityConfig's), for the spliced pages' front door. */
	private final ObjectProvider<HttpFirewall> firewall;

	/** When the next scheduled change happens ({@link Instant#MAX} if none); {@code null} until looked up. */
	private volatile Instant refreshAt;

	private volatile boolean fullLogged;

	PageCache(ObjectProvider<ChangeSchedule> schedules, ObjectProvider<ThymeleafViewResolver> views,
			ObjectProvider<Clock> clock, ObjectProvider<HttpFirewall> firewall) {
		this.firewall = firewall;
		this.schedules = schedules;
		this.views = views;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/**
	 * Answers a public GET from the cache, rendering the page first if it is not there: 200 with the encoding the
	 * reader accepts, or 304 when the reader's {@code If-None-Match} names the page's ETag (Spring MVC compares it for
	 * a {@link ResponseEntity} that carries one). Public caching ({@link PublicCaching#PUBLIC_PAGE}).
	 *
	 * @param key what identifies the page: its path, with only the query parameters the controller reads
	 * @param type the content type
	 * @param acceptEncoding the request's {@code Accept-Encoding}
	 * @param render renders the page; throws (and stores nothing) when there is no such page
	 */
	public ResponseEntity<byte[]> serve(String key, MediaType type, String acceptEncoding, Supplier<String> render) {
		long seen = generation.get();
		RenderedPage page = get(key, RenderedPage.class, () -> RenderedPage.of(render.get()));
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			attributes.getRequest().setAttribute(SERVED, new Served(key, page, seen));
			if (HTML.equalsTypeAndSubtype(type)) {
				attributes.getRequest().setAttribute(VIEWED, pathOf(key));
			}
		}
		boolean gzip = acceptsGzip(acceptEncoding);
		ResponseEntity.BodyBuilder ok = ResponseEntity.ok()
			.contentType(type)
			.cacheControl(PublicCaching.PUBLIC_PAGE)
			.eTag(page.etag())
			.varyBy(HttpHeaders.ACCEPT_ENCODING);
		if (HTML.equalsTypeAndSubtype(type)) {
			ok.header(HttpHeaders.CONTENT_LANGUAGE, contentLanguage());
		}
		if (gzip) {
			// Set here, Tomcat sees the body is already encoded and does not compress it again.
			ok.header(HttpHeaders.CONTENT_ENCODING, "gzip");
		}
		return ok.body(page.body(gzip));
	}

	/**
	 * Answers a page that is the same for everyone except for one short run of text, such as a form's one-time
	 * token: the page is rendered once with {@code marker} where that text goes, and each request gets it with the
	 * text {@code insert} makes for it in its place. No ETag and no {@code Cache-Control} here: such a page is by
	 * nature never the same twice, and the security configuration marks it {@code no-store}. See
	 * {@link SplicedPage} for how the gzip body is made without compressing the page again. Once sent, the page is
	 * answered by {@link CachedPageFilter} for every GET of its path ({@link #writeStored}), with {@code insert}
	 * called there.
	 *
	 * @param key what identifies the page: its path, without a query string
	 * @param marker a string that appears exactly once in the rendered page, where the insert goes
	 * @param insert makes each request's text, HTML-escaped
	 * @param request the request being answered (its {@code Accept-Encoding} chooses gzip)
	 * @param render renders the page
	 */
	public ResponseEntity<byte[]> serveSpliced(String key, String marker, Insert insert, HttpServletRequest request,
			Supplier<String> render) {
		long seen = generation.get();
		SplicedPage page = get(key, SplicedPage.class, () -> SplicedPage.of(render.get(), marker));
		request.setAttribute(VIEWED, pathOf(key));
		request.setAttribute(SERVED, new ServedSpliced(key, page, seen, insert));
		boolean gzip = acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
		ResponseEntity.BodyBuilder ok = ResponseEntity.ok()
			.contentType(HTML)
			.header(HttpHeaders.CONTENT_LANGUAGE, contentLanguage())
			.varyBy(HttpHeaders.ACCEPT_ENCODING);
		if (gzip) {
			ok.header(HttpHeaders.CONTENT_ENCODING, "gzip");
		}
		byte[] middle = insert.forRequest(request).getBytes(StandardCharsets.UTF_8);
		return ok.body(gzip ? page.gzip(middle) : page.identity(middle));
	}

	/**
	 * Renders a Thymeleaf view with the ordinary view resolver, into a string instead of the response: what a
	 * controller's render function passes to {@link #serve}.
	 */
	public String render(String viewName, Map<String, ?> model, HttpServletRequest request,
			HttpServletResponse response) {
		try {
			View view = views.getObject().resolveViewName(viewName, LocaleContextHolder.getLocale());
			if (view == null) {
				throw new IllegalStateException("No view " + viewName);
			}
			ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response) {
				@Override
				public void setLocale(Locale locale) {
					// not on the response: serve() sends the language, the same on a rendered and on a cached answer
				}
			};
			view.render(model, request, captured);
			captured.flushBuffer();
			return new String(captured.getContentAsByteArray(), StandardCharsets.UTF_8);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not render " + viewName, ex);
		}
	}

	/**
	 * Answers a GET for a page already sent once from the bytes and headers kept then, without Spring MVC or Spring
	 * Security: what {@link CachedPageFilter} calls first. The request must be a GET for exactly a page's target,
	 * sent over the same scheme as before; an {@code If-None-Match} that names the page's ETag gets a 304 here (every
	 * public page is {@code no-cache}, so a returning reader's browser asks this on every visit);
	 * a spliced page's path, with any query string, gets the page with this request's insert
	 * ({@link #writeSpliced}); anything else returns {@code false} and takes the ordinary path, as does every page
	 * after a drop until it has been sent again. Checks the features' {@link ChangeSchedule}s first, as every cached
	 * answer does.
	 *
	 * @return whether the response was written
	 */
	boolean writeStored(HttpServletRequest request, HttpServletResponse response) throws IOException {
		refreshIfDue();
		StoredResponse stored = responses.get(responseKey(request));
		if (stored == null) {
			return writeSpliced(request, response);
		}
		if (stored.generation() != generation.get()) {
			return false;
		}
		String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
		if (ifNoneMatch != null && matches(ifNoneMatch, stored.page().etag())) {
			notModified(request, response, stored);
			return true;
		}
		boolean gzip = acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
		writeOk(request, response, stored.contentType(), stored.headers(), stored.route(), stored.viewedPath(), gzip,
				stored.page().body(gzip));
		return true;
	}

	/**
	 * Answers a GET for a spliced page already sent once ({@link #serveSpliced}): its path exactly, any query string,
	 * over the same scheme. Spring Security's firewall ({@link HttpFirewall}, the one its filter chain uses) checks the
	 * request first and wraps it, so the page's {@link Insert} reads parameters and headers only as the chain would
	 * let it: a request the firewall rejects, then or while the insert reads it, returns {@code false} and takes the
	 * ordinary path, which refuses it (400) as before.
	 *
	 * @return whether the response was written
	 */
	private boolean writeSpliced(HttpServletRequest request, HttpServletResponse response) throws IOException {
		StoredSplicedResponse stored = splicedResponses.get(pathKey(request));
		if (stored == null || stored.generation() != generation.get()) {
			return false;
		}
		byte[] middle;
		try {
			middle = stored.insert().forRequest(firewall.getObject().getFirewalledRequest(request))
				.getBytes(StandardCharsets.UTF_8);
		}
		catch (RequestRejectedException ex) {
			return false;
		}
		boolean gzip = acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
		writeOk(request, response, stored.contentType(), stored.headers(), stored.route(), stored.viewedPath(), gzip,
				gzip ? stored.page().gzip(middle) : stored.page().identity(middle));
		return true;
	}

	/**
	 * Writes a kept 200: the kept content type and headers, the body in the encoding chosen, and on the request what
	 * Spring MVC would have left there: the route the request metric tags the answer with, and the viewed page.
	 */
	private void writeOk(HttpServletRequest request, HttpServletResponse response, String contentType,
			List<String[]> headers, String route, String viewedPath, boolean gzip, byte[] body) throws IOException {
		if (route != null) {
			request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, route);
		}
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(contentType);
		for (String[] header : headers) {
			response.addHeader(header[0], header[1]);
		}
		if (gzip) {
			response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
		}
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		if (viewedPath != null) {
			request.setAttribute(VIEWED, viewedPath);
		}
		storedAnswers.increment();
	}

	/**
	 * A 304 without a body (RFC 9110 section 15.4.5): the headers the page was sent with, which include its ETag,
	 * {@code Cache-Control} and {@code Vary}, but none that describe a body.
	 */
	private void notModified(HttpServletRequest request, HttpServletResponse response, StoredResponse stored) {
		if (stored.route() != null) {
			request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, stored.route());
		}
		response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
		for (String[] header : stored.headers()) {
			if (!header[0].equalsIgnoreCase(HttpHeaders.CONTENT_LANGUAGE)) {
				response.addHeader(header[0], header[1]);
			}
		}
		if (stored.viewedPath() != null) {
			request.setAttribute(VIEWED, stored.viewedPath());
		}
		storedAnswers.increment();
	}

	/**
	 * Whether an {@code If-None-Match} names this ETag, by the weak comparison RFC 9110 section 13.1.2 prescribes
	 * for it ({@code W/"a"} matches {@code "a"}), or is {@code *}.
	 */
	static boolean matches(String ifNoneMatch, String etag) {
		String opaque = etag.startsWith("W/") ? etag.substring(2) : etag;
		for (String candidate : ifNoneMatch.split(",")) {
			String tag = candidate.strip();
			if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(opaque)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * After the ordinary path has sent a page from this cache, keeps the whole response (status 200, every header
	 * the filters and the controller set, none of them a cookie) for {@link #writeStored}. Only when the request's
	 * target is exactly the page's key: {@code /articles?utm_source=x} is the page {@code /articles} too, but is not
	 * kept as another response, so neither query strings nor odd spellings of a path can fill memory.
	 */
	void remember(HttpServletRequest request, HttpServletResponse response) {
		Object served = request.getAttribute(SERVED);
		if (!"GET".equals(request.getMethod()) || response.getStatus() != HttpServletResponse.SC_OK
				|| response.containsHeader(HttpHeaders.SET_COOKIE)) {
			return;
		}
		Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		if (served instanceof Served page && page.key().equals(target(request))
				&& page.generation() == generation.get() && entries.get(page.key()) == page.page()) {
			responses.put(responseKey(request), new StoredResponse(response.getContentType(), keptHeaders(response),
					page.page(), page.generation(), route instanceof String pattern ? pattern : null,
					viewedPath(request)));
		}
		// a spliced page by its path alone: each request's query string goes into its insert, not into the key
		else if (served instanceof ServedSpliced page && page.key().equals(request.getRequestURI())
				&& page.generation() == generation.get() && entries.get(page.key()) == page.page()) {
			splicedResponses.put(pathKey(request), new StoredSplicedResponse(response.getContentType(),
					keptHeaders(response), page.page(), page.generation(),
					route instanceof String pattern ? pattern : null, viewedPath(request), page.insert()));
		}
	}

	/** The headers of a sent page worth keeping: all but those {@link #NOT_KEPT}, in the order they were set. */
	private static List<String[]> keptHeaders(HttpServletResponse response) {
		List<String[]> headers = new ArrayList<>();
		for (String name : response.getHeaderNames()) {
			if (!NOT_KEPT.contains(name.toLowerCase(Locale.ROOT))) {
				for (String value : response.getHeaders(name)) {
					headers.add(new String[] { name, value });
				}
			}
		}
		return List.copyOf(headers);
	}

	/**
	 * Drops every page now. Only {@link ContentVersion} calls it: when a change's transaction has ended, and when
	 * another instance changed content. A feature publishes {@link PublicContentChanged} instead.
	 */
	void dropAll() {
		evictAll();
	}

	/**
	 * The path of the public HTML page this request was answered with (by {@link #serve}, {@link #serveSpliced} or
	 * {@link #writeStored}), without its query string; {@code null} when it was not answered with one (a feed, the
	 * sitemap, an error, anything not from this cache). The caller checks the status: a 304 has a page too.
	 */
	static String viewedPath(HttpServletRequest request) {
		return request.getAttribute(VIEWED) instanceof String path ? path : null;
	}

	/** A page's key without its query string: {@code /articles?page=2} is the page {@code /articles}. */
	private static String pathOf(String key) {
		int query = key.indexOf('?');
		return query < 0 ? key : key.substring(0, query);
	}

	/** How many pages have been rendered since start: a page served from the cache does not count. */
	long renders() {
		return renders.get();
	}

	/** How many requests were answered by {@link CachedPageFilter} with a kept response. */
	long storedAnswers() {
		return storedAnswers.sum();
	}

	int size() {
		return entries.size();
	}

	private <T> T get(String key, Class<T> kind, Supplier<T> render) {
		refreshIfDue();
		Object cached = entries.get(key);
		if (kind.isInstance(cached)) {
			return kind.cast(cached);
		}
		long before = generation.get();
		T page = render.get();
		renders.incrementAndGet();
		if (generation.get() == before) {
			if (entries.size() < MAX_ENTRIES || entries.containsKey(key)) {
				entries.put(key, page);
			}
			else if (!fullLogged) {
				fullLogged = true;
				log.warn("The page cache is full ({} pages): further pages are rendered for each request", MAX_ENTRIES);
			}
		}
		return page;
	}

	private void refreshIfDue() {
		Instant due = refreshAt;
		if (due == null || !clock.instant().isBefore(due)) {
			refresh();
		}
	}

	/** The page a request asks for: its path as sent, and its query string if it has one. */
	private static String target(HttpServletRequest request) {
		String query = request.getQueryString();
		return query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query;
	}

	/** Security headers differ by scheme (HSTS only over HTTPS), so a kept response is kept per scheme. */
	private static String responseKey(HttpServletRequest request) {
		return (request.isSecure() ? "https " : "http ") + target(request);
	}

	/** A kept spliced response's key: the scheme, as for {@link #responseKey}, and the path without the query. */
	private static String pathKey(HttpServletRequest request) {
		return (request.isSecure() ? "https " : "http ") + request.getRequestURI();
	}

	private void evictAll() {
		generation.incrementAndGet();
		entries.clear();
		responses.clear();
		splicedResponses.clear();
		refreshAt = null;
		fullLogged = false;
	}

	/** Drops every page if a scheduled change has come, and learns the next one. */
	private synchronized void refresh() {
		Instant now = clock.instant();
		Instant due = refreshAt;
		if (due != null && now.isBefore(due)) {
			return;
		}
		if (due != null) {
			evictAll();
		}
		long before = generation.get();
		Instant next = schedules.orderedStream()
			.map(schedule -> schedule.nextPageChangeAfter(now))
			.flatMap(Optional::stream)
			.min(Instant::compareTo)
			.orElse(Instant.MAX);
		// Something changed while we looked: leave it unknown, so the next request looks again after the commit.
		if (generation.get() == before) {
			refreshAt = next;
		}
	}

	/**
	 * What a page rendered by a view says without the cache (the dispatcher sets the response's locale, and Tomcat
	 * sends it), so the first answer and every cached one carry the same headers.
	 */
	private static String contentLanguage() {
		return LocaleContextHolder.getLocale().toLanguageTag();
	}

	/** True unless the reader does not accept gzip or refuses it with {@code q=0}. */
	static boolean acceptsGzip(String acceptEncoding) {
		if (acceptEncoding == null) {
			return false;
		}
		for (String coding : acceptEncoding.split(",")) {
			String[] parts = coding.trim().split(";");
			if (parts[0].trim().equalsIgnoreCase("gzip")) {
				for (int i = 1; i < parts.length; i++) {
					String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
					if (parameter.startsWith("q=") && parameter.substring(2).matches("0(\\.0{0,3})?")) {
						return false;
					}
				}
				return true;
			}
		}
		return false;
	}

	/** What {@link #serve} leaves on the request for {@link #remember}: the page, and the generation it belongs to. */
	private record Served(String key, RenderedPage page, long generation) {
	}

	/** What {@link #serveSpliced} leaves on the request for {@link #remember}, with the page's insert. */
	private record ServedSpliced(String key, SplicedPage page, long generation, Insert insert) {
	}

	/**
	 * A response as {@link #remember} kept it; {@code headers} are name/value pairs, in the order they were sent, and
	 * {@code route} the controller's mapping pattern (such as {@code /articles/{slug}}), or {@code null};
	 * {@code viewedPath} the page's path when it is an HTML page (see {@link #viewedPath}), or {@code null}.
	 */
	private record StoredResponse(String contentType, List<String[]> headers, RenderedPage page, long generation,
			String route, String viewedPath) {
	}

	/**
	 * A spliced response as {@link #remember} kept it: as {@link StoredResponse}, with the page's halves and the
	 * insert that makes each request's text.
	 */
	private record StoredSplicedResponse(String contentType, List<String[]> headers, SplicedPage page,
			long generation, String route, String viewedPath, Insert insert) {
	}

	/**
	 * Makes a spliced page's text for one request ({@link #serveSpliced}): the inquiry form's one-time token and the
	 * lead source's hidden fields.
	 */
	@FunctionalInterface
	public interface Insert {

		/**
		 * This request's text, HTML-escaped, to go where the page's marker was. Called on the request's thread, for
		 * every GET of the page: by {@link #serveSpliced} when Spring MVC answers it, and by
		 * {@link CachedPageFilter} before any other filter otherwise, with the request as Spring Security's firewall
		 * wraps it; so it reads only the request and beans that need no request scope, session or security context.
		 *
		 * @param request the request, its parameters and headers as the firewall lets them through
		 * @throws RequestRejectedException when it reads a parameter or header the firewall refuses; the request is
		 * then answered by the ordinary path, which refuses it too
		 */
		String forRequest(HttpServletRequest request);

	}

	/**
	 * Published by a feature whose public pages change at a known time without any write then (the article module:
	 * a scheduled article goes public).
	 */
	public interface ChangeSchedule {

		/** The earliest time still to come at which this feature's public pages change, if any. */
		Optional<Instant> nextPageChangeAfter(Instant now);

	}

}

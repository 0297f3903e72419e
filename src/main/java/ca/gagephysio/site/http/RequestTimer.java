package ca.gagephysio.site.http;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;

import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerMapping;

import ca.gagephysio.site.cache.CachedPageFilter;

/**
 * Times every request on the public port as the Prometheus timer {@value #METER} (seconds: count, sum and max per
 * {@code method}, {@code uri}, {@code status} and {@code outcome}, the tags Spring Boot's own request metric has), for
 * about the cost of two {@link System#nanoTime()} calls and one map look-up.
 * <p>
 * Hand-written rather than Spring's {@code ServerHttpObservationFilter} (switched off by
 * {@code management.observations.enable.http.server.requests=false}): an Observation per request builds a context,
 * a key-value set and a handler chain for a metric that needs none of them, and that cost a visible share of the
 * cached article page's throughput in {@code benchmark/wrk-vs-nginx.sh}. No percentile histogram, for the same
 * reason: the mean ({@code sum / count}) and the maximum are what the clinic watches.
 * <p>
 * Tag values are bounded, so a visitor cannot grow the registry: {@code uri} is the matched route pattern (such as
 * {@code /articles/{slug}}), {@code NOT_FOUND}, {@code REDIRECTION} or {@code UNKNOWN}, never the address typed;
 * {@code method} is one of the standard methods or {@code UNKNOWN}. Error pages rendered by the container's error
 * dispatch are counted once, with the original request's status.
 * <p>
 * Steps aside (passes every request straight on and registers nothing) unless
 * {@code management.observations.enable.http.server.requests} is {@code false}, as application.properties sets it:
 * with Spring's observation turned back on, that records the same meter itself, and two recorders of one name with
 * different tags would clash in the Prometheus registry. Decided from the environment when the application starts,
 * not by a {@code @ConditionalOnProperty}: Spring's ahead-of-time processing ({@code ./mvnw -Paot package}) would fix
 * such a condition at build time, on the build's settings.
 */
@Component
class RequestTimer implements Filter, Ordered {

	/** The property that turns Spring's own request observation on or off; this timer works only when it is off. */
	static final String OBSERVATION_PROPERTY = "management.observations.enable.http.server.requests";

	/** The name Spring Boot's request metric has, so dashboards made for it work unchanged. */
	static final String METER = "http.server.requests";

	private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
			"TRACE");

	private final MeterRegistry registry;

	private final boolean timing;

	private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();

	/**
	 * @param registry where the timers are registered
	 * @param environment where {@value #OBSERVATION_PROPERTY} is read, once: this timer works only when it is
	 * {@code false} (in any case, as Spring Boot compares it)
	 */
	RequestTimer(MeterRegistry registry, Environment environment) {
		this.registry = registry;
		this.timing = "false".equalsIgnoreCase(environment.getProperty(OBSERVATION_PROPERTY, "").trim());
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (!timing || !(request instanceof HttpServletRequest http)
				|| !(response instanceof HttpServletResponse answer)) {
			chain.doFilter(request, response);
			return;
		}
		long started = System.nanoTime();
		boolean thrown = true;
		try {
			chain.doFilter(request, response);
			thrown = false;
		}
		finally {
			// An exception that got this far becomes the container's 500 page.
			int status = thrown ? 500 : answer.getStatus();
			timer(new Key(method(http), uri(http, status), status)).record(System.nanoTime() - started,
					TimeUnit.NANOSECONDS);
		}
	}

	private Timer timer(Key key) {
		Timer timer = timers.get(key);
		return (timer != null) ? timer : timers.computeIfAbsent(key, this::register);
	}

	private Timer register(Key key) {
		return Timer.builder(METER)
			.description("Requests to the public port, timed by site.RequestTimer")
			.tag("method", key.method())
			.tag("uri", key.uri())
			.tag("status", Integer.toString(key.status()))
			.tag("outcome", Outcome.forStatus(key.status()).name())
			.register(registry);
	}

	private static String method(HttpServletRequest request) {
		String method = request.getMethod();
		return METHODS.contains(method) ? method : "UNKNOWN";
	}

	/** The same rule as Spring's {@code DefaultServerRequestObservationConvention}. */
	private static String uri(HttpServletRequest request, int status) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		if (pattern instanceof String route) {
			return route.isEmpty() ? "root" : route;
		}
		if (status >= 300 && status < 400) {
			return "REDIRECTION";
		}
		return (status == 404) ? "NOT_FOUND" : "UNKNOWN";
	}

	/**
	 * First of all filters but the character encoding, so the time includes Spring Security, every other filter and
	 * the page cache's front door ({@link CachedPageFilter}, which tags its answers with their route too).
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

	private record Key(String method, String uri, int status) {
	}

}

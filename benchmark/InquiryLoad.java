import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load for the inquiry form, run by inquiry-load.sh against a running instance: each virtual person GETs the form
 * (for a fresh one-time token, as a browser does), then POSTs a valid inquiry and expects the 303 to its
 * confirmation, which comes only after the inquiry is committed. Counts stored inquiries per second and the POST
 * latency percentiles. Bounded by a request count and a time limit.
 *
 * Usage: java InquiryLoad.java BASE_URL REQUESTS CONCURRENCY MAX_SECONDS WARMUP
 */
public class InquiryLoad {

	private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]+)\"");

	private static final String[] NAMES = { "Zoë Łukasiewicz-O'Brien", "王小明", "Ada Lovelace", "José Álvarez" };

	private static final String[] SERVICES = { "BACK_PAIN", "MASSAGE_THERAPY", "PHYSIOTHERAPY", "FOOT_CARE", "OTHER" };

	public static void main(String[] args) throws Exception {
		String base = args[0];
		int requests = Integer.parseInt(args[1]);
		int concurrency = Integer.parseInt(args[2]);
		long maxSeconds = Long.parseLong(args[3]);
		int warmup = Integer.parseInt(args[4]);
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		System.out.printf("Warming up with %d inquiries...%n", warmup);
		run(client, base, warmup, concurrency, maxSeconds, "warmup");
		System.out.printf("Measuring: up to %d inquiries, %d at a time, at most %d s%n", requests, concurrency, maxSeconds);
		run(client, base, requests, concurrency, maxSeconds, "run");
	}

	private static void run(HttpClient client, String base, int requests, int concurrency, long maxSeconds,
			String label) throws InterruptedException {
		AtomicInteger next = new AtomicInteger();
		AtomicInteger stored = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		List<Long> postNanos = Collections.synchronizedList(new ArrayList<>());
		List<Long> getNanos = Collections.synchronizedList(new ArrayList<>());
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
		ExecutorService pool = Executors.newFixedThreadPool(concurrency);
		long start = System.nanoTime();
		for (int worker = 0; worker < concurrency; worker++) {
			pool.execute(() -> {
				int n;
				while ((n = next.getAndIncrement()) < requests && System.nanoTime() < deadline) {
					try {
						long t0 = System.nanoTime();
						HttpResponse<String> form = client.send(HttpRequest.newBuilder(URI.create(base + "/inquiry?from=benchmark"))
							.timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
						long t1 = System.nanoTime();
						getNanos.add(t1 - t0);
						Matcher token = TOKEN.matcher(form.body());
						if (form.statusCode() != 200 || !token.find()) {
							failed.incrementAndGet();
							continue;
						}
						String body = "token=" + enc(token.group(1)) + "&name=" + enc(NAMES[n % NAMES.length])
								+ "&email=" + enc(label + "-" + n + "-" + System.nanoTime() + "@example.com")
								+ "&phone=" + enc("905-555-" + String.format("%04d", n % 10000))
								+ "&service=" + SERVICES[n % SERVICES.length] + "&askingAbout=BOTH&bestTime=ANY"
								+ "&message=" + enc("Benchmark inquiry " + n) + "&consent=true&from=benchmark";
						long t2 = System.nanoTime();
						HttpResponse<Void> sent = client.send(HttpRequest.newBuilder(URI.create(base + "/inquiry"))
							.timeout(Duration.ofSeconds(30))
							.header("Content-Type", "application/x-www-form-urlencoded")
							.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
						postNanos.add(System.nanoTime() - t2);
						if (sent.statusCode() == 303 && sent.headers().firstValue("Location").orElse("").contains("/inquiry/sent/")) {
							stored.incrementAndGet();
						}
						else {
							failed.incrementAndGet();
						}
					}
					catch (Exception ex) {
						failed.incrementAndGet();
					}
				}
			});
		}
		pool.shutdown();
		pool.awaitTermination(maxSeconds + 60, TimeUnit.SECONDS);
		double seconds = (System.nanoTime() - start) / 1e9;
		if (label.equals("warmup")) {
			System.out.printf("  warm-up: %d stored, %d failed in %.1f s%n", stored.get(), failed.get(), seconds);
			return;
		}
		System.out.printf("Inquiries stored:         %d (failed: %d) in %.1f s%n", stored.get(), failed.get(), seconds);
		System.out.printf("Inquiries stored per s:   %.1f (each one a GET of the form plus a POST)%n", stored.get() / seconds);
		System.out.printf("POST /inquiry latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n", pct(postNanos, 50),
				pct(postNanos, 90), pct(postNanos, 99), pct(postNanos, 100));
		System.out.printf("GET  /inquiry latency ms: p50 %.1f  p99 %.1f%n", pct(getNanos, 50), pct(getNanos, 99));
	}

	private static double pct(List<Long> nanos, int percentile) {
		List<Long> sorted = new ArrayList<>(nanos);
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		Collections.sort(sorted);
		int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}

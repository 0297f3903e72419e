package ca.gagephysio;

import java.net.http.HttpResponse;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The management port of the running test server (a random port in tests, {@code @LocalManagementPort}): health,
 * info and the Prometheus scrape, as a monitoring system on the clinic's machine reads them.
 */
public final class ManagementServer {

	private final LiveServer server;

	public ManagementServer(int managementPort) {
		this.server = new LiveServer(managementPort);
	}

	public HttpResponse<String> get(String path, String... headers) {
		return server.get(path, headers);
	}

	/** The Prometheus text exposition, as a scraper gets it. */
	public String scrape() {
		HttpResponse<String> response = server.get("/actuator/prometheus");
		if (response.statusCode() != 200) {
			throw new IllegalStateException("/actuator/prometheus answered " + response.statusCode());
		}
		return response.body();
	}

	/**
	 * The value of one series, named as it appears in the scrape, labels included in Prometheus' order, for
	 * example {@code clinic_inquiries{status="NEW"}}; empty if the scrape does not have it.
	 */
	public OptionalDouble value(String series) {
		Matcher line = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape());
		return line.find() ? OptionalDouble.of(Double.parseDouble(line.group(1))) : OptionalDouble.empty();
	}

}

package ca.gagephysio.site;

import java.net.http.HttpResponse;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.LiveServer;
import ca.gagephysio.ManagementServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the public port and the management port each answer: the public sees the site, {@code /livez} and
 * {@code /readyz}, and a 404 for every actuator path and the H2 console; health, build info and metrics are on the
 * management port, bound to the loopback.
 */
@ClinicIntegrationTest
class ManagementEndpointsTests {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	Environment environment;

	LiveServer site;

	ManagementServer management;

	@BeforeEach
	void servers() {
		site = new LiveServer(port);
		management = new ManagementServer(managementPort);
	}

	@Test
	void theManagementPortIsItsOwnAndListensOnTheLoopbackOnlyByDefault() {
		assertThat(managementPort).isNotEqualTo(port);
		assertThat(environment.getProperty("management.server.address")).isEqualTo("127.0.0.1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator", "/actuator/health", "/actuator/info", "/actuator/prometheus",
			"/actuator/metrics", "/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/loggers",
			"/actuator/shutdown", "/h2-console", "/h2-console/login.do" })
	void thePublicPortAnswers404ToActuatorPathsAndTheH2Console(String path) {
		assertThat(site.get(path).statusCode()).as(path).isEqualTo(404);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/loggers",
			"/actuator/metrics", "/actuator/shutdown", "/actuator/threaddump", "/h2-console" })
	void theManagementPortAnswers404ToEverythingNotDeclared(String path) {
		assertThat(management.get(path).statusCode()).as(path).isEqualTo(404);
	}

	@Test
	void thePublicPortAnswersLivenessAndReadinessWithTheStatusOnly() {
		HttpResponse<String> live = site.get("/livez");
		HttpResponse<String> ready = site.get("/readyz");

		assertThat(live.statusCode()).isEqualTo(200);
		assertThat(live.body()).isEqualTo("{\"status\":\"UP\"}");
		assertThat(ready.statusCode()).isEqualTo(200);
		assertThat(ready.body()).isEqualTo("{\"status\":\"UP\"}");
	}

	@Test
	void healthOnTheManagementPortHasLivenessAndReadinessGroupsAndReadinessChecksTheDatabaseNotMail() {
		HttpResponse<String> health = management.get("/actuator/health");
		HttpResponse<String> readiness = management.get("/actuator/health/readiness");
		HttpResponse<String> liveness = management.get("/actuator/health/liveness");

		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"")
			.contains("\"db\":")
			.contains("\"groups\":[\"liveness\",\"readiness\"]")
			.doesNotContain("\"mail\"");
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(environment.getProperty("management.endpoint.health.group.readiness.include"))
			.isEqualTo("readinessState,db");
	}

	@Test
	void infoGivesTheBuildVersionAndTheGitCommitItWasBuiltFrom() throws Exception {
		HttpResponse<String> info = management.get("/actuator/info");

		assertThat(info.statusCode()).isEqualTo(200);
		assertThat(info.body()).contains("\"build\":")
			.contains("\"artifact\":\"clinic-site\"")
			.contains("\"version\":\"1.0.0-SNAPSHOT\"");
		// git-commit-id-maven-plugin writes git.properties from .git; a copy without .git builds without it.
		ClassPathResource git = new ClassPathResource("git.properties");
		if (git.exists()) {
			String commit = PropertiesLoaderUtils.loadProperties(git).getProperty("git.commit.id.abbrev");
			assertThat(commit).matches("[0-9a-f]{7,}");
			assertThat(info.body()).containsPattern("\"git\":\\{.*\"commit\":\\{.*\"id\":\"" + commit + "\"");
		}
		else {
			assertThat(info.body()).doesNotContain("\"git\":");
		}
	}

	@Test
	void prometheusHasJvmDatasourceAndRequestMetrics() {
		assertThat(site.get("/articles/massage-for-back-pain").statusCode()).isEqualTo(200);
		assertThat(site.get("/no-such-page-" + System.nanoTime()).statusCode()).isEqualTo(404);

		String scrape = management.scrape();

		assertThat(scrape).contains("jvm_memory_used_bytes{")
			.contains("jvm_threads_live_threads")
			.contains("process_cpu_usage")
			.contains("hikaricp_connections_active{")
			.contains("hikaricp_connections_max{")
			.containsPattern("http_server_requests_seconds_count\\{method=\"GET\",outcome=\"SUCCESS\",status=\"200\","
					+ "uri=\"/articles/\\{slug\\}\"\\} [1-9]")
			.containsPattern("http_server_requests_seconds_max\\{[^}]*uri=\"/articles/\\{slug\\}\"")
			.containsPattern("http_server_requests_seconds_count\\{method=\"GET\",outcome=\"CLIENT_ERROR\","
					+ "status=\"404\",uri=\"(NOT_FOUND|/\\*\\*)\"\\} [1-9]")
			.doesNotContain("no-such-page")
			// Tomcat's session meters would always read 0: sessions live in the database (Spring Session)
			.doesNotContain("tomcat_");
	}

	@Test
	void aPageAnsweredByThePageCachesFrontDoorIsTimedUnderItsRoute() {
		assertThat(site.get("/team").statusCode()).isEqualTo(200);
		long before = count(management.scrape(), "/team");

		for (int i = 0; i < 3; i++) {
			assertThat(site.get("/team").statusCode()).isEqualTo(200);
		}

		assertThat(count(management.scrape(), "/team")).isEqualTo(before + 3);
	}

	private static long count(String scrape, String route) {
		java.util.regex.Matcher line = java.util.regex.Pattern
			.compile("http_server_requests_seconds_count\\{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\""
					+ java.util.regex.Pattern.quote(route) + "\"\\} ([0-9.]+)")
			.matcher(scrape);
		assertThat(line.find()).as("the request count of %s in %s", route, scrape).isTrue();
		return (long) Double.parseDouble(line.group(1));
	}

	@Test
	void aRequestWithAMadeUpMethodIsCountedUnderUnknown() {
		site.send(java.net.http.HttpRequest.newBuilder(site.uri("/privacy"))
			.method("FROBNICATE", java.net.http.HttpRequest.BodyPublishers.noBody())
			.build());

		assertThat(management.scrape()).contains("method=\"UNKNOWN\"").doesNotContain("FROBNICATE");
	}

}

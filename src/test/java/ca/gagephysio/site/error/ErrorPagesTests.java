package ca.gagephysio.site.error;

import java.net.http.HttpResponse;

import ca.gagephysio.ClinicIntegrationTest;
import ca.gagephysio.LiveServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@ClinicIntegrationTest
class ErrorPagesTests {

	@LocalServerPort
	int port;

	LiveServer server;

	@BeforeEach
	void connect() {
		server = new LiveServer(port);
	}

	@Test
	void unknownPageGetsTheSitesNotFoundPageWithThePhoneNumber() {
		HttpResponse<String> response = server.get("/no-such-page", "Accept", "text/html");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("We couldn&#39;t find that page")
			.contains("tel:+19055550100")
			.contains("name=\"robots\" content=\"noindex\"")
			.doesNotContain("Exception")
			.doesNotContain("Tomcat");
	}

}

package ca.gagephysio.site.http;

import java.nio.charset.StandardCharsets;

import ca.gagephysio.ClinicIntegrationTest;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The site answers on one host, the host of {@code clinic.base-url} ({@code http://localhost:8080} in the tests),
 * which is also the passkeys' relying party: any other host name is sent there with its path and query, and
 * passkeys are offered only where a browser can use them. Through the real filter chain, with the Host header a
 * browser would send.
 */
@ClinicIntegrationTest
class CanonicalHostTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void aPageAskedForUnderAnotherHostNameIsMovedPermanentlyToTheBaseUrlsHostKeepingPathAndQuery() {
		for (String host : new String[] { "www.localhost", "gagephysio.example", "LOCALHOST.example:8443" }) {
			MvcTestResult moved = mvc.get().uri("/articles/massage-for-back-pain?utm_source=flyer&x=1")
				.header("Host", host)
				.exchange();
			assertThat(moved).hasStatus(301)
				.hasHeader("Location", "http://localhost:8080/articles/massage-for-back-pain?utm_source=flyer&x=1");
		}
	}

	@Test
	void aPageAlreadyKeptByThePageCacheIsStillMovedForAnotherHost() {
		assertThat(mvc.get().uri("/privacy").exchange()).hasStatus(200);
		assertThat(mvc.get().uri("/privacy").exchange()).hasStatus(200);

		assertThat(mvc.get().uri("/privacy").header("Host", "www.gagephysio.example").exchange()).hasStatus(301)
			.hasHeader("Location", "http://localhost:8080/privacy");
	}

	@Test
	void aPostToAnotherHostIsRedirectedKeepingItsMethodSoAnInquiryIsNotLost() {
		MvcTestResult moved = mvc.post().uri("/inquiry").header("Host", "gagephysio.example").with(csrf())
			.param("name", "Kept Method")
			.exchange();

		assertThat(moved).hasStatus(308).hasHeader("Location", "http://localhost:8080/inquiry");
	}

	@Test
	void theBaseUrlsHostAnAddressAndTheProbesAreAnsweredWhereTheyAre() {
		assertThat(mvc.get().uri("/privacy").header("Host", "localhost:8080").exchange()).hasStatus(200);
		assertThat(mvc.get().uri("/privacy").header("Host", "127.0.0.1:8081").exchange()).hasStatus(200);
		assertThat(mvc.get().uri("/privacy").header("Host", "[::1]:8081").exchange()).hasStatus(200);
		assertThat(mvc.get().uri("/readyz").header("Host", "clinic-a.internal").exchange()).hasStatus(200);
		assertThat(mvc.get().uri("/livez").header("Host", "clinic-a.internal").exchange()).hasStatus(200);
	}

	@Test
	void passkeysAreOfferedOnTheBaseUrlsHostAndNotWhereABrowserCouldNotUseThem() throws Exception {
		assertThat(page("localhost")).contains("data-passkey-sign-in");
		assertThat(page("127.0.0.1")).doesNotContain("data-passkey-sign-in").contains("Staff sign-in");
	}

	@Test
	void aBrowserMakesPasskeysOnlyForHttpsOrLocalhostAndNeverForAnAddress() {
		assertThat(CanonicalHost.passkeysCanWork(java.net.URI.create("https://www.clinic.example"))).isTrue();
		assertThat(CanonicalHost.passkeysCanWork(java.net.URI.create("http://localhost:8080"))).isTrue();
		assertThat(CanonicalHost.passkeysCanWork(java.net.URI.create("http://www.clinic.example"))).isFalse();
		assertThat(CanonicalHost.passkeysCanWork(java.net.URI.create("https://127.0.0.1:8443"))).isFalse();
		assertThat(CanonicalHost.passkeysCanWork(java.net.URI.create("https://[::1]:8443"))).isFalse();
	}

	private String page(String host) throws Exception {
		MvcTestResult result = mvc.get().uri("/login").header("Host", host).exchange();
		assertThat(result).hasStatus(200);
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

}

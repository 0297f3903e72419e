package ca.gagephysio.site;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import ca.gagephysio.ClinicIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.server.PathContainer;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link StaticFiles}: every file under {@code classpath:/static/} is served, at its own address and at its
 * content-hashed one, cached for a year; and a link to anything else (a back-office page) is not looked up as a
 * file when a template writes it.
 */
@ClinicIntegrationTest
class StaticFilesTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private ResourceUrlProvider resourceUrls;

	@Test
	void everyStaticFileIsServedAtItsAddressAndItsHashedOneAndKeptForAYear() throws IOException {
		List<String> paths = staticFiles();
		assertThat(paths).contains("/css/site.css", "/favicon.svg", "/vendor/easymde/easymde.min.js");

		for (String path : paths) {
			assertThat(StaticFiles.PATHS.keySet().stream().anyMatch(pattern -> matches(pattern, path)))
				.as("%s is under one of StaticFiles.PATHS (a new folder of static/ must be added there)", path)
				.isTrue();
			assertThat(mvc.get().uri(path)).as(path)
				.hasStatusOk()
				.headers()
				.hasValue("Cache-Control", "max-age=31536000, public, immutable");
			String hashed = resourceUrls.getForLookupPath(path);
			assertThat(hashed).as("the hashed address of " + path).isNotNull().isNotEqualTo(path);
			assertThat(mvc.get().uri(hashed)).as(hashed).hasStatusOk();
		}
	}

	@Test
	void aLinkToABackOfficePageIsNotLookedUpAsAFile() {
		String link = "/staff/inquiries/123";

		assertThat(resourceUrls.getHandlerMap().keySet())
			.as("the static files' patterns (none may match every address, as Boot's /** did)")
			.noneMatch(pattern -> matches(pattern, link));
		assertThat(resourceUrls.getForLookupPath(link)).isNull();
	}

	@Test
	void anAddressThatIsNeitherAPageNorAFileIsNotFound() {
		assertThat(mvc.get().uri("/no-such-file.css")).hasStatus(404);
	}

	/** The addresses of the files under static/, as the site serves them. */
	private static List<String> staticFiles() throws IOException {
		Resource[] found = new PathMatchingResourcePatternResolver().getResources("classpath:/static/**/*.*");
		return Arrays.stream(found)
			.map(resource -> {
				try {
					String url = resource.getURL().toString();
					return url.substring(url.lastIndexOf("/static/") + "/static".length());
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			})
			.sorted()
			.toList();
	}

	private static boolean matches(String pattern, String path) {
		return PathPatternParser.defaultInstance.parse(pattern).matches(PathContainer.parsePath(path));
	}

}

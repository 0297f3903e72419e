package ca.gagephysio.notification;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import ca.gagephysio.ClinicIntegrationTest;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.StreamProvider;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running application names Jakarta Mail's stream provider (see {@link StreamProviderLookup}), and the name is
 * the implementation the class path declares for {@code ServiceLoader}: the look-up it saves would have found the
 * same class.
 */
@ClinicIntegrationTest
class StreamProviderLookupTests {

	@Test
	void theApplicationNamesTheStreamProviderTheClassPathDeclares() throws Exception {
		assertThat(System.getProperty(StreamProviderLookup.PROPERTY)).as("set when the application started")
			.isNotNull()
			.isEqualTo(declared());
		assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(declared());
		// what every email does: a part made with the provider found by name
		assertThat(new MimeMultipart("alternative").getContentType()).startsWith("multipart/alternative");
	}

	/** The one implementation named in the class path's META-INF/services files for the interface. */
	private static String declared() throws Exception {
		List<String> names = new ArrayList<>();
		for (URL file : Collections.list(StreamProviderLookupTests.class.getClassLoader()
			.getResources("META-INF/services/" + StreamProvider.class.getName()))) {
			try (var lines = new BufferedReader(new InputStreamReader(file.openStream(), StandardCharsets.UTF_8))) {
				lines.lines()
					.map(line -> line.replaceFirst("#.*", "").strip())
					.filter(line -> !line.isEmpty())
					.forEach(names::add);
			}
		}
		// (more than one jar may declare it: Angus Mail and a test library's copy of it)
		List<String> distinct = names.stream().distinct().toList();
		assertThat(distinct).as("implementations the class path declares").hasSize(1);
		return distinct.get(0);
	}

}

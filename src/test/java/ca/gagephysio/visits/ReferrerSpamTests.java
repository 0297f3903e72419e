package ca.gagephysio.visits;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The referrer-spam rules on their own; {@code VisitCountingTests} proves a spam referrer is not counted through
 * the real front door. Run after updating {@code referrer-spam.txt}: it checks every line still reads as a host.
 */
class ReferrerSpamTests {

	private final ReferrerSpam spam = new ReferrerSpam();

	@Test
	void everyLineOfTheListIsAHostName() throws IOException {
		try (InputStream in = ReferrerSpam.class.getResourceAsStream("referrer-spam.txt")) {
			List<String> hosts = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::strip)
				.filter(line -> !line.isEmpty() && !line.startsWith("#"))
				.toList();
			assertThat(hosts).as("Matomo's list, not a starter").hasSizeGreaterThan(2000)
				.allSatisfy(host -> assertThat(host).matches("[\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]+)+"));
			assertThat(spam.listed()).isEqualTo(hosts.stream().map(String::toLowerCase).distinct().count());
		}
	}

	@Test
	void aListedHostAndEveryHostUnderItAreSpamButNotAHostThatOnlyEndsLikeIt() {
		assertThat(spam.isSpam("semalt.com")).isTrue();
		assertThat(spam.isSpam("www.semalt.com")).isTrue();
		assertThat(spam.isSpam("a.b.darodar.com")).isTrue();
		assertThat(spam.isSpam("notsemalt.com")).isFalse();
		assertThat(spam.isSpam("com")).isFalse();
	}

	/** Lines of the maintained list as Matomo writes them: a trailing space and capitals do not stop a match. */
	@Test
	void aLineOfTheMaintainedListMatchesWhateverItsSpacesAndCase() {
		assertThat(spam.isSpam("prizesk.com")).as("listed as 'prizesk.com ' with a space").isTrue();
		assertThat(spam.isSpam("www.qiwi.xyz")).as("listed as 'QIWI.xyz'").isTrue();
		assertThat(spam.isSpam("blog.anapa-inns.ru")).isTrue();
	}

	@Test
	void aHostNamedForSellingSeoOrTrafficIsSpamWhateverTheList() {
		assertThat(spam.isSpam("cheap-seo-services.example")).isTrue();
		assertThat(spam.isSpam("seo.example")).isTrue();
		assertThat(spam.isSpam("get-traffic.example")).isTrue();
		assertThat(spam.isSpam("free-share-buttons.example")).isTrue();
		assertThat(spam.isSpam("backlinks.example.net")).isTrue();
	}

	@Test
	void ordinaryReferringSitesAreNotSpam() {
		for (String host : List.of("www.google.com", "www.facebook.com", "l.instagram.com", "seoulphysio.example",
				"museo.example", "hamiltonhealthsciences.ca", "www.reddit.com", "")) {
			assertThat(spam.isSpam(host)).as(host).isFalse();
		}
		assertThat(spam.isSpam(null)).isFalse();
	}

}
